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

test('idle timeout: comments keep a quiet stream alive', async () => {
  server = cleanup.server(new SSEServer((_req, res) => {
    openEventStream(res);
    let pings = 0;
    const ping = () => {
      if (res.destroyed) return;
      if (++pings > 8) return void res.end('data: [DONE]\n\n');
      res.write(': ping\n\n');
      server!.later(50, ping);
    };
    ping();
  }));
  await server.start();
  // 8 pings 50 ms apart (400 ms in all) with a 150 ms idle timeout: only the pings keep it up.
  const { client, errors, status } = track(`${server.url}/s`, { idleTimeoutMs: 150 });
  client.start();
  await vi.waitFor(() => expect(status()).toBe('closed'), { timeout: 5_000 });
  expect(errors.map((error) => `${error.kind}: ${error.message}`)).toEqual([]);
  expect(server.requestCount).toBe(1);
});

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
