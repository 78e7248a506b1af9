/**
 * SSEClient against a real node:http server that is killed (every socket destroyed, listener
 * closed) and restarted on the same port while it streams.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { expect, test, vi } from 'vitest';
import { SSEClient, type SSEClientOptions } from '../../src/core/transport/sse-client.js';
import type { SSEEvent } from '../../src/core/transport/sse-events.js';
import type { StreamError } from '../../src/core/errors.js';
import { openEventStream, SSEServer, cleanupAfterEach } from './support/sse-server.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const FAST_RETRY = { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 50 };

let server: SSEServer | null = null;
const cleanup = cleanupAfterEach();

async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  server = cleanup.server(new SSEServer(handler));
  await server.start();
  return server;
}

function track(options: Omit<SSEClientOptions, 'onEvent' | 'onError' | 'onOpen'>) {
  const events: SSEEvent[] = [];
  const errors: StreamError[] = [];
  let opens = 0;
  const client = new SSEClient({
    ...options,
    onEvent: (event) => events.push(event),
    onError: (error) => errors.push(error),
    onOpen: () => opens++,
  });
  cleanup.client(client);
  return { client, events, errors, opens: () => opens, status: () => client.getSnapshot().status };
}

/**
 * Streams events 1..total with ids, resuming after the request's Last-Event-ID. Each event is
 * written in two halves a moment apart, so a kill can land inside an event; `end` closes it.
 */
function resumableStream(srv: () => SSEServer, total: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    let next = Number(req.headers['last-event-id'] ?? '0') + 1;
    openEventStream(res);
    const step = () => {
      if (res.destroyed) return;
      if (next > total) {
        res.end('event: end\ndata: bye\n\n');
        return;
      }
      const n = next++;
      res.write(`id: ${n}\ndata: event ${n}`);
      srv().later(1, () => {
        if (res.destroyed) return;
        res.write('\n\n');
        srv().later(1, step);
      });
    };
    step();
  };
}

test('15 kills over a 300-event resumable stream: every id exactly once, in order', { timeout: 20_000 }, async () => {
  const TOTAL = 300;
  const KILLS = 15;
  const srv = await startServer(resumableStream(() => srv, TOTAL));
  let kills = 0;
  let restarting: Promise<void> | null = null;
  const { client, events, errors, opens, status } = track({ url: `${srv.url}/feed`, retry: FAST_RETRY });
  client.on('event', () => {
    // Every 20 events, crash the server and bring it back after a moment of refused connections.
    const received = events.length;
    if (restarting || kills >= KILLS || received % 20 !== 0) return;
    kills++;
    restarting = (async () => {
      await srv.kill();
      await sleep(15);
      await srv.start();
      restarting = null;
    })();
  });
  client.start();
  await vi.waitFor(() => expect(status()).toBe('closed'), { timeout: 18_000, interval: 20 });

  const ids = events.filter((event) => event.type === 'message').map((event) => Number(event.lastEventId));
  expect(ids).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
  expect(events.filter((event) => event.type === 'message').map((event) => event.data)).toEqual(
    ids.map((id) => `event ${id}`),
  );
  expect(events.at(-1)!.type).toBe('end');
  expect(kills).toBe(KILLS);
  expect(opens()).toBe(KILLS + 1);
  // Each resumed request asked for what followed the last id the client had.
  const resumed = srv.requests.filter((request) => request.headers['last-event-id'] !== undefined);
  expect(resumed.length).toBe(KILLS);
  expect(srv.requestCount).toBe(KILLS + 1);
  expect(errors.every((error) => error.kind === 'network' && error.willRetry)).toBe(true);
  expect(errors.length).toBeGreaterThanOrEqual(KILLS);
});

test('a POST killed mid-stream without ids is not re-sent', async () => {
  const srv = await startServer((_req, res) => {
    openEventStream(res);
    res.write('data: thinking\n\n');
  });
  const { client, events, errors, status } = track({
    url: `${srv.url}/chat`,
    method: 'POST',
    body: JSON.stringify({ message: 'hola' }),
    retry: FAST_RETRY,
  });
  client.start();
  await vi.waitFor(() => expect(events).toHaveLength(1));
  await srv.restart();
  await vi.waitFor(() => expect(status()).toBe('error'));
  await sleep(150); // many backoff periods: a re-send would have happened by now
  expect(srv.requestCount).toBe(1);
  expect(errors.map((error) => [error.kind, error.willRetry])).toEqual([['network', false]]);
});

test('a POST killed mid-stream with ids resumes with Last-Event-ID and the same body', async () => {
  const bodies: string[] = [];
  let srv!: SSEServer;
  const stream = resumableStream(() => srv, 10);
  srv = await startServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      bodies.push(body);
      stream(req, res);
    });
  });
  const { client, events, status } = track({
    url: `${srv.url}/chat`,
    method: 'POST',
    body: () => JSON.stringify({ message: 'hola' }),
    retry: FAST_RETRY,
  });
  let killed = false;
  // The id the client held when it reconnected (reads may coalesce, so not always exactly 4).
  const idAtOpen: string[] = [];
  client.on('open', () => idAtOpen.push(events.at(-1)?.lastEventId ?? ''));
  client.on('event', () => {
    if (events.length === 4 && !killed) {
      killed = true;
      void srv.restart();
    }
  });
  client.start();
  await vi.waitFor(() => expect(status()).toBe('closed'), { timeout: 5_000 });
  expect(events.filter((event) => event.type === 'message').map((event) => event.lastEventId)).toEqual(
    Array.from({ length: 10 }, (_, i) => String(i + 1)),
  );
  expect(srv.requestCount).toBe(2);
  expect(srv.requests[0]!.headers['last-event-id']).toBeUndefined();
  expect(idAtOpen[0]).toBe('');
  expect(Number(idAtOpen[1])).toBeGreaterThanOrEqual(4);
  expect(srv.requests[1]!.headers['last-event-id']).toBe(idAtOpen[1]);
  expect(bodies).toEqual(['{"message":"hola"}', '{"message":"hola"}']);
});
