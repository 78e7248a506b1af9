import { ws } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { SocketClient, StreamError, type SocketClientOptions } from '../../src/index.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let seq = 0;
const clients: Array<SocketClient<any>> = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.stop();
});

interface MockConnection {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/**
 * A mocked server on a fresh URL: counts connections, records every frame each connection
 * received (decoded), and lets the test script replies.
 */
function mockServer(onConnect?: (client: MockConnection, connection: number) => void, onFrame?: (client: MockConnection, frame: unknown) => void) {
  const url = `ws://socket.test/${++seq}`;
  const frames: unknown[][] = [];
  const connections: MockConnection[] = [];
  server.use(
    ws.link(url).addEventListener('connection', ({ client }) => {
      const received: unknown[] = [];
      frames.push(received);
      connections.push(client as unknown as MockConnection);
      client.addEventListener('message', (event) => {
        const frame = parseFrame(event.data);
        received.push(frame);
        onFrame?.(client as unknown as MockConnection, frame);
      });
      onConnect?.(client as unknown as MockConnection, connections.length);
    }),
  );
  return { url, frames, connections };
}

function parseFrame(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data; // plain text frames (a raw string sent as is)
  }
}

function makeClient<T = unknown>(options: SocketClientOptions<T>): SocketClient<T> {
  // random 0: a retry waits 0 ms, so a reconnect that should not happen would happen at once.
  const client = new SocketClient<T>({ random: () => 0, ...options });
  clients.push(client);
  return client;
}

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

describe('decoding', () => {
  test('JSON is decoded by default, every message in order', async () => {
    const { url } = mockServer((client) => {
      for (let n = 1; n <= 5; n++) client.send(JSON.stringify({ type: 'n', n }));
      client.send('"plain string"');
    });
    const seen: unknown[] = [];
    const client = makeClient({ url, onMessage: (m) => seen.push(m) });
    client.start();
    await vi.waitFor(() => expect(seen).toHaveLength(6));
    expect(seen).toEqual([1, 2, 3, 4, 5].map((n) => ({ type: 'n', n })).concat(['plain string' as never]));
    expect(client.getSnapshot().lastMessage).toBe('plain string');
    expect(client.getSnapshot().metrics.events).toBe(6);
  });

  test("decode: 'raw' passes text untouched", async () => {
    const { url } = mockServer((client) => client.send('{"a":1}'));
    const seen: unknown[] = [];
    makeClient({ url, decode: 'raw', onMessage: (m) => seen.push(m) }).start();
    await vi.waitFor(() => expect(seen).toEqual(['{"a":1}']));
  });

  test('malformed JSON is a parse error for that message; the connection stays up', async () => {
    const { url, connections } = mockServer((client) => {
      client.send('{"ok":1}');
      client.send('{not json');
      client.send('{"ok":2}');
    });
    const seen: unknown[] = [];
    const errors: StreamError[] = [];
    const snapshotsAtError: string[] = [];
    const client = makeClient({
      url,
      onMessage: (m) => seen.push(m),
      onError: (e) => {
        errors.push(e);
        snapshotsAtError.push(`${client.getSnapshot().status}:${client.getSnapshot().error?.kind}`);
      },
    });
    client.start();
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual([{ ok: 1 }, { ok: 2 }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(StreamError);
    expect(errors[0]!.kind).toBe('parse');
    expect(errors[0]!.willRetry).toBe(false);
    expect(snapshotsAtError).toEqual(['open:parse']);
    await tick();
    expect(client.getSnapshot().status).toBe('open');
    expect(connections).toHaveLength(1);
  });
});

describe('send and the outbound queue', () => {
  test('send returns queued before open, sent after; queued ones go out once, in order, after auth', async () => {
    const { url, frames } = mockServer();
    const client = makeClient({ url, auth: async () => ({ type: 'auth', token: 'secret' }) });
    expect(client.send({ n: 1 })).toBe('queued'); // idle: not started yet
    client.start();
    expect(client.send({ n: 2 })).toBe('queued'); // connecting
    expect(client.getSnapshot().queued).toBe(2);
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('open'));
    expect(client.send({ n: 3 })).toBe('sent');
    await vi.waitFor(() => expect(frames[0]).toHaveLength(4));
    expect(frames[0]).toEqual([{ type: 'auth', token: 'secret' }, { n: 1 }, { n: 2 }, { n: 3 }]);
    expect(client.getSnapshot().queued).toBe(0);
    expect(url).not.toContain('secret');
  });

  test("a full queue with whenFull: 'reject' rejects; 'drop-oldest' drops the oldest", async () => {
    const rejecting = mockServer();
    const a = makeClient({ url: rejecting.url, queue: { maxSize: 2, whenFull: 'reject' } });
    expect([a.send('a1'), a.send('a2'), a.send('a3')]).toEqual(['queued', 'queued', 'rejected']);
    a.start();
    await vi.waitFor(() => expect(rejecting.frames[0]).toEqual(['a1', 'a2']));

    const dropping = mockServer();
    const b = makeClient({ url: dropping.url, queue: { maxSize: 2 }, encode: (m) => JSON.stringify(m) });
    expect([b.send('b1'), b.send('b2'), b.send('b3')]).toEqual(['queued', 'queued', 'queued']);
    expect(b.getSnapshot().dropped).toBe(1);
    b.start();
    await vi.waitFor(() => expect(dropping.frames[0]).toEqual(['b2', 'b3']));
  });

  test('queue: false rejects while not open; a stopped client rejects', async () => {
    const { url } = mockServer();
    const client = makeClient({ url, queue: false });
    expect(client.send('x')).toBe('rejected');
    client.start();
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('open'));
    expect(client.send('x')).toBe('sent');
    client.stop();
    expect(client.getSnapshot().status).toBe('closed');
    expect(client.send('x')).toBe('rejected');
  });
});

describe('rooms', () => {
  test('default convention; joins made before open are sent after auth and before queued messages', async () => {
    const { url, frames } = mockServer();
    const client = makeClient({ url, auth: { type: 'auth', token: 't' } });
    client.join('lobby');
    client.send({ type: 'say', text: 'hi' });
    client.start();
    await vi.waitFor(() => expect(frames[0]).toHaveLength(3));
    client.join('kitchen');
    client.join('kitchen'); // already joined: nothing sent
    client.leave('lobby');
    client.leave('nowhere'); // not joined: nothing sent
    await vi.waitFor(() => expect(frames[0]).toHaveLength(5));
    await tick();
    expect(frames[0]).toEqual([
      { type: 'auth', token: 't' },
      { type: 'join', room: 'lobby' },
      { type: 'say', text: 'hi' },
      { type: 'join', room: 'kitchen' },
      { type: 'leave', room: 'lobby' },
    ]);
    expect(client.getSnapshot().rooms).toEqual(['kitchen']);
  });

  test('custom convention, and rooms are joined again after a reconnect', async () => {
    const { url, frames, connections } = mockServer();
    const client = makeClient({
      url,
      rooms: { join: (room) => ({ op: 'sub', channel: room }), leave: (room) => ({ op: 'unsub', channel: room }) },
    });
    client.start();
    client.join('a');
    client.join('b');
    await vi.waitFor(() => expect(frames[0]).toHaveLength(2));
    client.leave('a');
    await vi.waitFor(() => expect(frames[0]).toHaveLength(3));
    connections[0]!.close(1006, 'gone');
    await vi.waitFor(() => expect(frames[1]).toHaveLength(1));
    await tick();
    expect(frames[0]).toEqual([
      { op: 'sub', channel: 'a' },
      { op: 'sub', channel: 'b' },
      { op: 'unsub', channel: 'a' },
    ]);
    expect(frames[1]).toEqual([{ op: 'sub', channel: 'b' }]);
  });
});

describe('close codes', () => {
  test('1000: closed, no reconnect, code and reason surfaced', async () => {
    const { url, connections } = mockServer((client) => queueMicrotask(() => client.close(1000, 'bye')));
    const errors: StreamError[] = [];
    const client = makeClient({ url, onError: (e) => errors.push(e) });
    client.start();
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('closed'));
    await tick(30);
    const snapshot = client.getSnapshot();
    expect(snapshot.status).toBe('closed');
    expect(snapshot.error).toBeNull();
    expect([snapshot.closeCode, snapshot.closeReason]).toEqual([1000, 'bye']);
    expect(errors).toHaveLength(0);
    expect(connections).toHaveLength(1);
  });

  test('1006: reconnects (the contrast that makes the 1000 test meaningful)', async () => {
    const { url, connections } = mockServer((client, n) => {
      if (n === 1) queueMicrotask(() => client.close(1006, 'reset'));
    });
    const errors: StreamError[] = [];
    const client = makeClient({ url, onError: (e) => errors.push(e) });
    client.start();
    await vi.waitFor(() => expect(connections).toHaveLength(2));
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('open'));
    expect(errors.map((e) => [e.kind, e.willRetry, e.closeCode, e.closeReason])).toEqual([['network', true, 1006, 'reset']]);
    expect(client.getSnapshot().metrics.reconnects).toBe(1);
  });

  test('1008: an auth error, no reconnect; code and reason on the error and in the snapshot', async () => {
    const { url, connections } = mockServer((client) => queueMicrotask(() => client.close(1008, 'token expired')));
    const errors: StreamError[] = [];
    const client = makeClient({ url, onError: (e) => errors.push(e) });
    client.start();
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('error'));
    await tick(30);
    expect(connections).toHaveLength(1);
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect([error!.kind, error!.willRetry, error!.closeCode, error!.closeReason]).toEqual(['auth', false, 1008, 'token expired']);
    const snapshot = client.getSnapshot();
    expect(snapshot.error?.kind).toBe('auth');
    expect([snapshot.closeCode, snapshot.closeReason]).toEqual([1008, 'token expired']);
  });

  test('authCloseCodes is configurable: 4001 is an auth failure by default, not with a custom list', async () => {
    const byDefault = mockServer((client) => queueMicrotask(() => client.close(4001)));
    const a = makeClient({ url: byDefault.url });
    a.start();
    await vi.waitFor(() => expect(a.getSnapshot().error?.kind).toBe('auth'));

    const custom = mockServer((client, n) => {
      if (n === 1) queueMicrotask(() => client.close(4001));
    });
    const b = makeClient({ url: custom.url, authCloseCodes: [4999] });
    b.start();
    await vi.waitFor(() => expect(custom.connections).toHaveLength(2));
  });

  test('auth is resolved on every connection attempt; the token never goes into the URL unless asked', async () => {
    // The first connection is dropped (1011) once its auth message arrived.
    const { url, frames, connections } = mockServer(undefined, (client) => {
      if (frames.length === 1) client.close(1011);
    });
    let calls = 0;
    const client = makeClient({ url, auth: async () => ({ type: 'auth', token: `t${++calls}` }) });
    client.start();
    await vi.waitFor(() => expect(frames[1]).toHaveLength(1));
    expect(frames.map((f) => f[0])).toEqual([
      { type: 'auth', token: 't1' },
      { type: 'auth', token: 't2' },
    ]);
    expect(calls).toBe(2);
    expect(connections).toHaveLength(2);
  });

  test('authQueryParam puts the token in the query string (explicit opt-in)', async () => {
    let seenUrl = '';
    server.use(
      ws.link(/ws:\/\/query\.test\/feed.*/).addEventListener('connection', ({ client }) => {
        seenUrl = client.url.href;
      }),
    );
    const client = makeClient({ url: 'ws://query.test/feed', authQueryParam: { name: 'token', value: () => 'abc' } });
    client.start();
    await vi.waitFor(() => expect(seenUrl).toBe('ws://query.test/feed?token=abc'));
  });

  test('a throwing auth function is a callback error carrying what it threw, not retried', async () => {
    const { connections, url } = mockServer();
    const thrown = new Error('no session');
    const errors: StreamError[] = [];
    const client = makeClient({
      url,
      auth: () => {
        throw thrown;
      },
      onError: (error) => errors.push(error),
    });
    client.start();
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('error'));
    expect(client.getSnapshot().error?.kind).toBe('callback');
    expect(client.getSnapshot().error?.cause).toBe(thrown);
    expect(errors.map((error) => [error.kind, error.willRetry])).toEqual([['callback', false]]);
    expect(connections).toHaveLength(0);
  });
});

describe('request/ack correlation', () => {
  test('resolves with the reply carrying the same id, ignoring other ids', async () => {
    const { url } = mockServer(undefined, (client, frame) => {
      const { id, q } = frame as { id: string; q: number };
      client.send(JSON.stringify({ id: 'someone-else', answer: -1 }));
      client.send(JSON.stringify({ id, answer: q * 2 }));
    });
    const client = makeClient({ url });
    client.start();
    const [a, b] = await Promise.all([client.request({ q: 1 }), client.request({ q: 21 })]);
    expect(a).toMatchObject({ answer: 2 });
    expect(b).toMatchObject({ answer: 42 });
  });

  test('custom id field; a queued request is sent on open and still correlated', async () => {
    const { url, frames } = mockServer(undefined, (client, frame) => {
      const { rid } = frame as { rid: string };
      client.send(JSON.stringify({ type: 'ack', rid }));
    });
    const client = makeClient({ url, requestIdField: 'rid' });
    const reply = client.request({ type: 'save', rid: 'r-7' });
    client.start();
    await expect(reply).resolves.toEqual({ type: 'ack', rid: 'r-7' });
    expect(frames[0]).toEqual([{ type: 'save', rid: 'r-7' }]);
  });

  test('no reply within timeoutMs: request-timeout', async () => {
    const { url } = mockServer();
    const client = makeClient({ url });
    client.start();
    const error = await client.request({ type: 'slow' }, { timeoutMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).kind).toBe('request-timeout');
    expect(client.getSnapshot().status).toBe('open');
  });

  test('a second request under a pending id is refused and not sent', async () => {
    const { url, frames } = mockServer();
    const client = makeClient({ url });
    client.start();
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('open'));
    void client.request({ id: 'dup' }, { timeoutMs: 60_000 }).catch(() => {});
    await expect(client.request({ id: 'dup' })).rejects.toBeInstanceOf(TypeError);
    await vi.waitFor(() => expect(frames[0]).toHaveLength(1));
    await tick();
    expect(frames[0]).toEqual([{ id: 'dup' }]);
  });

  test('stop rejects pending requests with aborted', async () => {
    const { url } = mockServer();
    const client = makeClient({ url });
    client.start();
    const pending = client.request({ type: 'x' }, { timeoutMs: 60_000 }).catch((e: unknown) => e);
    client.stop();
    expect(((await pending) as StreamError).kind).toBe('aborted');
  });
});

test('subscribe(type) sees only that type, in order', async () => {
  const { url } = mockServer((client) => {
    for (const [type, n] of [['a', 1], ['b', 2], ['a', 3]] as const) client.send(JSON.stringify({ type, n }));
  });
  const client = makeClient({ url });
  const as: number[] = [];
  const all: number[] = [];
  const off = client.subscribe('a', (m) => as.push((m as { n: number }).n));
  client.on('message', (m) => all.push((m as { n: number }).n));
  client.start();
  await vi.waitFor(() => expect(all).toEqual([1, 2, 3]));
  expect(as).toEqual([1, 3]);
  off();
});

test('heartbeat pongs are consumed and measured, not passed to onMessage', async () => {
  const { url, frames } = mockServer(undefined, (client, frame) => {
    if ((frame as { type?: string }).type === 'ping') client.send('{"type":"pong"}');
  });
  const seen: unknown[] = [];
  const client = makeClient({ url, heartbeat: { intervalMs: 5, timeoutMs: 1_000 }, onMessage: (m) => seen.push(m) });
  client.start();
  await vi.waitFor(() => expect(client.getSnapshot().metrics.rttMs).not.toBeNull());
  expect(frames[0]![0]).toEqual({ type: 'ping' });
  expect(seen).toEqual([]);
});
