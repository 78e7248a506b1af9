/**
 * Silent and short streams from a real node:http server: a server that stalls must be cut by
 * the idle timeout (and the server must see the connection go), a stream that ends before its
 * terminal event is `truncated`.
 */
import { expect, test, vi } from 'vitest';
import { SSEClient } from '../../src/core/transport/sse-client.js';
import type { SSEEvent } from '../../src/core/transport/sse-events.js';
import type { StreamError } from '../../src/core/errors.js';
import { openEventStream, SSEServer, cleanupAfterEach } from './support/sse-server.js';
import { FakeClock } from '../unit/support/fakes.js';
import type { ServerResponse } from 'node:http';

let server: SSEServer | null = null;
const cleanup = cleanupAfterEach();

function track(url: string, options: Partial<ConstructorParameters<typeof SSEClient>[0]> = {}) {
  const events: SSEEvent[] = [];
  const errors: StreamError[] = [];
  const client = new SSEClient({
    url,
    retry: { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 },
    onEvent: (event) => events.push(event),
    onError: (error) => errors.push(error),
    ...options,
  });
  cleanup.client(client);
  return { client, events, errors, status: () => client.getSnapshot().status };
}

test('idle timeout: a server that stalls after one event is cut, and retried', async () => {
  server = cleanup.server(new SSEServer((_req, res, request) => {
    openEventStream(res);
    if (request.n === 1) {
      res.write('data: first\n\n');
      return; // then silence, with the connection open
    }
    res.end('data: again\n\ndata: [DONE]\n\n');
  }));
  await server.start();
  const { client, events, errors, status } = track(`${server.url}/s`, { idleTimeoutMs: 150 });
  client.start();
  await vi.waitFor(() => expect(status()).toBe('closed'), { timeout: 5_000 });
  expect(errors.map((error) => [error.kind, error.willRetry])).toEqual([['idle-timeout', true]]);
  expect(events.map((event) => event.data)).toEqual(['first', 'again', '[DONE]']);
  expect(server.requestCount).toBe(2);
  // The client really hung up on the stalled response.
  await server.requests[0]!.closed;
});

/** A server whose one stream the test writes by hand: resolves with it once the client asked. */
async function handWrittenStream(): Promise<{ url: string; response: Promise<ServerResponse> }> {
  let answer!: (res: ServerResponse) => void;
  const response = new Promise<ServerResponse>((resolve) => (answer = resolve));
  server = cleanup.server(new SSEServer((_req, res) => {
    openEventStream(res);
    answer(res);
  }));
  await server.start();
  return { url: `${server.url}/s`, response };
}

/** Waits until the client has read `total` bytes, or has stopped (the caller checks why). */
async function readBytes(client: SSEClient, total: number): Promise<void> {
  await vi.waitFor(
    () => {
      const { status, metrics } = client.getSnapshot();
      if (status === 'error' || status === 'closed') return;
      expect(metrics.bytes).toBe(total);
    },
    { timeout: 10_000, interval: 5 },
  );
}

test('idle timeout: comments keep a quiet stream alive', async () => {
  // Time is the injected clock, moved by the test only once the client has read each comment:
  // no real-time margin for a loaded machine to eat.
  const clock = new FakeClock();
  const { url, response } = await handWrittenStream();
  const { client, errors, status } = track(url, { idleTimeoutMs: 150, clock, retry: false });
  client.start();
  const res = await response;

  const comment = ': ping\n\n';
  // 8 comments, each followed by 100 ms of silence: 800 ms in all against a 150 ms idle
  // timeout, so only the comments can keep the stream up.
  for (let n = 1; n <= 8; n++) {
    res.write(comment);
    await readBytes(client, n * comment.length);
    expect(errors.map((error) => `${error.kind}: ${error.message}`)).toEqual([]);
    clock.advance(100);
  }
  res.write('data: [DONE]\n\n');
  await vi.waitFor(() => expect(status()).toBe('closed'), { timeout: 10_000, interval: 5 });
  expect(errors.map((error) => `${error.kind}: ${error.message}`)).toEqual([]);
  expect(server!.requestCount).toBe(1);
}, 30_000);

test('idle timeout: silence after a comment still times out (the control for the test above)', async () => {
  const clock = new FakeClock();
  const { url, response } = await handWrittenStream();
  const { client, errors, status } = track(url, { idleTimeoutMs: 150, clock, retry: false });
  client.start();
  (await response).write(': ping\n\n');
  await readBytes(client, 8);
  clock.advance(149);
  expect(errors).toEqual([]);
  clock.advance(1);
  await vi.waitFor(() => expect(status()).toBe('error'), { timeout: 10_000, interval: 5 });
  expect(errors.map((error) => [error.kind, error.willRetry])).toEqual([['idle-timeout', false]]);
  await server!.requests[0]!.closed;
}, 30_000);

test('first-byte timeout: headers never come', async () => {
  server = cleanup.server(new SSEServer(() => {
    // Never answers.
  }));
  await server.start();
  const { client, errors, status } = track(`${server.url}/s`, { firstByteTimeoutMs: 100, retry: false });
  client.start();
  await vi.waitFor(() => expect(status()).toBe('error'), { timeout: 5_000 });
  expect(errors.map((error) => [error.kind, error.willRetry])).toEqual([['first-byte-timeout', false]]);
  await server.requests[0]!.closed;
});

test('a stream that ends before its terminal event is truncated', async () => {
  server = cleanup.server(new SSEServer((_req, res) => {
    openEventStream(res);
    res.end('data: {"delta":"Hola"}\n\ndata: {"delta":" mun'); // cut inside an event
  }));
  await server.start();
  const { client, events, errors, status } = track(`${server.url}/s`, { retry: false });
  client.start();
  await vi.waitFor(() => expect(status()).toBe('error'), { timeout: 5_000 });
  expect(events.map((event) => event.data)).toEqual(['{"delta":"Hola"}']);
  expect(errors.map((error) => [error.kind, error.willRetry])).toEqual([['truncated', false]]);
  expect(server.requestCount).toBe(1);
});

test('a GET stream truncated without ids is retried from the start (and counted)', async () => {
  server = cleanup.server(new SSEServer((_req, res, request) => {
    openEventStream(res);
    res.end(request.n === 1 ? 'data: a\n\n' : 'data: a\n\ndata: b\n\nevent: end\ndata: \n\n');
  }));
  await server.start();
  const { client, events, errors, status } = track(`${server.url}/s`);
  client.start();
  await vi.waitFor(() => expect(status()).toBe('closed'), { timeout: 5_000 });
  expect(errors.map((error) => error.kind)).toEqual(['truncated']);
  expect(events.map((event) => event.data)).toEqual(['a', 'a', 'b', '']);
  expect(server.requestCount).toBe(2);
});
