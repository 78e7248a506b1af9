/**
 * Exactly-once apply, as properties: whatever order and however often the events of a valid log
 * arrive, and wherever the snapshot lands among them, a topic applies exactly the log.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLiveFeed } from '../../../src/core/feed/live-feed.js';
import type { FeedEvent } from '../../../src/core/feed/types.js';
import { FakeClock, ManualFrames } from '../support/fakes.js';
import { FakeFeedTransport, deferred, settle } from './support.js';

interface Ev extends FeedEvent {
  seq: number;
  id: string;
}
/** With ids, or (to prove `seq` alone de-duplicates) without. */
let withIds = true;
const event = (seq: number): Ev => (withIds ? { topic: 'order:1', id: `e${seq}`, seq } : ({ topic: 'order:1', seq } as Ev));
const append = (state: number[] | undefined, e: Ev): number[] => [...(state ?? []), e.seq];
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** A delivery of seqs 1..n: a permutation with some events repeated, at random places. */
const delivery = (n: number) =>
  fc
    .tuple(
      fc.shuffledSubarray(range(1, n), { minLength: n, maxLength: n }),
      fc.array(fc.tuple(fc.integer({ min: 1, max: n }), fc.nat()), { maxLength: n }),
    )
    .map(([order, dups]) => {
      const out = [...order];
      for (const [seq, at] of dups) out.splice(at % (out.length + 1), 0, seq);
      return out;
    });

function setup(loadSnapshot: (topic: string) => Promise<{ seq: number; state: number[] }>) {
  const transport = new FakeFeedTransport();
  const clock = new FakeClock();
  const frames = new ManualFrames();
  let loads = 0;
  const feed = createLiveFeed<Ev, number[]>({
    transport,
    clock,
    frames,
    mapEvent: (raw) => raw as Ev,
    reduce: append,
    loadSnapshot: (topic) => {
      loads++;
      return loadSnapshot(topic);
    },
  });
  return { feed, transport, clock, loads: () => loads };
}

describe('live feed: exactly-once properties', () => {
  it('any permutation/duplication of a valid log applies the log exactly, with no reload', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.constant(n), delivery(n), fc.boolean())),
        async ([n, order, ids]) => {
          withIds = ids;
          const { feed, transport, clock, loads } = setup(async () => ({ seq: 0, state: [] }));
          feed.subscribe('order:1', () => {});
          await settle();
          transport.open();
          await settle();
          for (const seq of order) transport.emit(event(seq));
          feed.flush();
          expect(feed.getSnapshot('order:1').state).toEqual(range(1, n));
          clock.advance(60_000);
          await settle();
          expect(loads()).toBe(1);
          expect(feed.stats().gaps).toBe(0);
          feed.close();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the subscribe-before-snapshot race: deltas before, during and after the load apply once each', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 30 })
          .chain((n) => fc.tuple(fc.constant(n), delivery(n), fc.integer({ min: 0, max: n }), fc.nat(), fc.boolean())),
        async ([n, order, snapshotSeq, landsAt, ids]) => {
          withIds = ids;
          const load = deferred<{ seq: number; state: number[] }>();
          const { feed, transport, loads } = setup(() => load.promise);
          feed.subscribe('order:1', () => {});
          await settle();
          transport.open();
          const split = landsAt % (order.length + 1);
          // Deltas the server sent after subscribing, before the snapshot answered (buffered) …
          for (const seq of order.slice(0, split)) transport.emit(event(seq));
          // … the snapshot, as the server saw it at some point (it includes seqs 1..snapshotSeq) …
          load.resolve({ seq: snapshotSeq, state: range(1, snapshotSeq) });
          await settle();
          // … and the rest of the deltas, stale ones included.
          for (const seq of order.slice(split)) transport.emit(event(seq));
          feed.flush();
          expect(feed.getSnapshot('order:1').state).toEqual(range(1, n));
          expect(feed.getSnapshot('order:1').status).toBe('live');
          expect(loads()).toBe(1);
          feed.close();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a missing seq triggers exactly one snapshot reload, and the topic ends equal to the server log', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 30 })
          .chain((n) =>
            fc
              .integer({ min: 1, max: n - 1 })
              .chain((missing) => fc.tuple(fc.constant(n), delivery(n), fc.constant(missing), fc.integer({ min: missing, max: n }))),
          ),
        async ([n, order, missing, serverSeq]) => {
          withIds = true;
          let requests = 0;
          const { feed, transport, clock } = setup(async () => {
            requests++;
            // First load: the topic is new (seq 0). Reload: the server's state at that moment
            // includes the missing event (and maybe less than what we hold after it).
            return requests === 1 ? { seq: 0, state: [] } : { seq: serverSeq, state: range(1, serverSeq) };
          });
          feed.subscribe('order:1', () => {});
          await settle();
          transport.open();
          await settle();
          for (const seq of order) if (seq !== missing) transport.emit(event(seq));
          await settle();
          clock.advance(1_000); // the reorder window: the missing event never came
          await settle();
          clock.advance(60_000);
          await settle();
          feed.flush();
          expect(requests).toBe(2);
          expect(feed.stats().gaps).toBe(1);
          expect(feed.getSnapshot('order:1').state).toEqual(range(1, n));
          feed.close();
        },
      ),
      { numRuns: 100 },
    );
  });
});
