import { expect, test } from 'vitest';
import {
  SocketClient,
  type FrameSource,
  type SocketClientOptions,
  type StreamError,
  type WebSocketConstructor,
  type WebSocketLike,
} from '../../src/index.js';
import { FakeClock as ManualClock, FakeEnvironment } from './support/fakes.js';

// Deterministic reconnection tests: a scripted WebSocket and a hand-driven clock, so delays are
// asserted exactly and leftover timers are counted.


/** Frames that never fire on their own; counts outstanding requests. */
function manualFrames() {
  const pending = new Set<number>();
  let id = 0;
  const frames: FrameSource = {
    request: () => {
      pending.add(++id);
      return id;
    },
    cancel: (handle) => {
      pending.delete(handle as number);
    },
  };
  return { frames, pending };
}

interface FakeSocket extends WebSocketLike {
  url: string;
  sent: unknown[];
  closedWith: [number | undefined, string | undefined] | null;
  open(): void;
  receive(data: string): void;
  drop(code?: number, reason?: string): void;
}

function fakeWebSocket() {
  const sockets: FakeSocket[] = [];
  class Fake implements FakeSocket {
    readyState = 0;
    binaryType = 'blob';
    onopen: ((event: unknown) => void) | null = null;
    onmessage: ((event: unknown) => void) | null = null;
    onclose: ((event: unknown) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    sent: unknown[] = [];
    closedWith: [number | undefined, string | undefined] | null = null;
    constructor(public url: string) {
      sockets.push(this);
    }
    send(data: unknown) {
      if (this.readyState !== 1) throw new Error('not open');
      this.sent.push(data);
    }
    close(code?: number, reason?: string) {
      this.closedWith = [code, reason];
      this.readyState = 3;
    }
    open() {
      this.readyState = 1;
      this.onopen?.({});
    }
    receive(data: string) {
      this.onmessage?.({ data });
    }
    drop(code = 1006, reason = '') {
      this.readyState = 3;
      this.onclose?.({ code, reason });
    }
  }
  return { WebSocket: Fake as WebSocketConstructor, sockets };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setup(options: Partial<SocketClientOptions> = {}) {
  const clock = new ManualClock();
  const { frames, pending: pendingFrames } = manualFrames();
  const { WebSocket, sockets } = fakeWebSocket();
  const errors: StreamError[] = [];
  const client = new SocketClient({
    url: 'ws://fake.test/feed',
    WebSocket,
    clock,
    frames,
    random: () => 0.5,
    onError: (e) => errors.push(e),
    ...options,
  });
  return { clock, pendingFrames, sockets, errors, client };
}

test('full-jitter exponential backoff, then gives up after maxAttempts', async () => {
  const { clock, sockets, errors, client } = setup({ retry: { initialDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: 3 } });
  client.start();
  await flush();
  expect(sockets).toHaveLength(1);
  // random 0.5: delays are half the ceiling min(cap, 1000·2^n): 500, 1000, 2000.
  for (const [index, delay] of [500, 1_000, 2_000].entries()) {
    sockets[index]!.drop(1006);
    expect(client.getSnapshot().status).toBe('reconnecting');
    clock.advance(delay - 1);
    await flush();
    expect(sockets).toHaveLength(index + 1);
    clock.advance(1);
    await flush();
    expect(sockets).toHaveLength(index + 2);
  }
  sockets[3]!.drop(1006);
  expect(client.getSnapshot().status).toBe('error');
  expect(errors.map((e) => [e.kind, e.attempt, e.willRetry])).toEqual([
    ['network', 1, true],
    ['network', 2, true],
    ['network', 3, true],
    ['network', 4, false],
  ]);
  expect(clock.pending).toBe(0);
});

test('a handshake that never completes fails with first-byte-timeout and is retried', async () => {
  const { clock, sockets, errors, client } = setup({ connectTimeoutMs: 5_000 });
  client.start();
  await flush();
  clock.advance(4_999);
  expect(errors).toHaveLength(0);
  clock.advance(1);
  expect(errors.map((e) => [e.kind, e.willRetry])).toEqual([['first-byte-timeout', true]]);
  expect(sockets[0]!.closedWith?.[0]).toBe(4000);
  clock.advance(500);
  await flush();
  expect(sockets).toHaveLength(2);
});

test('a missed pong closes the socket and reconnects with idle-timeout; RTT is recorded', async () => {
  const { clock, sockets, errors, client } = setup({ heartbeat: { intervalMs: 1_000, timeoutMs: 300 } });
  client.start();
  await flush();
  sockets[0]!.open();
  clock.advance(1_000);
  expect(sockets[0]!.sent).toEqual(['{"type":"ping"}']);
  clock.advance(40);
  sockets[0]!.receive('{"type":"pong"}');
  expect(client.getSnapshot().metrics.rttMs).toBe(40);
  clock.advance(960); // second ping, never answered
  expect(sockets[0]!.sent).toHaveLength(2);
  clock.advance(299);
  expect(errors).toHaveLength(0);
  clock.advance(1);
  expect(errors.map((e) => [e.kind, e.willRetry])).toEqual([['idle-timeout', true]]);
  expect(sockets[0]!.closedWith?.[0]).toBe(4000);
  expect(client.getSnapshot().status).toBe('reconnecting');
  clock.advance(500);
  await flush();
  expect(sockets).toHaveLength(2);
});

test('stop closes with 1000 and leaves no timer and no frame behind', async () => {
  const { clock, pendingFrames, sockets, client } = setup({ heartbeat: true });
  const unsubscribe = client.subscribe(() => {});
  client.start();
  await flush();
  sockets[0]!.open();
  const request = client.request({ type: 'q' }, { timeoutMs: 60_000 }).catch((e: StreamError) => e.kind);
  client.send({ type: 'x' });
  expect(clock.pending).toBeGreaterThan(0);
  client.stop();
  expect(sockets[0]!.closedWith).toEqual([1000, 'client stopped']);
  expect(client.getSnapshot().status).toBe('closed');
  expect(await request).toBe('aborted');
  expect(clock.pending).toBe(0);
  expect(pendingFrames.size).toBe(0);
  unsubscribe();
});

test('while offline no retry timer runs; coming back online reconnects at once', async () => {
  const environment = new FakeEnvironment();
  environment.online = false;
  const { clock, sockets, client } = setup({ environment });
  client.start();
  await flush();
  sockets[0]!.drop(1006);
  expect(clock.pending).toBe(0);
  environment.setOnline(true);
  await flush();
  expect(sockets).toHaveLength(2);
});

test('requests written to a connection that drops fail with network; queued ones survive', async () => {
  const { clock, sockets, client } = setup();
  client.start();
  await flush();
  sockets[0]!.open();
  const sent = client.request({ type: 'a' }).catch((e: StreamError) => e.kind);
  sockets[0]!.drop(1006);
  const queued = client.request({ type: 'b' });
  expect(await sent).toBe('network');
  clock.advance(500);
  await flush();
  sockets[1]!.open();
  const frame = JSON.parse(sockets[1]!.sent[0] as string) as { id: string; type: string };
  expect(frame.type).toBe('b');
  sockets[1]!.receive(JSON.stringify({ id: frame.id, ok: true }));
  await expect(queued).resolves.toEqual({ id: frame.id, ok: true });
});

test('a quiet connection that stayed up resets the attempt counter: it never gives up on healthy sockets', async () => {
  // The server never sends (a client-to-server socket, or a quiet feed without heartbeat). Each
  // connection stays up for a minute, then drops: with maxAttempts 2, the old counter (reset only
  // by an inbound message) gave up for good at the third drop.
  const { clock, sockets, errors, client } = setup({ retry: { maxAttempts: 2, initialDelayMs: 1_000 } });
  client.start();
  await flush();
  for (let index = 0; index < 6; index++) {
    sockets[index]!.open();
    clock.advance(60_000);
    sockets[index]!.drop(1006);
    expect(client.getSnapshot().status).toBe('reconnecting');
    expect(client.getSnapshot().attempt).toBe(1);
    clock.advance(500); // random 0.5 of the first ceiling (1,000 ms): the first delay every time
    await flush();
    expect(sockets).toHaveLength(index + 2);
  }
  expect(errors.every((error) => error.attempt === 1 && error.willRetry)).toBe(true);
});

test('connections that drop before the stable period still count, and the budget ends them', async () => {
  const { clock, sockets, errors, client } = setup({
    retry: { maxAttempts: 2, initialDelayMs: 1_000, stableAfterMs: 10_000 },
  });
  client.start();
  await flush();
  for (const [index, delay] of [500, 1_000].entries()) {
    sockets[index]!.open();
    clock.advance(9_999);
    sockets[index]!.drop(1006);
    clock.advance(delay);
    await flush();
    expect(sockets).toHaveLength(index + 2);
  }
  sockets[2]!.open();
  clock.advance(9_999);
  sockets[2]!.drop(1006);
  expect(client.getSnapshot().status).toBe('error');
  expect(errors.map((error) => [error.attempt, error.willRetry])).toEqual([
    [1, true],
    [2, true],
    [3, false],
  ]);
});

test('gone offline while waiting to retry: the timer firing does not spend an attempt, online does', async () => {
  const environment = new FakeEnvironment();
  const { clock, sockets, client } = setup({ environment });
  client.start();
  await flush();
  sockets[0]!.drop(1006);
  environment.online = false; // the laptop lost its network during the 500 ms wait
  clock.advance(10_000);
  await flush();
  expect(sockets).toHaveLength(1);
  expect(client.getSnapshot().status).toBe('reconnecting');
  environment.setOnline(true);
  await flush();
  expect(sockets).toHaveLength(2);
});

test('shouldRetry replaces the retry rule: retry an auth close, give up on the first network drop', async () => {
  const retried = setup({ shouldRetry: (error) => error.kind === 'auth' });
  retried.client.start();
  await flush();
  retried.sockets[0]!.drop(4001);
  expect(retried.errors.map((e) => [e.kind, e.willRetry])).toEqual([['auth', true]]);
  retried.clock.advance(500);
  await flush();
  expect(retried.sockets).toHaveLength(2);
  retried.sockets[1]!.drop(1006);
  expect(retried.errors.map((e) => [e.kind, e.willRetry])).toEqual([
    ['auth', true],
    ['network', false],
  ]);
  expect(retried.client.getSnapshot().status).toBe('error');
});
