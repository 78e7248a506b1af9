/**
 * createOrderTracker over an order feed (hand-driven transport, fake clock and frames): late and
 * stale turn from the clock alone, positions are throttled, other orders and bad input are
 * ignored or reported without losing anything.
 */
import { describe, expect, it } from 'vitest';
import { createOrderFeed } from '../../../src/core/order/order-feed.js';
import { createOrderTracker, type OrderTrackerOptions } from '../../../src/core/order/tracker.js';
import { FakeClock, ManualFrames } from '../support/fakes.js';
import { StreamError } from '../../../src/core/errors.js';
import { FakeFeedTransport, deferred, settle } from '../feed/support.js';
import { MIN, T0 } from './support.js';

const ORDER = 'P-1';

function setup(trackerOptions: Partial<OrderTrackerOptions> = {}) {
  const clock = new FakeClock();
  clock.advance(T0);
  const frames = new ManualFrames();
  const transport = new FakeFeedTransport();
  const errors: StreamError[] = [];
  const feed = createOrderFeed({ transport, clock, frames, onError: (error) => errors.push(error) });
  const tracker = createOrderTracker({ feed, orderId: ORDER, clock, ...trackerOptions });
  let notified = 0;
  const release = tracker.subscribe(() => notified++);
  transport.connect();
  transport.open();
  const send = (raw: unknown) => {
    transport.emit(raw);
    frames.step();
  };
  /** Time passes, then a frame: what timers changed is published with the feed's topics. */
  const advance = (ms: number) => {
    clock.advance(ms);
    frames.step();
  };
  return { clock, frames, transport, feed, tracker, errors, release, send, advance, notified: () => notified };
}

describe('order tracker', () => {
  it('derives the state from the feed and reports the connection', async () => {
    const { tracker, send, transport, clock, advance } = setup();
    await settle();
    send({ pedidoId: ORDER, tipo: 'pedido_recibido', mensaje: '📝', timestamp: new Date(T0).toISOString() });
    advance(MIN);
    send({ pedidoId: ORDER, tipo: 'preparacion_iniciada', mensaje: '👨‍🍳', timestamp: new Date(T0 + MIN).toISOString() });
    const state = tracker.getSnapshot();
    expect(state).toMatchObject({ orderId: ORDER, status: 'in-progress', currentStep: 'preparing', updatedAt: T0 + MIN });
    expect(state.connection).toEqual({ status: 'open', topic: 'live', error: null, stale: false });
    transport.drop();
    send({ pedidoId: 'other', tipo: 'comida_lista' });
    expect(tracker.getSnapshot().connection).toMatchObject({ status: 'reconnecting', stale: true });
    expect(tracker.getSnapshot().currentStep).toBe('preparing');
  });

  it('turns late from the clock alone, with no event, once latestBy passes', async () => {
    const { tracker, send, clock, advance, notified } = setup();
    await settle();
    send({ orderId: ORDER, type: 'eta', at: T0, eta: { from: T0 + 40 * MIN, to: T0 + 50 * MIN }, latestBy: T0 + 55 * MIN });
    expect(tracker.getSnapshot().late).toBe(false);
    const before = notified();
    advance(55 * MIN);
    expect(tracker.getSnapshot().late).toBe(false);
    advance(1);
    expect(tracker.getSnapshot().late).toBe(true);
    expect(notified()).toBe(before + 1);
  });

  it('without latestBy, late once the ETA window ends; never late once delivered', async () => {
    const { tracker, send, clock, advance } = setup();
    await settle();
    send({ orderId: ORDER, type: 'eta', at: T0, eta: { from: T0 + 10 * MIN, to: T0 + 20 * MIN } });
    advance(20 * MIN + 1);
    expect(tracker.getSnapshot().late).toBe(true);
    send({ orderId: ORDER, type: 'entregado', at: T0 + 21 * MIN });
    expect(tracker.getSnapshot()).toMatchObject({ status: 'delivered', late: false });
  });

  it('the courier position goes stale after staleAfterMs with no event, and fresh again with one', async () => {
    const { tracker, send, clock, advance } = setup({ staleAfterMs: 30_000 });
    await settle();
    send({ orderId: ORDER, type: 'courier', at: T0, courier: { name: 'Ana' } });
    expect(tracker.getSnapshot().courier).toMatchObject({ name: 'Ana', position: null, stale: false });
    send({ orderId: ORDER, type: 'position', at: T0, progress: 0.2 });
    expect(tracker.getSnapshot().courier).toMatchObject({ positionAt: T0, stale: false });
    advance(30_001);
    expect(tracker.getSnapshot().courier!.stale).toBe(true);
    send({ orderId: ORDER, type: 'position', at: T0 + 30_001, progress: 0.3 });
    expect(tracker.getSnapshot().courier).toMatchObject({ position: { progress: 0.3 }, stale: false });
  });

  it('position-only updates render at most once per positionThrottleMs; the latest one shows after', async () => {
    const { tracker, send, clock, advance, notified } = setup({ positionThrottleMs: 1_000 });
    await settle();
    send({ orderId: ORDER, type: 'courier', at: T0, courier: { name: 'Ana' } });
    const before = notified();
    for (let i = 1; i <= 20; i++) {
      send({ orderId: ORDER, type: 'position', at: T0 + i * 100, progress: i / 100 });
      advance(100);
    }
    // 2 s of positions at 10/s: the first at once, then the latest once per second (at 1 s and 2 s).
    expect(notified() - before).toBe(3);
    expect(tracker.getSnapshot().courier!.position!.progress).toBe(0.2);
    advance(5_000);
    expect(notified() - before).toBe(3);
    // A status change is not throttled.
    send({ orderId: ORDER, type: 'step', step: 'on-the-way', at: T0 + 3_000 });
    expect(tracker.getSnapshot().currentStep).toBe('on-the-way');
  });

  it('throttled positions of many trackers are published together with the feed, not one commit per timer', async () => {
    const { feed, send, clock, frames } = setup({ positionThrottleMs: 1_000 });
    await settle();
    const orders = ['Q-1', 'Q-2', 'Q-3'];
    const notified = new Map(orders.map((id) => [id, 0]));
    for (const orderId of orders) {
      const tracker = createOrderTracker({ feed, orderId, clock, positionThrottleMs: 1_000 });
      tracker.subscribe(() => notified.set(orderId, notified.get(orderId)! + 1));
    }
    await settle();
    // Each order shows a first position, then a second one 1 ms apart is held back by the throttle.
    for (const [i, orderId] of orders.entries()) send({ orderId, type: 'position', at: T0 + i, progress: 0.1 });
    for (const [i, orderId] of orders.entries()) send({ orderId, type: 'position', at: T0 + 10 + i, progress: 0.2 });
    const before = [...notified.values()].reduce((a, b) => a + b, 0);
    // The three throttle timers fire at three different moments, all within one frame.
    clock.advance(1_010);
    const beforeFrame = [...notified.values()].reduce((a, b) => a + b, 0) - before;
    frames.step();
    const afterFrame = [...notified.values()].reduce((a, b) => a + b, 0) - before;
    // At most the first goes out at once (a quiet frame); the rest wait for the frame together.
    expect(beforeFrame).toBeLessThanOrEqual(1);
    expect(afterFrame).toBe(3);
  });

  it('events for unknown orders and unknown event types change nothing and notify nobody', async () => {
    const { tracker, send, notified, feed } = setup();
    await settle();
    send({ orderId: ORDER, type: 'ready', at: T0 });
    const state = tracker.getSnapshot();
    const before = notified();
    send({ orderId: 'someone-else', type: 'delivered', at: T0 });
    send({ orderId: ORDER, type: 'promo', at: T0, message: '2x1 tacos' });
    expect(tracker.getSnapshot()).toBe(state);
    expect(notified()).toBe(before);
    expect(feed.stats()).toMatchObject({ unrouted: 1, ignored: 1 });
  });

  it('HTML or garbage: a typed parse error, and the events around it are all applied', async () => {
    const { tracker, send, errors, feed } = setup();
    await settle();
    send({ type: 'message', data: JSON.stringify({ pedidoId: ORDER, tipo: 'pedido_recibido', timestamp: T0 }), lastEventId: '' });
    send({ type: 'message', data: '<html><body>502 Bad Gateway</body></html>', lastEventId: '' });
    send('not json at all');
    send({ type: 'message', data: JSON.stringify({ pedidoId: ORDER, tipo: 'comida_lista', timestamp: T0 + 15 * MIN }), lastEventId: '' });
    expect(errors.map((e) => e.kind)).toEqual(['parse', 'parse']);
    expect(feed.stats().parseErrors).toBe(2);
    expect(tracker.getSnapshot().steps.map((s) => s.state)).toEqual(['done', 'skipped', 'current', 'upcoming', 'upcoming', 'upcoming']);
  });

  it('a server clock in the future is clamped to the arrival time and flagged', async () => {
    const { tracker, send } = setup();
    await settle();
    send({ orderId: ORDER, type: 'ready', at: T0 + 60 * MIN });
    expect(tracker.getSnapshot()).toMatchObject({ clockSkew: true, updatedAt: T0 });
    expect(tracker.getSnapshot().steps[2]!.at).toBe(T0);
  });

  it('releasing the last listener releases the topic and cancels the clock timer', async () => {
    const { release, send, clock, advance, feed } = setup();
    await settle();
    send({ orderId: ORDER, type: 'eta', at: T0, eta: { from: T0 + 10 * MIN, to: T0 + 20 * MIN } });
    expect(clock.pending).toBeGreaterThan(0);
    release();
    advance(10_000);
    expect(feed.topicCount).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('a snapshot endpoint that fails: a typed error, the order keeps what it has and is marked stale; events still apply', async () => {
    const clock = new FakeClock();
    clock.advance(T0);
    const frames = new ManualFrames();
    const transport = new FakeFeedTransport();
    const load = deferred<never>();
    const errors: [string, string | undefined][] = [];
    const feed = createOrderFeed({ transport, clock, frames, loadSnapshot: () => load.promise, onError: (e, topic) => errors.push([e.kind, topic]) });
    const tracker = createOrderTracker({ feed, orderId: ORDER, clock });
    tracker.subscribe(() => {});
    await settle();
    transport.open();
    await settle();
    frames.step();
    expect(tracker.getSnapshot().connection).toMatchObject({ topic: 'loading', stale: true });
    // Deltas while loading are buffered, then applied even though the load fails.
    transport.emit({ orderId: ORDER, type: 'ready', at: T0 });
    load.reject(new StreamError('http', 'The server answered 503.', { status: 503 }));
    await settle();
    frames.step();
    const state = tracker.getSnapshot();
    expect(state.currentStep).toBe('ready');
    expect(state.connection).toMatchObject({ status: 'open', topic: 'stale', stale: true });
    expect(state.connection.error).toMatchObject({ kind: 'http', status: 503 });
    expect(errors).toEqual([['http', ORDER]]);
  });
});
