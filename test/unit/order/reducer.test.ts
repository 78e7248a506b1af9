/**
 * The order reducer and derivation: state comes from the set of applied events, so any arrival
 * order and any repeats give the same state; status moves back only through a correction.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveOrderFacts } from '../../../src/core/order/derive.js';
import { createOrderReducer, reduceOrder, type OrderLog } from '../../../src/core/order/log.js';
import { TAQUERIA_STEPS } from '../../../src/core/order/steps.js';
import type { OrderEvent } from '../../../src/core/order/types.js';
import { FULL_LIFE, MIN, ORDER, T0, eventAt, shuffleWithRepeats, stepAt } from './support.js';

const fold = (events: readonly OrderEvent[], reduce = reduceOrder): OrderLog | undefined =>
  events.reduce<OrderLog | undefined>((log, e) => reduce(log, e), undefined);
const facts = (events: readonly OrderEvent[]) => deriveOrderFacts(fold(events)!, TAQUERIA_STEPS);
const states = (events: readonly OrderEvent[]) => facts(events).steps.map((s) => s.state);

/** A valid log with every kind of event, corrections and exceptions included. */
const RICH_LOG: OrderEvent[] = [
  ...FULL_LIFE.slice(0, -1),
  eventAt('correction', 21, { step: 'ready', reason: 'wrong drinks, back to the kitchen' }),
  stepAt('on-the-way', 24),
  eventAt('position', 26, { progress: 0.6 }),
  eventAt('eta', 26, { eta: { from: T0 + 50 * MIN, to: T0 + 58 * MIN }, reason: 'kitchen redo' }),
  eventAt('delivery-failed', 40, { reason: 'nobody home' }),
];

const permutedLog = (events: readonly OrderEvent[]) =>
  fc
    .tuple(
      fc.shuffledSubarray(
        events.map((_, i) => i),
        { minLength: events.length, maxLength: events.length },
      ),
      fc.array(fc.tuple(fc.nat(events.length - 1), fc.nat()), { maxLength: events.length }),
    )
    .map(([order, repeats]) => shuffleWithRepeats(events, order, repeats));

describe('order reducer: properties', () => {
  it('any permutation/duplication of a valid event log gives the same final state', () => {
    for (const log of [FULL_LIFE, RICH_LOG]) {
      const expected = facts(log);
      fc.assert(
        fc.property(permutedLog(log), (delivery) => {
          expect(facts(delivery)).toEqual(expected);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('copies with different receive times (so differently clamped) give the same state in any order', () => {
    const copies = fc.array(fc.tuple(fc.nat(RICH_LOG.length - 1), fc.integer({ min: -30, max: 30 })), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(copies, fc.func(fc.integer()), (picks, rank) => {
        // Each copy's receivedAt is its event's time shifted by up to ±30 min: some are clamped.
        const delivered = picks.map(([i, shift]) => ({ ...RICH_LOG[i]!, receivedAt: RICH_LOG[i]!.at + shift * MIN }));
        const shuffled = delivered.map((e, i) => [rank(i), i, e] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , e]) => e);
        expect(facts(shuffled)).toEqual(facts(delivered));
      }),
      { numRuns: 300 },
    );
  });

  it('the full life ends delivered, every step done, the second courier with their position', () => {
    const f = facts(FULL_LIFE);
    expect(f.status).toBe('delivered');
    expect(f.currentStep).toBe('delivered');
    expect(f.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done', 'done']);
    expect(f.courier).toMatchObject({ name: 'Ana', previous: { id: 'c1', name: 'Luis' }, reassignReason: 'Luis had a flat tyre' });
    expect(f.courier!.position).toEqual({ lat: 19.44, lng: -99.14, progress: 0.5 });
    expect(f.courier!.positionAt).toBe(T0 + 25 * MIN);
    expect(f.updatedAt).toBe(T0 + 35 * MIN);
  });
});

describe('order reducer: status never moves backwards', () => {
  it('a late-arriving earlier step fills in its time but does not move the order back', () => {
    const f = facts([stepAt('received', 0), stepAt('on-the-way', 20), stepAt('preparing', 2)]);
    expect(f.currentStep).toBe('on-the-way');
    expect(f.steps.find((s) => s.id === 'preparing')).toMatchObject({ state: 'done', at: T0 + 2 * MIN });
  });

  it('a step reported with an earlier time than the current one (clocks disagree) still does not move back', () => {
    const f = facts([stepAt('on-the-way', 20), stepAt('ready', 25)]);
    expect(f.currentStep).toBe('on-the-way');
    expect(f.status).toBe('in-progress');
  });

  it('a skipped step is inferred, and becomes done if its event arrives late', () => {
    const log = [stepAt('received', 0), stepAt('preparing', 2), stepAt('courier-assigned', 17)];
    expect(states(log)).toEqual(['done', 'done', 'skipped', 'current', 'upcoming', 'upcoming']);
    expect(facts(log).steps[2]!.at).toBeNull();
    expect(states([...log, stepAt('ready', 15)])).toEqual(['done', 'done', 'done', 'current', 'upcoming', 'upcoming']);
  });

  it('only a correction moves it back: later steps are undone, and steps after it reach again', () => {
    const log = [stepAt('received', 0), stepAt('preparing', 2), stepAt('ready', 15), eventAt('correction', 16, { step: 'preparing', reason: 'missing salsa' })];
    const f = facts(log);
    expect(f.currentStep).toBe('preparing');
    expect(f.correction).toEqual({ at: T0 + 16 * MIN, step: 'preparing', reason: 'missing salsa' });
    expect(states(log)).toEqual(['done', 'current', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(facts([...log, stepAt('ready', 18)]).currentStep).toBe('ready');
    // A step event from before the correction, arriving after it, stays undone.
    expect(facts([...log.slice(0, 2), log[3]!, log[2]!]).currentStep).toBe('preparing');
  });

  it('a correction names its step by alias too, and ignores unknown steps', () => {
    const unknown = facts([stepAt('ready', 15), eventAt('correction', 16, { step: 'nope' })]);
    expect(unknown.currentStep).toBe('ready');
    expect(unknown.correction).toBeNull();
  });
});

describe('order reducer: exception states', () => {
  it('delayed (with its reason) until a later step is reached', () => {
    const log = [stepAt('ready', 15), eventAt('delayed', 16, { reason: 'no courier available' })];
    expect(facts(log)).toMatchObject({ status: 'delayed', delay: { at: T0 + 16 * MIN, reason: 'no courier available' } });
    expect(facts([...log, stepAt('courier-assigned', 20)])).toMatchObject({ status: 'in-progress', delay: null });
  });

  it('cancelled and delivery-failed are terminal until a correction', () => {
    const cancelled = [stepAt('preparing', 2), eventAt('cancelled', 3, { reason: 'out of tortillas' }), stepAt('ready', 15)];
    expect(facts(cancelled)).toMatchObject({ status: 'cancelled', exception: { type: 'cancelled', reason: 'out of tortillas' } });
    const failed = [stepAt('on-the-way', 20), eventAt('delivery-failed', 40, { reason: 'nobody home' })];
    expect(facts(failed).status).toBe('delivery-failed');
    expect(facts([...failed, eventAt('correction', 41, { step: 'on-the-way', reason: 'second attempt' })])).toMatchObject({
      status: 'in-progress',
      exception: null,
    });
  });

  it('courier reassignment: the new courier, the previous one, and only positions from after the change', () => {
    const log = [
      eventAt('courier', 16, { courier: { id: 'c1', name: 'Luis' } }),
      eventAt('position', 17, { progress: 0.3 }),
      eventAt('courier', 18, { courier: { id: 'c2', name: 'Ana' }, reason: 'flat tyre' }),
    ];
    expect(facts(log).courier).toMatchObject({ name: 'Ana', previous: { name: 'Luis' }, reassignReason: 'flat tyre', position: null, positionAt: null });
    expect(facts([...log, eventAt('position', 19, { progress: 0.1 })]).courier).toMatchObject({ position: { progress: 0.1 }, positionAt: T0 + 19 * MIN });
    // The same courier announced twice is not a reassignment.
    expect(facts([log[0]!, eventAt('courier', 17, { courier: { id: 'c1', name: 'Luis' } })]).courier!.previous).toBeNull();
  });

  it('positions are not logged: only the latest by time is kept', () => {
    const positions = Array.from({ length: 500 }, (_, i) => eventAt('position', 20 + i / 100, { progress: i / 500 }));
    const log = fold([eventAt('courier', 16, { courier: { name: 'Ana' } }), ...positions.reverse()])!;
    expect(log.events).toHaveLength(1);
    expect(log.position!.event).toMatchObject({ progress: 499 / 500 });
  });
});

describe('order reducer: ETA', () => {
  it('an ETA window with revisions and their reasons ("was 12:30, now 12:45: heavy traffic")', () => {
    const f = facts(FULL_LIFE);
    expect(f.eta).toEqual({ from: T0 + 45 * MIN, to: T0 + 55 * MIN });
    expect(f.latestBy).toBe(T0 + 60 * MIN);
    expect(f.revisions).toEqual([
      { at: T0, previous: null, eta: { from: T0 + 40 * MIN, to: T0 + 50 * MIN }, latestBy: T0 + 55 * MIN, reason: undefined },
      {
        at: T0 + 18 * MIN,
        previous: { from: T0 + 40 * MIN, to: T0 + 50 * MIN },
        eta: { from: T0 + 45 * MIN, to: T0 + 55 * MIN },
        latestBy: T0 + 60 * MIN,
        reason: 'heavy traffic',
      },
    ]);
  });

  it('an unchanged estimate is not a revision; estimates are capped to the latest by time, in any arrival order', () => {
    const same = eventAt('eta', 5, { eta: { from: T0 + 40 * MIN, to: T0 + 50 * MIN }, latestBy: T0 + 55 * MIN });
    expect(facts([FULL_LIFE[1]!, same]).revisions).toHaveLength(1);
    const reduce = createOrderReducer({ maxEtaEvents: 3 });
    const etas = Array.from({ length: 10 }, (_, i) => eventAt('eta', i, { eta: { from: T0 + (40 + i) * MIN, to: T0 + (50 + i) * MIN } }));
    const forward = deriveOrderFacts(fold(etas, reduce)!, TAQUERIA_STEPS);
    const backward = deriveOrderFacts(fold([...etas].reverse(), reduce)!, TAQUERIA_STEPS);
    expect(forward.revisions.map((r) => r.at)).toEqual([T0 + 7 * MIN, T0 + 8 * MIN, T0 + 9 * MIN]);
    expect(backward).toEqual(forward);
  });
});

describe('order reducer: clocks that disagree', () => {
  it('a server time more than maxSkewMs in the future is clamped to the receive time and flagged', () => {
    const receivedAt = T0 + 10 * MIN;
    const future = stepAt('ready', 30, { receivedAt });
    const f = facts([stepAt('preparing', 2, { receivedAt: T0 + 2 * MIN }), future]);
    expect(f.steps.find((s) => s.id === 'ready')!.at).toBe(receivedAt);
    expect(f.clockSkew).toBe(true);
    expect(f.updatedAt).toBe(receivedAt);
  });

  it('a time within the allowed skew is believed and not flagged', () => {
    const f = facts([stepAt('ready', 10, { receivedAt: T0 + 10 * MIN - 4_000 })]);
    expect(f.steps[2]!.at).toBe(T0 + 10 * MIN);
    expect(f.clockSkew).toBe(false);
    const strict = deriveOrderFacts(fold([stepAt('ready', 10, { receivedAt: T0 + 10 * MIN - 4_000 })], createOrderReducer({ maxSkewMs: 1_000 }))!, TAQUERIA_STEPS);
    expect(strict.clockSkew).toBe(true);
  });
});
