/**
 * The mock kit's SSE chaos options, each observed through our real SSEClient over MSW: what a
 * story or a user's test would see. Timing comes from a fake clock given to the script (the
 * kit's fake-clock mode), so nothing here waits for real time to pass.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { SSEClientOptions } from '../../../src/core/transport/sse-client.js';
import type { SSEEvent } from '../../../src/core/transport/sse-events.js';
import { scriptedStream, setNetworkConditions, sseHandler, type ScriptedEvent, type ScriptOptions } from '../../../src/msw/index.js';
import { FakeClock, tick } from '../support/fakes.js';
import { openSSE, until } from './support.js';

const URL_ = 'http://chaos.test/stream';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  setNetworkConditions('normal');
});
afterAll(() => server.close());

/** A script with multi-byte text (accents, emoji) and ids, ending with the terminal `end`. */
const SCRIPT: ScriptedEvent[] = [
  { id: '1', event: 'status', data: { step: 'recibido', note: 'Quiero 3 tacos al pastor 🌮' } },
  { comment: 'keep-alive' },
  { id: '2', event: 'status', data: { step: 'preparando', note: 'jalapeños, cilantro y piña' } },
  { id: '3', event: 'chunk', data: 'línea uno\nlínea dos 👩‍🍳' },
  { event: 'end', data: {} },
];
/** What the client must dispatch for SCRIPT (the comment is not an event). */
const EXPECTED = [
  { type: 'status', data: JSON.stringify(SCRIPT[0]!.data), lastEventId: '1' },
  { type: 'status', data: JSON.stringify(SCRIPT[2]!.data), lastEventId: '2' },
  { type: 'chunk', data: 'línea uno\nlínea dos 👩‍🍳', lastEventId: '3' },
  { type: 'end', data: '{}', lastEventId: '3' },
];

const open = (overrides: Partial<SSEClientOptions> = {}) => openSSE(URL_, overrides);

const plain = (events: readonly SSEEvent[]) => events.map(({ type, data, lastEventId }) => ({ type, data, lastEventId }));

/** Every chunk a script's stream yields (fake clock advanced until it ends). */
async function chunksOf(entries: readonly ScriptedEvent[], options: ScriptOptions): Promise<Uint8Array[]> {
  const reader = scriptedStream(entries, options).getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

describe('byte splits and line endings', () => {
  test('randomChunkBytes cuts at seeded random places: the same seed replays the same cuts, another seed cuts elsewhere', async () => {
    const sizes = async (seed: number) => (await chunksOf(SCRIPT, { randomChunkBytes: 7, seed })).map((chunk) => chunk.byteLength);
    const first = await sizes(42);
    expect(first.length).toBeGreaterThan(SCRIPT.length * 3);
    expect(Math.max(...first)).toBeLessThanOrEqual(7);
    expect(new Set(first).size).toBeGreaterThan(1); // not one fixed size
    expect(await sizes(42)).toEqual(first);
    expect(await sizes(43)).not.toEqual(first);
  });

  test.each([
    ['LF', '\n'],
    ['CR only', '\r'],
    ['CRLF', '\r\n'],
  ] as const)('%s line endings cut at random places (inside UTF-8 and CRLF pairs) parse to the same events', async (_name, lineEnding) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      server.resetHandlers(sseHandler(URL_, SCRIPT, { lineEnding, randomChunkBytes: 3, seed }));
      const run = open();
      await until(() => expect(run.ended()).toBe(true));
      expect(run.errors).toEqual([]);
      expect(plain(run.events)).toEqual(EXPECTED);
      expect(run.reads.length).toBeGreaterThan(SCRIPT.length); // really split
    }
  }, 30_000);

  test('bom: the body starts with a UTF-8 byte order mark, which the client strips (the first field still reads as `event`)', async () => {
    const [first] = await chunksOf(SCRIPT, { bom: true });
    expect([...first!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    server.use(sseHandler(URL_, SCRIPT, { bom: true, chunkBytes: 1 }));
    const run = open();
    await until(() => expect(run.ended()).toBe(true));
    expect(plain(run.events)).toEqual(EXPECTED);
  });
});

describe('proxies and error pages', () => {
  test('bufferAll: a buffering proxy delivers every event in one read, at the end', async () => {
    const clock = new FakeClock();
    server.use(sseHandler(URL_, SCRIPT, { delayMs: 1_000, bufferAll: true, clock }));
    const run = open();
    // Four entries were written at 1 s intervals; the proxy held them all.
    for (let entry = 1; entry < SCRIPT.length; entry++) {
      await until(() => expect(clock.pending).toBe(1));
      expect(run.reads).toEqual([]);
      clock.advance(1_000);
    }
    await until(() => expect(run.ended()).toBe(true));
    expect(run.reads).toHaveLength(1);
    expect(plain(run.events)).toEqual(EXPECTED);
  });

  test('without bufferAll the same script arrives entry by entry', async () => {
    const clock = new FakeClock();
    server.use(sseHandler(URL_, SCRIPT, { delayMs: 1_000, clock }));
    const run = open();
    await until(() => expect(run.reads).toHaveLength(1));
    for (let entry = 1; entry < SCRIPT.length; entry++) {
      await until(() => expect(clock.pending).toBe(1));
      clock.advance(1_000);
      await until(() => expect(run.reads).toHaveLength(entry + 1));
    }
    await until(() => expect(run.ended()).toBe(true));
    expect(plain(run.events)).toEqual(EXPECTED);
  });

  test('bufferAll with a drop: the proxy never flushes, the client sees no event and a network error', async () => {
    server.use(sseHandler(URL_, SCRIPT, { bufferAll: true, dropAfter: 3 }));
    const run = open();
    await until(() => expect(run.errors).toHaveLength(1));
    expect(run.errors[0]!.kind).toBe('network');
    expect(run.events).toEqual([]);
  });

  test('htmlPage: a 200 text/html login page is our content-type error', async () => {
    server.use(sseHandler(URL_, SCRIPT, { htmlPage: true }));
    const run = open();
    await until(() => expect(run.errors).toHaveLength(1));
    expect(run.errors[0]).toMatchObject({ kind: 'content-type', status: 200 });
    expect(run.errors[0]!.message).toContain('text/html');
    expect(run.events).toEqual([]);
  });

  test('status with retryAfter (seconds): an http error carrying the status and retryAfterMs', async () => {
    server.use(sseHandler(URL_, SCRIPT, { status: 503, retryAfter: 7 }));
    const run = open();
    await until(() => expect(run.errors).toHaveLength(1));
    expect(run.errors[0]).toMatchObject({ kind: 'http', status: 503, retryAfterMs: 7_000 });
  });

  test('retryAfter as an HTTP date, on a 429', async () => {
    const at = new Date(Date.now() + 3_600_000).toUTCString();
    server.use(sseHandler(URL_, SCRIPT, { status: 429, retryAfter: at }));
    const run = open();
    await until(() => expect(run.errors).toHaveLength(1));
    expect(run.errors[0]).toMatchObject({ kind: 'http', status: 429 });
    expect(run.errors[0]!.retryAfterMs).toBeGreaterThan(3_500_000);
  });

  test('status 503 on the first connection only (a script function), then the stream: the client waits and recovers', async () => {
    const clock = new FakeClock();
    server.use(sseHandler(URL_, ({ connection }) => (connection === 1 ? { entries: SCRIPT, options: { status: 503, retryAfter: 2 } } : SCRIPT)));
    const run = open({ clock, retry: { initialDelayMs: 10 } });
    await until(() => expect(run.errors).toHaveLength(1));
    expect(run.errors[0]).toMatchObject({ kind: 'http', status: 503, willRetry: true });
    await until(() => expect(clock.nextAt).toBe(2_000));
    clock.advance(1_999);
    await tick();
    expect(run.events).toEqual([]);
    clock.advance(1);
    await until(() => expect(run.ended()).toBe(true));
    expect(plain(run.events)).toEqual(EXPECTED);
  });

  test('endAfter: the stream closes cleanly before its terminal event, which the client calls truncated', async () => {
    server.use(sseHandler(URL_, SCRIPT, { endAfter: 3 }));
    const run = open();
    await until(() => expect(run.errors).toHaveLength(1));
    expect(run.errors[0]!.kind).toBe('truncated');
    expect(plain(run.events)).toEqual(EXPECTED.slice(0, 2));
  });
});

describe('timing on an injected clock', () => {
  test('fake-clock mode: a script an hour long plays as the test advances the clock, without real waiting', async () => {
    const clock = new FakeClock();
    server.use(sseHandler(URL_, SCRIPT, { firstByteDelayMs: 30 * 60_000, delayMs: 10 * 60_000, clock }));
    const run = open();
    await until(() => expect(clock.pending).toBe(1));
    clock.advance(30 * 60_000 - 1);
    await tick();
    expect(run.reads).toEqual([]); // not a byte before the first-byte delay
    clock.advance(1);
    await until(() => expect(run.events).toHaveLength(1));
    for (let entry = 1; entry < SCRIPT.length; entry++) {
      // Wait for the script to be waiting on its next timer, then move exactly that far.
      await until(() => expect(clock.pending).toBe(1));
      clock.advance(10 * 60_000 - 1);
      await tick();
      expect(run.reads).toHaveLength(entry);
      clock.advance(1);
      await until(() => expect(run.reads).toHaveLength(entry + 1));
    }
    await until(() => expect(run.ended()).toBe(true));
    expect(plain(run.events)).toEqual(EXPECTED);
    expect(clock.now()).toBe(30 * 60_000 + 4 * 10 * 60_000);
  });

  test('jitterMs adds a seeded random 0..jitterMs to every wait: the same seed replays the same waits', async () => {
    const waits = async (seed: number) => {
      const clock = new FakeClock();
      const reader = scriptedStream(SCRIPT, { delayMs: 100, jitterMs: 50, seed, clock }).getReader();
      const drain = (async () => {
        while (!(await reader.read()).done);
      })();
      while (clock.delays.length < SCRIPT.length) {
        await tick();
        clock.advance(200);
      }
      await drain;
      return clock.delays;
    };
    const first = await waits(7);
    // Every entry waits, the first too (its base wait is 0: it follows the first byte).
    expect(first).toHaveLength(SCRIPT.length);
    expect(first[0]).toBeLessThan(50);
    for (const ms of first.slice(1)) {
      expect(ms).toBeGreaterThanOrEqual(100);
      expect(ms).toBeLessThan(150);
    }
    expect(new Set(first).size).toBe(first.length);
    expect(await waits(7)).toEqual(first);
    expect(await waits(8)).not.toEqual(first);
  });
});
