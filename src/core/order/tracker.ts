import type { Clock, TimerHandle } from '../clock.js';
import type { LiveFeed } from '../feed/live-feed.js';
import type { FeedStatusSnapshot, TopicSnapshot } from '../feed/types.js';
import { deriveOrderFacts, finishOrderState, nextClockChange, type OrderFacts } from './derive.js';
import { emptyOrderLog, type OrderLog } from './log.js';
import { TAQUERIA_STEPS } from './steps.js';
import type { OrderConnection, OrderEvent, OrderState, OrderSteps } from './types.js';
import { wallClock } from './wall-clock.js';

/** Default {@link OrderTrackerOptions.staleAfterMs}: a courier position older than 60 s is stale. */
export const DEFAULT_POSITION_STALE_MS = 60_000;
/** Default {@link OrderTrackerOptions.positionThrottleMs}: a new position renders at most once a second. */
export const DEFAULT_POSITION_THROTTLE_MS = 1_000;

/** Options of {@link createOrderTracker}. */
export interface OrderTrackerOptions {
  /** An order feed (see `createOrderFeed`): orders are its topics; many trackers share it. */
  feed: LiveFeed<OrderEvent, OrderLog>;
  /** The order to track; `null` tracks nothing. */
  orderId: string | null;
  /** The flow. Default {@link TAQUERIA_STEPS}; pass a stable array. */
  steps?: OrderSteps | undefined;
  /** Wall clock (epoch ms) deciding `late` and `courier.stale`. Default {@link wallClock}. */
  clock?: Clock | undefined;
  /** A courier position older than this is `stale`. Default 60,000 ms. */
  staleAfterMs?: number | undefined;
  /**
   * Position-only changes render at most once per this many ms (the latest position wins, a
   * trailing update shows it); status, ETA and courier changes render at once. Default 1,000 ms.
   */
  positionThrottleMs?: number | undefined;
}

/** One order's state over a shared feed, as a `useSyncExternalStore` source. */
export interface OrderTracker {
  /** Starts holding the order on the feed with the first listener; releases it with the last. */
  subscribe(listener: () => void): () => void;
  /** The current state: a new object only when something a view shows changed. */
  getSnapshot(): OrderState;
}

/**
 * Derives one order's {@link OrderState} from its feed topic, the feed's connection and the
 * clock. It sets one timer for the next moment `late` or `courier.stale` flips, so those turn
 * without any event arriving, and throttles position-only updates for rendering.
 */
export function createOrderTracker(options: OrderTrackerOptions): OrderTracker {
  const { feed, orderId } = options;
  const steps = options.steps ?? TAQUERIA_STEPS;
  const clock = options.clock ?? wallClock;
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_POSITION_STALE_MS;
  const throttleMs = options.positionThrottleMs ?? DEFAULT_POSITION_THROTTLE_MS;
  const listeners = new Set<() => void>();
  let release: (() => void) | null = null;
  let clockTimer: TimerHandle | null = null;
  let throttleTimer: TimerHandle | null = null;
  /** The log being shown: the topic's, except a position held back by the throttle. */
  let shown: OrderLog = emptyOrderLog(orderId ?? '');
  let shownPositionAt = -Infinity;
  let facts: OrderFacts = deriveOrderFacts(shown, steps);
  let factsOf: OrderLog = shown;
  let topic: TopicSnapshot<OrderLog> = orderId === null ? feed.getSnapshot('') : feed.getSnapshot(orderId);
  let status: FeedStatusSnapshot = feed.getStatus();
  /** Whether the facts changed since `state` was last replaced. */
  let factsChanged = false;
  let state: OrderState = compute();
  // Timer-driven changes (a held-back position, a late/stale flip) are published with the feed's
  // topics, in its frame window: a hundred trackers' timers make one commit per frame, not one each.
  const scheduleTimed = feed.frameTask(() => {
    if (listeners.size === 0) return;
    takeLog();
    update();
  });

  function connection(): OrderConnection {
    return {
      status: status.status,
      topic: topic.status,
      error: topic.error ?? status.error,
      stale: status.status !== 'open' || topic.status !== 'live',
    };
  }

  function compute(): OrderState {
    if (factsOf !== shown) {
      factsChanged = true;
      facts = deriveOrderFacts(shown, steps);
      factsOf = shown;
    }
    return finishOrderState(facts, { now: clock.now(), staleAfterMs }, connection());
  }

  /** Replaces `state` only when a shown field differs, so unchanged orders do not re-render. */
  function update(): void {
    const next = compute();
    scheduleClock();
    if (sameState(state, next, factsChanged)) return;
    factsChanged = false;
    state = next;
    for (const listener of [...listeners]) listener();
  }

  function scheduleClock(): void {
    if (clockTimer !== null) clock.clearTimeout(clockTimer);
    clockTimer = null;
    if (listeners.size === 0) return;
    const now = clock.now();
    const at = nextClockChange(facts, { now, staleAfterMs });
    if (at !== null) {
      clockTimer = clock.setTimeout(() => {
        clockTimer = null;
        scheduleTimed();
      }, at - now);
    }
  }

  function takeLog(): void {
    const log = topic.state ?? emptyOrderLog(orderId ?? '');
    if (log === shown) return;
    const positionOnly = log.events === shown.events && log.orderId === shown.orderId;
    const now = clock.now();
    if (positionOnly && now - shownPositionAt < throttleMs) {
      throttleTimer ??= clock.setTimeout(() => {
        throttleTimer = null;
        scheduleTimed();
      }, shownPositionAt + throttleMs - now);
      return;
    }
    if (log.position !== shown.position) shownPositionAt = now;
    shown = log;
  }

  function onTopic(snapshot: TopicSnapshot<OrderLog>): void {
    topic = snapshot;
    takeLog();
    update();
  }

  function onStatus(snapshot: FeedStatusSnapshot): void {
    status = snapshot;
    update();
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (release === null && orderId !== null) {
        const off = feed.subscribe(orderId, onTopic);
        const offStatus = feed.subscribeStatus(onStatus);
        release = () => {
          off();
          offStatus();
        };
        topic = feed.getSnapshot(orderId);
        status = feed.getStatus();
        takeLog();
        update();
      } else scheduleClock();
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        release?.();
        release = null;
        if (clockTimer !== null) clock.clearTimeout(clockTimer);
        if (throttleTimer !== null) clock.clearTimeout(throttleTimer);
        clockTimer = throttleTimer = null;
      };
    },
    getSnapshot: () => state,
  };
}

/** Facts are re-derived only when the shown log changed, so comparing them by identity is enough. */
function sameState(a: OrderState, b: OrderState, factsChanged: boolean): boolean {
  return (
    !factsChanged &&
    a.late === b.late &&
    a.courier?.stale === b.courier?.stale &&
    a.connection.status === b.connection.status &&
    a.connection.topic === b.connection.topic &&
    a.connection.error === b.connection.error
  );
}
