/**
 * The mock kit's network conditions switch, observed through our real SSEClient and
 * SocketClient over MSW: one `setNetworkConditions` call changes every handler and socket
 * scenario, per request and per connection, and `normal` changes nothing. SSE timing runs on a
 * fake clock given to the scripts, so slow-network delays are checked exactly, without waiting.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { SSEClientOptions } from '../../../src/core/transport/sse-client.js';
import type { SocketClientOptions } from '../../../src/core/transport/socket-client.js';
import {
  getNetworkConditions,
  NETWORK_CONDITIONS,
  onNetworkConditionsChange,
  setNetworkConditions,
  socketFeed,
  sseHandler,
  type NetworkConditions,
  type ScriptedEvent,
} from '../../../src/msw/index.js';
import { FakeClock, tick } from '../support/fakes.js';
import { openSSE as openSSEAt, openSocket as openSocketAt, until } from './support.js';

const SSE_URL = 'http://network.test/stream';
const WS_URL = 'ws://network.test/socket';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  setNetworkConditions('normal');
});
afterAll(() => server.close());

/** Six events with ids, then the terminal `end`. */
const SCRIPT: ScriptedEvent[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ id: String(i + 1), data: `event ${i + 1}: order pedido-1 moved on a step` })),
  { event: 'end', data: {} },
];

const openSSE = (overrides: Partial<SSEClientOptions> = {}) => openSSEAt(SSE_URL, overrides);
const openSocket = (overrides: Partial<SocketClientOptions> = {}) => openSocketAt(WS_URL, overrides);

describe('the switch', () => {
  test("defaults to 'normal'; set and get; unknown names are refused; listeners hear changes only", () => {
    expect(getNetworkConditions()).toBe('normal');
    expect(NETWORK_CONDITIONS).toEqual(['normal', 'slow', 'flaky', 'offline', 'buffering']);
    const heard: NetworkConditions[] = [];
    const off = onNetworkConditionsChange((conditions) => heard.push(conditions));
    setNetworkConditions('slow');
    setNetworkConditions('slow');
    setNetworkConditions('offline');
    off();
    setNetworkConditions('flaky');
    expect(getNetworkConditions()).toBe('flaky');
    expect(heard).toEqual(['slow', 'offline']);
    expect(() => setNetworkConditions('lunar' as NetworkConditions)).toThrow(TypeError);
    expect(getNetworkConditions()).toBe('flaky');
  });

  test('one switch shared by two copies of the kit (state lives under a registered symbol)', async () => {
    // A query makes Vite load a second instance of the module, as a second bundle would.
    const path = '../../../src/msw/network.js?copy';
    const copy = (await import(/* @vite-ignore */ path)) as typeof import('../../../src/msw/network.js');
    expect(copy.setNetworkConditions).not.toBe(setNetworkConditions);
    copy.setNetworkConditions('buffering');
    expect(getNetworkConditions()).toBe('buffering');
  });
});

describe('SSE handlers', () => {
  test("normal plays exactly as scripted: the script's waits only, entry by entry", async () => {
    const clock = new FakeClock();
    server.use(sseHandler(SSE_URL, SCRIPT, { delayMs: 10, clock }));
    const run = openSSE();
    await until(() => expect(run.events).toHaveLength(1));
    while (!run.ended()) {
      await until(() => expect(clock.pending + Number(run.ended())).toBe(1));
      clock.advance(10);
      await tick();
    }
    expect(clock.delays).toEqual([10, 10, 10, 10, 10, 10]);
    expect(run.reads).toHaveLength(SCRIPT.length);
    expect(run.events.map((event) => event.data)).toEqual([...SCRIPT.slice(0, 6).map((entry) => entry.data), '{}']);
  });

  test('slow: a late first byte, slower pacing (2× + 150 ms) and bytes in small pieces', async () => {
    setNetworkConditions('slow');
    const clock = new FakeClock();
    server.use(sseHandler(SSE_URL, SCRIPT, { delayMs: 10, clock }));
    const run = openSSE();
    await until(() => expect(clock.pending).toBe(1));
    expect(clock.delays).toEqual([1_500]);
    clock.advance(1_499);
    await tick();
    expect(run.reads).toEqual([]);
    clock.advance(1);
    await until(() => expect(run.events).toHaveLength(1));
    while (!run.ended()) {
      await until(() => expect(clock.pending + Number(run.ended())).toBe(1));
      clock.advance(170);
      await tick();
    }
    expect(clock.delays).toEqual([1_500, 170, 170, 170, 170, 170, 170]);
    // Cut into pieces of at most 24 bytes (a transport may join some again: count, not size).
    expect(run.reads.length).toBeGreaterThan(SCRIPT.length);
    expect(run.events).toHaveLength(SCRIPT.length);
  });

  test('flaky: the first connection drops after 3 events, the reconnect resumes after the last id and completes', async () => {
    setNetworkConditions('flaky');
    server.use(sseHandler(SSE_URL, SCRIPT));
    const run = openSSE({ retry: { initialDelayMs: 1, maxDelayMs: 1 } });
    await until(() => expect(run.ended()).toBe(true));
    expect(run.errors.map((error) => [error.kind, error.willRetry])).toEqual([['network', true]]);
    expect(run.events.map((event) => event.data)).toEqual([...SCRIPT.slice(0, 6).map((entry) => entry.data), '{}']);
  });

  test('flaky alternates per URL: connections 1 and 3 drop, 2 and 4 do not', async () => {
    setNetworkConditions('flaky');
    server.use(sseHandler(SSE_URL, SCRIPT, { resume: false }));
    const outcomes: string[] = [];
    for (let n = 1; n <= 4; n++) {
      const run = openSSE();
      await until(() => expect(run.ended() || run.errors.length > 0).toBe(true));
      // A drop may discard bytes the client had not read yet, as a real one does: count only complete runs.
      outcomes.push(run.ended() ? `complete:${run.events.length}` : run.errors[0]!.kind);
    }
    expect(outcomes).toEqual(['network', 'complete:7', 'network', 'complete:7']);
  });

  test('offline: every request fails as a network error, until the network is back', async () => {
    setNetworkConditions('offline');
    server.use(sseHandler(SSE_URL, SCRIPT));
    const run = openSSE();
    await until(() => expect(run.errors).toHaveLength(1));
    expect(run.errors[0]!.kind).toBe('network');
    expect(run.events).toEqual([]);
    // The same handler, the next request: conditions are read per request.
    setNetworkConditions('normal');
    const again = openSSE();
    await until(() => expect(again.ended()).toBe(true));
    expect(again.errors).toEqual([]);
  });

  test('going offline drops a stream already playing, a stalled one too', async () => {
    server.use(sseHandler(SSE_URL, SCRIPT, { stallAfter: 2 }));
    const run = openSSE();
    await until(() => expect(run.events).toHaveLength(2));
    await tick();
    expect(run.errors).toEqual([]);
    setNetworkConditions('offline');
    await until(() => expect(run.errors).toHaveLength(1));
    expect(run.errors[0]!.kind).toBe('network');
  });

  test('buffering: every event arrives in one read when the stream ends', async () => {
    setNetworkConditions('buffering');
    const clock = new FakeClock();
    server.use(sseHandler(SSE_URL, SCRIPT, { delayMs: 1_000, clock }));
    const run = openSSE();
    for (let entry = 1; entry < SCRIPT.length; entry++) {
      await until(() => expect(clock.pending).toBe(1));
      expect(run.reads).toEqual([]);
      clock.advance(1_000);
    }
    await until(() => expect(run.ended()).toBe(true));
    expect(run.reads).toHaveLength(1);
    expect(run.events).toHaveLength(SCRIPT.length);
  });
});

describe('socket scenarios', () => {
  const FEED = Array.from({ length: 5 }, (_, i) => ({ n: i + 1 }));

  test('flaky: the first connection drops (1006) after 3 messages, the next one plays the feed whole', async () => {
    setNetworkConditions('flaky');
    server.use(socketFeed(WS_URL, FEED, { intervalMs: 1 }));
    const run = openSocket();
    await until(() => expect(run.messages).toHaveLength(8));
    expect(run.messages).toEqual([...FEED.slice(0, 3), ...FEED]);
    expect(run.errors.map((error) => [error.kind, error.closeCode, error.willRetry])).toEqual([['network', 1006, true]]);
    expect(run.opens()).toBe(2);
  });

  test('offline: every connection is refused before it opens', async () => {
    setNetworkConditions('offline');
    server.use(socketFeed(WS_URL, FEED, { intervalMs: 1 }));
    const run = openSocket({ retry: false });
    await until(() => expect(run.errors).toHaveLength(1));
    expect(run.errors[0]).toMatchObject({ kind: 'network', closeCode: 1006 });
    expect(run.errors[0]!.message).toContain('could not be established');
    expect(run.opens()).toBe(0);
    expect(run.messages).toEqual([]);
  });

  test('going offline closes open sockets at once; back to normal, the client reconnects', async () => {
    server.use(socketFeed(WS_URL, FEED, { intervalMs: 60_000 }));
    // Retries ~100 ms apart, so the attempts refused while offline stay well within the budget.
    const run = openSocket({ retry: { initialDelayMs: 100, maxDelayMs: 100 }, random: () => 0.99 });
    await until(() => expect(run.opens()).toBe(1));
    setNetworkConditions('offline');
    await until(() => expect(run.errors).toHaveLength(1));
    expect(run.errors[0]).toMatchObject({ kind: 'network', closeCode: 1006 });
    setNetworkConditions('normal');
    await until(() => expect(run.opens()).toBe(2));
  });

  test('slow: messages come later, in order', async () => {
    setNetworkConditions('slow');
    const clock = new FakeClock();
    server.use(socketFeed(WS_URL, FEED.slice(0, 2), { intervalMs: 100, clock }));
    const run = openSocket();
    await until(() => expect(run.opens()).toBe(1));
    // The interval is doubled plus latency (350 ms), then each message travels 150 ms.
    await until(() => expect(clock.pending).toBe(1));
    expect(clock.delays).toEqual([350]);
    clock.advance(350);
    await until(() => expect(clock.pending).toBe(2));
    expect(clock.delays).toEqual([350, 150, 350]);
    expect(run.messages).toEqual([]);
    clock.advance(150);
    await until(() => expect(run.messages).toEqual([FEED[0]]));
  });
});
