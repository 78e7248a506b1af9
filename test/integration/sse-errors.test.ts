/**
 * HTTP failures from a real node:http server: each must surface as the right StreamError kind
 * and status, and the server must see exactly as many requests as the retry rule allows.
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, test, vi } from 'vitest';
import type { BackoffOptions } from '../../src/core/backoff.js';
import { SSEClient } from '../../src/core/transport/sse-client.js';
import type { StreamError, StreamErrorKind } from '../../src/core/errors.js';
import { SSEServer, cleanupAfterEach } from './support/sse-server.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let server: SSEServer | null = null;
const cleanup = cleanupAfterEach();

interface Case {
  name: string;
  respond: (res: ServerResponse) => void;
  retry?: BackoffOptions;
  kind: StreamErrorKind | null;
  status?: number;
  requests: number;
  retryAfterMs?: number;
}

const text = (status: number, type: string, body: string, headers: Record<string, string> = {}) => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body);
};

const cases: Case[] = [
  { name: '401 → auth, never retried', respond: text(401, 'application/json', '{"error":"expired"}'), kind: 'auth', status: 401, requests: 1 },
  { name: '403 → auth, never retried', respond: text(403, 'text/plain', 'forbidden'), kind: 'auth', status: 403, requests: 1 },
  { name: '404 → http, never retried', respond: text(404, 'text/plain', 'no such stream'), kind: 'http', status: 404, requests: 1 },
  {
    name: '429 + Retry-After: 1, maxAttempts 2 → 3 requests',
    respond: text(429, 'text/plain', 'slow down', { 'retry-after': '1' }),
    retry: { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 2 },
    kind: 'http',
    status: 429,
    requests: 3,
    retryAfterMs: 1_000,
  },
  {
    name: '500 → retried up to maxAttempts (3 → 4 requests)',
    respond: text(500, 'text/plain', 'boom'),
    retry: { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 },
    kind: 'http',
    status: 500,
    requests: 4,
  },
  { name: '200 text/html → content-type', respond: text(200, 'text/html', '<h1>Login</h1>'), kind: 'content-type', status: 200, requests: 1 },
  {
    name: '200 application/json (wrong content type) → content-type',
    respond: text(200, 'application/json', '{"data":1}'),
    kind: 'content-type',
    status: 200,
    requests: 1,
  },
  {
    name: '204 → closed without an error (the "stop reconnecting" answer)',
    respond: (res) => {
      res.writeHead(204);
      res.end();
    },
    kind: null,
    requests: 1,
  },
];

describe('HTTP failures', () => {
  test.each(cases)('$name', { timeout: 10_000 }, async (c) => {
    server = cleanup.server(new SSEServer((_req, res) => c.respond(res)));
    await server.start();
    const errors: StreamError[] = [];
    const client = new SSEClient({
      url: `${server.url}/stream`,
      retry: c.retry ?? { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 5 },
      onError: (error) => errors.push(error),
    });
    cleanup.client(client);
    client.start();
    const finalStatus = c.kind === null ? 'closed' : 'error';
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe(finalStatus), { timeout: 8_000, interval: 10 });
    await sleep(100); // a stray extra retry would land well within this
    expect(server.requestCount).toBe(c.requests);
    if (c.kind === null) {
      expect(errors).toEqual([]);
      return;
    }
    expect(errors).toHaveLength(c.requests);
    expect(errors.map((error) => [error.kind, error.status])).toEqual(Array(c.requests).fill([c.kind, c.status]));
    expect(errors.map((error) => error.willRetry)).toEqual([...Array(c.requests - 1).fill(true), false]);
    if (c.retryAfterMs !== undefined) expect(errors[0]!.retryAfterMs).toBe(c.retryAfterMs);
    expect(client.getSnapshot().error).toBe(errors.at(-1));
  });

  test('connection refused is a network error and is retried', async () => {
    server = cleanup.server(new SSEServer((_req, res) => text(200, 'text/event-stream', 'data: [DONE]\n\n')(res)));
    await server.start();
    const url = `${server.url}/s`;
    await server.kill();
    const errors: StreamError[] = [];
    const client = new SSEClient({
      url,
      retry: { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 2 },
      onError: (error) => errors.push(error),
    });
    cleanup.client(client);
    client.start();
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('error'), { timeout: 5_000 });
    expect(errors.map((error) => [error.kind, error.willRetry])).toEqual([
      ['network', true],
      ['network', true],
      ['network', false],
    ]);
  });
});
