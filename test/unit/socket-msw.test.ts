import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { SocketClient, type StreamError } from '../../src/index.js';
import { flakySocket, roomsServer, socketFeed } from '../../src/msw/index.js';

// The scenario helpers stories use, driven by the real client.

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const clients: SocketClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.stop();
});

function client(url: string, extra: Partial<ConstructorParameters<typeof SocketClient>[0]> = {}) {
  const c = new SocketClient({ url, random: () => 0, ...extra });
  clients.push(c);
  return c;
}

test('socketFeed plays its messages in order and answers pings', async () => {
  server.use(socketFeed('ws://msw.test/feed', [{ n: 1 }, { n: 2 }, { n: 3 }], { intervalMs: 1 }));
  const seen: unknown[] = [];
  const c = client('ws://msw.test/feed', { heartbeat: { intervalMs: 5 }, onMessage: (m) => seen.push(m) });
  c.start();
  await vi.waitFor(() => expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]));
  await vi.waitFor(() => expect(c.getSnapshot().metrics.rttMs).not.toBeNull());
});

test('flakySocket drops the first connection after dropAfter ticks, then recovers', async () => {
  server.use(flakySocket('ws://msw.test/flaky', { intervalMs: 1, dropAfter: 2, dropConnections: 1 }));
  const ticks: Array<{ n: number; connection: number }> = [];
  const errors: StreamError[] = [];
  const c = client('ws://msw.test/flaky', {
    onMessage: (m) => ticks.push(m as { n: number; connection: number }),
    onError: (e) => errors.push(e),
  });
  c.start();
  await vi.waitFor(() => expect(ticks.length).toBeGreaterThanOrEqual(4));
  expect(ticks.slice(0, 4)).toEqual([
    { type: 'tick', n: 1, connection: 1 },
    { type: 'tick', n: 2, connection: 1 },
    { type: 'tick', n: 3, connection: 2 },
    { type: 'tick', n: 4, connection: 2 },
  ]);
  expect(errors.map((e) => [e.kind, e.closeCode, e.willRetry])).toEqual([['network', 1006, true]]);
});

test('roomsServer: membership replies, room broadcast to members only, echo otherwise', async () => {
  server.use(roomsServer('ws://msw.test/rooms'));
  const a: unknown[] = [];
  const b: unknown[] = [];
  const ca = client('ws://msw.test/rooms', { onMessage: (m) => a.push(m) });
  const cb = client('ws://msw.test/rooms', { onMessage: (m) => b.push(m) });
  ca.join('red');
  ca.start();
  cb.start();
  await vi.waitFor(() => expect(a).toEqual([{ type: 'joined', room: 'red' }]));
  await vi.waitFor(() => expect(cb.getSnapshot().status).toBe('open'));
  cb.send({ type: 'say', room: 'red', text: 'hi' });
  await vi.waitFor(() => expect(a).toHaveLength(2));
  expect(a[1]).toEqual({ type: 'say', room: 'red', text: 'hi' });
  expect(b).toEqual([]); // b is not a member
  await expect(cb.request({ type: 'echo' })).resolves.toMatchObject({ type: 'echo' });
});
