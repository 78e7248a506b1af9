'use client';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Clock } from '../core/clock.js';
import type { LiveFeed } from '../core/feed/live-feed.js';
import type { OrderLog } from '../core/order/log.js';
import { sharedOrderFeed } from '../core/order/shared-feed.js';
import { createOrderTracker } from '../core/order/tracker.js';
import type { OrderEvent, OrderState, OrderSteps } from '../core/order/types.js';

/** Options of {@link useOrderTracking}. */
export interface UseOrderTrackingOptions {
  /** The order to track; `null` tracks nothing (`status: 'unknown'`). */
  orderId: string | null;
  /**
   * The order feed (`createOrderFeed`, or `useLiveFeed` with the order `mapEvent`/`reduce`):
   * orders are its topics, so every tracker on it shares one connection. Takes precedence over `url`.
   */
  feed?: LiveFeed<OrderEvent, OrderLog> | undefined;
  /**
   * An SSE URL carrying every order (seed 000's or the English shape), when you pass no `feed`:
   * trackers with the same URL share one feed and one connection.
   */
  url?: string | undefined;
  /** The flow (ids, labels, icons). Default: the taquería flow. Pass a stable array. */
  steps?: OrderSteps | undefined;
  /** Wall clock (epoch ms) for `late` and `courier.stale`. Default `Date.now` and the global timers. */
  clock?: Clock | undefined;
  /** A courier position older than this is `stale`. Default 60,000 ms. */
  staleAfterMs?: number | undefined;
  /** Position-only changes render at most once per this many ms. Default 1,000 ms. */
  positionThrottleMs?: number | undefined;
}

/**
 * One order's live state: status and steps, exceptions, ETA window and revisions, `late`,
 * the courier, and the connection (`state.connection`). Re-renders only when this order (or the
 * connection) changed, at most once per frame; `late` and `courier.stale` turn on their own.
 */
export function useOrderTracking(options: UseOrderTrackingOptions): OrderState {
  const { orderId, feed: given, url, steps, clock, staleAfterMs, positionThrottleMs } = options;
  if (given === undefined && url === undefined) throw new TypeError('useOrderTracking needs a `feed` or a `url`.');
  const shared = useMemo(() => (given === undefined ? sharedOrderFeed(url!) : null), [given, url]);
  useEffect(() => shared?.retain(), [shared]);
  const feed = given ?? shared!.feed;
  const tracker = useMemo(
    () => createOrderTracker({ feed, orderId, steps, clock, staleAfterMs, positionThrottleMs }),
    [feed, orderId, steps, clock, staleAfterMs, positionThrottleMs],
  );
  return useSyncExternalStore(tracker.subscribe, tracker.getSnapshot, tracker.getSnapshot);
}
