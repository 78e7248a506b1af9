/**
 * The live feed's defined outcomes for bad input and its bookkeeping: mapEvent and parse errors,
 * stale snapshots, routing of events nobody holds, topic set batching, grace-period drops and
 * frame-batched publication.
 */
import { describe, expect, it, vi } from 'vitest';
import { createLiveFeed, type LiveFeedOptions } from '../../../src/core/feed/live-feed.js';
import { fetchSnapshot } from '../../../src/core/feed/fetch-snapshot.js';
import { jsonEventMapper, jsonFeedEvent, type JsonFeedEvent } from '../../../src/core/feed/map-event.js';
import type { StreamError } from '../../../src/core/errors.js';
import { FakeClock, ManualFrames } from '../support/fakes.js';
import { FakeFeedTransport, settle } from './support.js';

type State = string[];
const reduce = (state: State | undefined, event: JsonFeedEvent): State => [...(state ?? []), String(event['text'] ?? event.id)];

function setup(options: Partial<LiveFeedOptions<JsonFeedEvent, State>> = {}) {
  const transport = new FakeFeedTransport();
  const clock = new FakeClock();
  const frames = new ManualFrames();
  const errors: { error: StreamError; topic: string | undefined }[] = [];
  const feed = createLiveFeed<JsonFeedEvent, State>({
    transport,
    clock,
    frames,
    reduce,
    onError: (error, topic) => errors.push({ error, topic }),
    ...options,
  });
  return { feed, transport, clock, frames, errors };
}

const sse = (data: unknown, type = 'message') => ({ type, data: typeof data === 'string' ? data : JSON.stringify(data), lastEventId: '' });

describe('mapEvent', () => {
  it('reads SSE data, decoded socket messages and JSON strings; a payload without a topic is not an event', () => {
    expect(jsonFeedEvent(sse({ topic: 'a', id: 1, seq: 2, x: true }, 'status'))).toEqual({ topic: 'a', id: '1', seq: 2, x: true, type: 'status' });
    expect(jsonFeedEvent({ topic: 'a', type: 't' })).toMatchObject({ topic: 'a', type: 't' });
    expect(jsonFeedEvent('{"topic":"b"}')).toMatchObject({ topic: 'b' });
    expect(jsonFeedEvent({ type: 'pong' })).toBeNull();
    expect(jsonFeedEvent(sse('[1,2]'))).toBeNull();
    // Seed-style payloads name the topic differently.
    expect(jsonEventMapper({ topicField: 'pedidoId' })({ pedidoId: 'p-7', tipo: 'en_ruta' })).toMatchObject({ topic: 'p-7', tipo: 'en_ruta' });
  });

  it('malformed JSON or a non-integer seq throws a parse error', () => {
    expect(() => jsonFeedEvent(sse('{not json'))).toThrow(expect.objectContaining({ kind: 'parse' }));
    expect(() => jsonFeedEvent({ topic: 'a', seq: 1.5 })).toThrow(expect.objectContaining({ kind: 'parse' }));
    expect(() => jsonFeedEvent({ topic: 'a', id: {} })).toThrow(expect.objectContaining({ kind: 'parse' }));
  });

  it('unknown messages are ignored and a malformed one is a parse error for that message only', async () => {
    const { feed, transport, errors } = setup();
    feed.subscribe('a', () => {});
    await settle();
    transport.open();
    transport.emit(sse({ type: 'welcome' }));
    transport.emit(sse('{"topic":"a", broken'));
    transport.emit(sse({ topic: 'a', seq: 'x' }));
    transport.emit(sse({ topic: 'a', id: 'ok', text: 'after' }));
    feed.flush();
    expect(feed.getSnapshot('a').state).toEqual(['after']);
    expect(errors.map((e) => e.error.kind)).toEqual(['parse', 'parse']);
    expect(feed.stats()).toMatchObject({ ignored: 1, parseErrors: 2, applied: 1 });
  });

  it('a custom mapEvent that throws anything becomes a parse error; the next message still applies', async () => {
    const { feed, transport, errors } = setup({
      mapEvent: (raw) => {
        if ((raw as { bad?: boolean }).bad) throw new TypeError('nope');
        return raw as JsonFeedEvent;
      },
    });
    feed.subscribe('a', () => {});
    await settle();
    transport.open();
    transport.emit({ bad: true });
    transport.emit({ topic: 'a', id: '1' });
    feed.flush();
    expect(errors[0]!.error.kind).toBe('parse');
    expect(errors[0]!.error.cause).toBeInstanceOf(TypeError);
    expect(feed.getSnapshot('a').state).toEqual(['1']);
  });
});

describe('snapshots that fail', () => {
  const html = () =>
    new Response('<!doctype html><title>Sign in</title>', { status: 200, headers: { 'content-type': 'text/html' } });
  const failing = () => new Response('oops', { status: 500 });

  for (const [name, respond, kind] of [
    ['HTTP 500', failing, 'http'],
    ['HTML with 200', html, 'content-type'],
  ] as const) {
    it(`${name}: a typed error, the topic keeps its state, says it is stale, and deltas still apply`, async () => {
      let calls = 0;
      const fetchImpl = vi.fn(async () => {
        calls++;
        return calls === 1
          ? new Response(JSON.stringify({ seq: 2, state: ['s1', 's2'] }), { headers: { 'content-type': 'application/json' } })
          : respond();
      });
      const { feed, transport, errors } = setup({
        loadSnapshot: fetchSnapshot((topic) => `http://127.0.0.1:1/orders/${topic}`, { fetch: fetchImpl as typeof fetch }),
      });
      feed.subscribe('a', () => {});
      await settle();
      transport.open();
      await settle();
      feed.flush();
      expect(feed.getSnapshot('a')).toMatchObject({ status: 'live', state: ['s1', 's2'], seq: 2 });
      transport.open(false); // a reconnect that could not resume: reload, which fails
      await settle();
      feed.flush();
      const snapshot = feed.getSnapshot('a');
      expect(snapshot.status).toBe('stale');
      expect(snapshot.state).toEqual(['s1', 's2']);
      expect(snapshot.error?.kind).toBe(kind);
      expect(snapshot.error?.message).not.toContain('Sign in');
      expect(errors).toEqual([{ error: snapshot.error, topic: 'a' }]);
      transport.emit({ topic: 'a', seq: 3, text: 's3' });
      feed.flush();
      expect(feed.getSnapshot('a').state).toEqual(['s1', 's2', 's3']);
      expect(fetchImpl).toHaveBeenCalledTimes(2);
    });
  }

  it('a loadSnapshot that throws synchronously is a callback error; the topic is stale with its initial state', async () => {
    const { feed, transport } = setup({
      initialState: () => ['init'],
      loadSnapshot: () => {
        throw new Error('boom');
      },
    });
    feed.subscribe('a', () => {});
    await settle();
    transport.open();
    await settle();
    feed.flush();
    expect(feed.getSnapshot('a')).toMatchObject({ status: 'stale', state: ['init'], error: expect.objectContaining({ kind: 'callback' }) });
  });
});

describe('topics on the wire', () => {
  it('many subscribers, one connection; topic changes of one tick are one setTopics call; subscribe+unsubscribe in one tick sends nothing', async () => {
    const { feed, transport } = setup();
    const releases = [];
    for (let i = 0; i < 100; i++) releases.push(feed.subscribe(`t${i % 10}`, () => {}));
    const undo = feed.subscribe('ephemeral', () => {});
    undo();
    await settle();
    expect(transport.connects).toBe(1);
    expect(transport.changes).toHaveLength(1);
    expect(transport.changes[0]!.added).toHaveLength(10);
    expect(transport.changes[0]!.added).not.toContain('ephemeral');
  });

  it('the last subscriber leaving sends an unsubscribe; after the grace period nothing is retained', async () => {
    const { feed, transport, clock } = setup({ graceMs: 2_000 });
    const release1 = feed.subscribe('a', () => {});
    const release2 = feed.subscribe('a', () => {});
    await settle();
    transport.open();
    transport.emit({ topic: 'a', id: '1' });
    release1();
    await settle();
    expect(transport.changes).toHaveLength(1); // still held by the second subscriber
    release2();
    await settle();
    expect(transport.changes[1]).toMatchObject({ added: [], removed: ['a'] });
    expect(feed.topicCount).toBe(1); // within the grace period
    clock.advance(1_999);
    expect(feed.topicCount).toBe(1);
    clock.advance(1);
    expect(feed.topicCount).toBe(0);
    expect(feed.getSnapshot('a').status).toBe('idle');
    expect(transport.closes).toBe(1);
    expect(clock.pending).toBe(0);
  });

  it('a server that ignores unsubscribe: its events for the topic are dropped, counted, never applied', async () => {
    const { feed, transport } = setup();
    const release = feed.subscribe('a', () => {});
    feed.subscribe('b', () => {});
    await settle();
    transport.open();
    transport.emit({ topic: 'a', id: '1' });
    release();
    await settle();
    transport.emit({ topic: 'a', id: '2' });
    transport.emit({ topic: 'never', id: '3' });
    transport.emit({ topic: 'b', id: '4' });
    feed.flush();
    expect(feed.getSnapshot('a').state).toEqual(['1']);
    expect(feed.getSnapshot('b').state).toEqual(['4']);
    expect(feed.stats().unrouted).toBe(2);
  });

  it('re-subscribing within the grace period keeps the state and reloads the snapshot once live again', async () => {
    let n = 0;
    const { feed, transport, clock } = setup({ loadSnapshot: async () => ({ seq: ++n, state: [`snap${n}`] }) });
    const release = feed.subscribe('a', () => {});
    await settle();
    transport.open();
    await settle();
    release();
    await settle();
    clock.advance(1_000);
    feed.subscribe('a', () => {});
    await settle();
    feed.flush();
    expect(feed.getSnapshot('a')).toMatchObject({ status: 'loading', state: ['snap1'] });
    transport.sink!.live();
    await settle();
    feed.flush();
    expect(feed.getSnapshot('a')).toMatchObject({ status: 'live', state: ['snap2'] });
    expect(transport.changes.map((c) => [c.added, c.removed])).toEqual([[['a'], []], [[], ['a']], [['a'], []]]);
  });

  it('a resumed reconnect reloads nothing; one that could not resume reloads every held topic once', async () => {
    let loads = 0;
    const { feed, transport } = setup({ loadSnapshot: async () => {
        loads++;
        return { seq: 0, state: [] as State };
      },
    });
    feed.subscribe('a', () => {});
    feed.subscribe('b', () => {});
    await settle();
    transport.open();
    await settle();
    expect(loads).toBe(2);
    transport.drop();
    transport.open(true);
    await settle();
    expect(loads).toBe(2);
    transport.drop();
    transport.open(false);
    await settle();
    expect(loads).toBe(4);
  });
});

describe('publication', () => {
  it('topics changing in separate tasks publish together once per frame, and only changed topics notify', async () => {
    const { feed, transport, frames } = setup();
    const calls: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (const topic of ['a', 'b', 'c']) feed.subscribe(topic, () => calls[topic]!++);
    await settle();
    transport.open();
    frames.step();
    frames.step();
    const before = { ...calls };
    transport.emit({ topic: 'a', id: '1' }); // quiet frame: published at once
    transport.emit({ topic: 'b', id: '2' }); // waits for the frame
    transport.emit({ topic: 'a', id: '3' });
    transport.emit({ topic: 'b', id: '4' });
    expect({ a: calls.a! - before.a!, b: calls.b! - before.b! }).toEqual({ a: 1, b: 0 });
    frames.step();
    expect({ a: calls.a! - before.a!, b: calls.b! - before.b!, c: calls.c! - before.c! }).toEqual({ a: 2, b: 1, c: 0 });
    expect(feed.getSnapshot('b').state).toEqual(['2', '4']);
    frames.step();
    expect(frames.pending).toBe(0);
  });

  it('close() cancels every timer and frame and detaches from the transport', async () => {
    const { feed, transport, clock, frames } = setup();
    const release = feed.subscribe('a', () => {});
    await settle();
    transport.open();
    transport.emit({ topic: 'a', id: '1', seq: 1 });
    transport.emit({ topic: 'a', id: '3', seq: 3 }); // a gap timer
    release(); // a grace timer
    feed.close();
    expect(clock.pending).toBe(0);
    expect(frames.pending).toBe(0);
    expect(transport.sink).toBeNull();
    expect(transport.closes).toBe(1);
  });
});
