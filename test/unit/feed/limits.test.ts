/** Bounded memory per topic: the id log, events held for a gap, and deltas buffered during a load. */
import { describe, expect, it } from 'vitest';
import { IdLog } from '../../../src/core/feed/id-log.js';
import { createLiveFeed } from '../../../src/core/feed/live-feed.js';
import type { FeedEvent } from '../../../src/core/feed/types.js';
import { FakeClock, ManualFrames } from '../support/fakes.js';
import { FakeFeedTransport, deferred, settle } from './support.js';

const append = (state: number[] | undefined, e: FeedEvent) => [...(state ?? []), e.seq ?? -1];

describe('per-topic caps', () => {
  it('the id log keeps the last `capacity` ids', () => {
    const log = new IdLog(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) log.add(id);
    expect(log.size).toBe(3);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => log.has(id))).toEqual([false, false, true, true, true]);
  });

  it('ids without seq: a repeat within the log is dropped, and the log stays at maxIds', async () => {
    const transport = new FakeFeedTransport();
    const feed = createLiveFeed<FeedEvent, string[]>({
      transport,
      clock: new FakeClock(),
      frames: new ManualFrames(),
      maxIds: 4,
      reduce: (state, e) => [...(state ?? []), e.id!],
    });
    feed.subscribe('t', () => {});
    await settle();
    transport.open();
    for (const id of ['1', '2', '1', '3', '4', '5', '6', '5']) transport.emit({ topic: 't', id });
    feed.flush();
    expect(feed.getSnapshot('t').state).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(feed.stats().duplicates).toBe(2);
  });

  it('more held events than maxPending is a gap at once (no reorder wait): one reload', async () => {
    const transport = new FakeFeedTransport();
    const clock = new FakeClock();
    let loads = 0;
    const feed = createLiveFeed<FeedEvent, number[]>({
      transport,
      clock,
      frames: new ManualFrames(),
      maxPending: 3,
      reduce: append,
      loadSnapshot: async () => (++loads === 1 ? { seq: 0, state: [] } : { seq: 6, state: [1, 2, 3, 4, 5, 6] }),
    });
    feed.subscribe('t', () => {});
    await settle();
    transport.open();
    await settle();
    for (const seq of [3, 4, 5, 6]) transport.emit({ topic: 't', seq });
    await settle();
    expect(loads).toBe(2);
    feed.flush();
    expect(feed.getSnapshot('t').state).toEqual([1, 2, 3, 4, 5, 6]);
    expect(clock.pending).toBe(0);
  });

  it('more deltas than maxBuffered during a load: they are dropped and the topic loads once more', async () => {
    const transport = new FakeFeedTransport();
    const first = deferred<{ seq: number; state: number[] }>();
    let loads = 0;
    const feed = createLiveFeed<FeedEvent, number[]>({
      transport,
      clock: new FakeClock(),
      frames: new ManualFrames(),
      maxBuffered: 2,
      reduce: append,
      loadSnapshot: () => (++loads === 1 ? first.promise : Promise.resolve({ seq: 3, state: [1, 2, 3] })),
    });
    feed.subscribe('t', () => {});
    await settle();
    transport.open();
    for (const seq of [1, 2, 3]) transport.emit({ topic: 't', seq });
    first.resolve({ seq: 0, state: [] });
    await settle();
    expect(loads).toBe(2);
    transport.emit({ topic: 't', seq: 4 });
    feed.flush();
    expect(feed.getSnapshot('t')).toMatchObject({ status: 'live', state: [1, 2, 3, 4] });
  });
});
