import type { StreamError } from '../errors.js';
import type { StreamStatus } from '../transport/status.js';

/**
 * One domain event, as `mapEvent` returns it: the topic it belongs to, and what the feed needs
 * to apply it exactly once. Add any fields of your own (the reducer sees the whole object).
 */
export interface FeedEvent {
  /** The topic (an order id, a user's notification channel …) the event belongs to. */
  topic: string;
  /** Unique per topic: a repeated id is a duplicate and is ignored. Optional. */
  id?: string | undefined;
  /**
   * Position in the topic's sequence (consecutive integers). When present, events apply in `seq`
   * order: an older or equal `seq` is stale and ignored, a missing one is waited for
   * (`reorderMs`) and then reloaded from the snapshot. Without `seq`: arrival order.
   */
  seq?: number | undefined;
}

/** What `loadSnapshot(topic)` resolves with: the topic's state and the `seq` it includes. */
export interface FeedSnapshotData<S> {
  state: S;
  /** The last `seq` the state includes; deltas up to it are dropped, later ones applied. */
  seq?: number | undefined;
}

/** What `loadSnapshot` is given besides the topic. */
export interface FeedSnapshotContext {
  /** Aborted when the load is superseded (a newer reload) or the topic is dropped. */
  signal: AbortSignal;
}

/**
 * A topic's condition:
 * - `idle`: nobody subscribed (what `getSnapshot` returns for an unknown topic);
 * - `loading`: the snapshot is (re)loading; deltas are buffered, `state` is the last known one;
 * - `live`: up to date, deltas apply as they arrive;
 * - `stale`: the last snapshot load failed (`error` says why); `state` is kept and deltas
 *   still apply, but events may be missing until a reload succeeds.
 */
export type TopicStatus = 'idle' | 'loading' | 'live' | 'stale';

/** One topic's state as `useSyncExternalStore` sees it: a new object only when it changed. */
export interface TopicSnapshot<S> {
  status: TopicStatus;
  /** The reduced state (`undefined` until a snapshot or the first event, unless `initialState`). */
  state: S | undefined;
  /** The last applied `seq` (or the snapshot's), `undefined` before any. */
  seq: number | undefined;
  /** Why the topic is `stale` (a typed snapshot error), else `null`. */
  error: StreamError | null;
}

/** The feed's connection, for a status line. A new object only when it changed. */
export interface FeedStatusSnapshot {
  /** The transport's connection status. */
  status: StreamStatus;
  /** The latest connection error (also while reconnecting), `null` once open again. */
  error: StreamError | null;
  /** Topics currently held (subscribed, or within their grace period). */
  topics: number;
}

/** Counters for tests and diagnostics; read with `feed.stats()` (a fresh copy each call). */
export interface FeedStats {
  /** Events applied to a topic's state. */
  applied: number;
  /** Events ignored because their id was already applied. */
  duplicates: number;
  /** Events ignored because their `seq` was not newer than the topic's. */
  stale: number;
  /** Events for topics nobody holds (e.g. a server that ignores unsubscribe). */
  unrouted: number;
  /** Raw messages `mapEvent` ignored (returned null). */
  ignored: number;
  /** Raw messages `mapEvent` could not read (reported as `parse` errors). */
  parseErrors: number;
  /** Snapshot loads started (first loads and reloads). */
  snapshotLoads: number;
  /** Gaps in `seq` that outlived `reorderMs` (or overflowed `maxPending`). */
  gaps: number;
}
