import { systemClock, type Clock } from '../clock.js';
import { safely } from '../emitter.js';
import { StreamError, isStreamError } from '../errors.js';
import { platformFrames, type FrameSource } from '../frames.js';
import type { StreamStatus } from '../transport/status.js';
import { jsonFeedEvent } from './map-event.js';
import { FramePublisher, type Publishable } from './publisher.js';
import { TopicRecord, type TopicHost, type TopicRules } from './topic.js';
import type { FeedOpenInfo, FeedTransport, FeedTransportSink } from './transport.js';
import type {
  FeedEvent,
  FeedSnapshotContext,
  FeedSnapshotData,
  FeedStats,
  FeedStatusSnapshot,
  TopicSnapshot,
} from './types.js';

/** Default {@link LiveFeedOptions.graceMs}: a topic outlives its last subscriber by 5 s. */
export const DEFAULT_FEED_GRACE_MS = 5_000;
/** Default {@link LiveFeedOptions.reorderMs}: how long a missing `seq` is waited for. */
export const DEFAULT_FEED_REORDER_MS = 1_000;
/** Default per-topic caps: ids remembered, events held for a gap, deltas buffered during a load. */
export const DEFAULT_FEED_LIMITS = Object.freeze({ maxIds: 512, maxPending: 512, maxBuffered: 1024 });

/** Options of {@link createLiveFeed}. Everything but `transport`, `clock` and `frames` may change via `setOptions`. */
export interface LiveFeedOptions<E extends FeedEvent = FeedEvent, S = E, Raw = unknown> {
  /** The connection (see `sseFeedTransport`, `socketFeedTransport`, or implement {@link FeedTransport}). */
  transport: FeedTransport<Raw>;
  /**
   * Adapts one raw message to a domain event, or `null` for messages that are not events
   * (acks, pings, unknown types: ignored, never thrown). A throw is a `parse` error for that
   * message only. Default {@link jsonFeedEvent}.
   */
  mapEvent?: ((raw: Raw) => E | null | undefined) | undefined;
  /** Folds one event into a topic's state. Default: the state is the latest event. */
  reduce?: ((state: S | undefined, event: E) => S) | undefined;
  /** A topic's state before its snapshot or first event. Default `undefined`. */
  initialState?: ((topic: string) => S | undefined) | undefined;
  /**
   * Loads a topic's current state (e.g. `GET /orders/:id`; see `fetchSnapshot` for typed HTTP
   * errors). Called once the topic is live on the connection, so deltas from then on are
   * buffered and only those newer than the snapshot's `seq` apply; called again after a gap
   * and after a reconnect that could not resume. A failure leaves the topic `stale`.
   */
  loadSnapshot?: ((topic: string, context: FeedSnapshotContext) => Promise<FeedSnapshotData<S>>) | undefined;
  /** How long a topic with no subscriber is kept (state and all) before it is dropped. Default 5,000 ms. */
  graceMs?: number | undefined;
  /** How long an event is held waiting for a missing earlier `seq` before the gap reloads. Default 1,000 ms. */
  reorderMs?: number | undefined;
  /** Ids remembered per topic for de-duplication. Default 512. */
  maxIds?: number | undefined;
  /** Events held per topic while an earlier `seq` is missing; more is a gap at once. Default 512. */
  maxPending?: number | undefined;
  /** Deltas buffered per topic while its snapshot loads; more drops them and loads again. Default 1,024. */
  maxBuffered?: number | undefined;
  /** Called for connection errors, `parse` errors of single messages and snapshot errors (with the topic). */
  onError?: ((error: StreamError, topic?: string) => void) | undefined;
  /** Injectable time source (grace and reorder timers, tests). */
  clock?: Clock | undefined;
  /** Injectable frame source for publishing snapshots (tests). */
  frames?: FrameSource | undefined;
}

/** Options of {@link LiveFeed.subscribe}. */
export interface TopicSubscribeOptions<E, S> {
  /** Called synchronously for every event applied to the topic (toasts, sounds), after the state update. */
  onEvent?: ((event: E, state: S | undefined) => void) | undefined;
}

/** A live feed: many topics over one connection, each event applied exactly once per topic. */
export interface LiveFeed<E extends FeedEvent = FeedEvent, S = E> {
  /**
   * Holds `topic` (ref-counted: the first subscriber subscribes it on the connection, the last
   * one's release starts the grace period) and calls `listener` with the topic's snapshot when
   * it changed, at most once per frame. Fits `useSyncExternalStore`. Returns the release function.
   */
  subscribe(topic: string, listener: (snapshot: TopicSnapshot<S>) => void, options?: TopicSubscribeOptions<E, S>): () => void;
  /** The topic's current snapshot (stable between publications); `idle` for a topic nobody holds. */
  getSnapshot(topic: string): TopicSnapshot<S>;
  /** Reloads `topic`'s snapshot now (e.g. a Retry button on a stale topic). */
  reload(topic: string): void;
  /** The connection's status snapshot, published with the topics (same frame). */
  getStatus(): FeedStatusSnapshot;
  /** Subscribes to {@link getStatus} changes. Does not hold any topic. */
  subscribeStatus(listener: (status: FeedStatusSnapshot) => void): () => void;
  /** Replaces options (all but `transport`, `clock`, `frames`). */
  setOptions(options: Partial<Omit<LiveFeedOptions<E, S, any>, 'transport' | 'clock' | 'frames'>>): void;
  /** Publishes pending snapshot changes now instead of at the next frame. */
  flush(): void;
  /**
   * A callback run in the feed's publication, in the same frame window as the topics: returns
   * the function that schedules it (scheduling it again before it ran is one run). For views
   * derived from topics that also change by timers (an order's throttled position, a clock
   * flip): their updates then share the topics' one React commit per frame instead of each
   * timer committing on its own.
   */
  frameTask(callback: () => void): () => void;
  /** Counters (a copy). */
  stats(): FeedStats;
  /** Topics currently held (subscribed or in their grace period). */
  readonly topicCount: number;
  /** Closes the connection, drops every topic and cancels every timer. The feed is unusable afterwards. */
  close(): void;
}

/** What {@link LiveFeed.getSnapshot} returns for a topic nobody holds (one shared, frozen object). */
export const IDLE_TOPIC: TopicSnapshot<never> = Object.freeze({ status: 'idle', state: undefined, seq: undefined, error: null });
const latestEvent = <E, S>(_state: S | undefined, event: E): S => event as unknown as S;

/** The feed's status as a publishable item, so it shares the topics' frame window. */
class StatusItem implements Publishable<FeedStatusSnapshot> {
  status: StreamStatus = 'idle';
  error: StreamError | null = null;
  topics = 0;
  snapshot: FeedStatusSnapshot = { status: 'idle', error: null, topics: 0 };
  readonly listeners = new Set<(snapshot: FeedStatusSnapshot) => void>();
  queued = false;
  publish(): void {
    this.snapshot = { status: this.status, error: this.error, topics: this.topics };
  }
}

/**
 * Creates a live feed over `options.transport`. Nothing connects until the first subscribe.
 *
 * Exactly-once rules, per topic: an event whose `id` was applied is a duplicate; with `seq`,
 * events apply in order (older/equal are stale, a missing one is waited for `reorderMs`, then
 * the snapshot reloads once); without `seq`, in arrival order. Deltas arriving while a snapshot
 * loads are buffered and replayed after it, minus those it already includes.
 */
export function createLiveFeed<E extends FeedEvent = FeedEvent, S = E, Raw = unknown>(
  options: LiveFeedOptions<E, S, Raw>,
): LiveFeed<E, S> {
  return new LiveFeedImpl<E, S, Raw>(options);
}

class LiveFeedImpl<E extends FeedEvent, S, Raw> implements LiveFeed<E, S>, TopicHost<E> {
  private options: LiveFeedOptions<E, S, Raw>;
  private readonly transport: FeedTransport<Raw>;
  private readonly clock: Clock;
  private readonly publisher: FramePublisher;
  private readonly topics = new Map<string, TopicRecord<E, S>>();
  /** Topics wanted on the wire (held by a subscriber). */
  private readonly wire = new Set<string>();
  /** Topics last handed to the transport. */
  private readonly sent = new Set<string>();
  /** Topics whose wire membership changed since the last flush. */
  private readonly touched = new Set<string>();
  private flushScheduled = false;
  private connected = false;
  private isOpen = false;
  private closed = false;
  private readonly statusItem = new StatusItem();
  private readonly counters: FeedStats = {
    applied: 0,
    duplicates: 0,
    stale: 0,
    unrouted: 0,
    ignored: 0,
    parseErrors: 0,
    snapshotLoads: 0,
    gaps: 0,
  };
  private readonly rules: TopicRules<E, S>;
  private readonly detach: () => void;

  constructor(options: LiveFeedOptions<E, S, Raw>) {
    this.options = { ...options };
    this.transport = options.transport;
    this.clock = options.clock ?? systemClock;
    this.publisher = new FramePublisher(options.frames ?? platformFrames(this.clock));
    const feed = this;
    this.rules = {
      reduce: (state, event) => (feed.options.reduce ?? latestEvent)(state, event),
      get maxIds() {
        return feed.options.maxIds ?? DEFAULT_FEED_LIMITS.maxIds;
      },
      get maxPending() {
        return feed.options.maxPending ?? DEFAULT_FEED_LIMITS.maxPending;
      },
      get maxBuffered() {
        return feed.options.maxBuffered ?? DEFAULT_FEED_LIMITS.maxBuffered;
      },
    };
    const sink: FeedTransportSink<Raw> = {
      message: (raw) => this.onMessage(raw),
      open: (info) => this.onOpen(info),
      live: () => this.onLive(),
      status: (status, error) => this.onStatus(status, error),
      error: (error) => this.report(error),
    };
    this.detach = this.transport.attach(sink);
  }

  get topicCount(): number {
    return this.topics.size;
  }

  // ---- subscriptions -------------------------------------------------------------------------

  subscribe(topic: string, listener: (snapshot: TopicSnapshot<S>) => void, options?: TopicSubscribeOptions<E, S>): () => void {
    if (this.closed) return () => {};
    let record = this.topics.get(topic);
    if (record === undefined) {
      const hasSnapshot = this.options.loadSnapshot !== undefined;
      record = new TopicRecord<E, S>(topic, this.rules, this, this.options.initialState?.(topic), hasSnapshot ? 'loading' : 'live');
      this.topics.set(topic, record);
      this.statusItem.topics = this.topics.size;
      this.publisher.mark(this.statusItem);
    }
    const own = record;
    if (own.listeners.size === 0) this.hold(own);
    // Wrapped so one function subscribed twice counts twice and releases independently.
    const entry = (snapshot: TopicSnapshot<S>) => listener(snapshot);
    own.listeners.add(entry);
    const onEvent = options?.onEvent;
    const eventEntry = onEvent === undefined ? null : (event: E, state: S | undefined) => onEvent(event, state);
    if (eventEntry !== null) own.eventListeners.add(eventEntry);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      own.listeners.delete(entry);
      if (eventEntry !== null) own.eventListeners.delete(eventEntry);
      if (own.listeners.size === 0 && this.topics.get(topic) === own) this.letGo(own);
    };
  }

  getSnapshot(topic: string): TopicSnapshot<S> {
    const record = this.topics.get(topic);
    return record === undefined ? (IDLE_TOPIC as TopicSnapshot<S>) : record.snapshot;
  }

  getStatus(): FeedStatusSnapshot {
    return this.statusItem.snapshot;
  }

  subscribeStatus(listener: (status: FeedStatusSnapshot) => void): () => void {
    const entry = (status: FeedStatusSnapshot) => listener(status);
    this.statusItem.listeners.add(entry);
    return () => this.statusItem.listeners.delete(entry);
  }

  setOptions(options: Partial<Omit<LiveFeedOptions<E, S, any>, 'transport' | 'clock' | 'frames'>>): void {
    this.options = { ...this.options, ...options };
  }

  flush(): void {
    this.publisher.flush();
  }

  frameTask(callback: () => void): () => void {
    const item: Publishable<undefined> = { queued: false, snapshot: undefined, listeners: new Set([callback]), publish() {} };
    return () => {
      if (!this.closed) this.publisher.mark(item);
    };
  }

  stats(): FeedStats {
    return { ...this.counters };
  }

  reload(topic: string): void {
    const record = this.topics.get(topic);
    if (record !== undefined && this.wire.has(topic) && !record.awaitingLive) this.load(record);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const record of this.topics.values()) this.dispose(record);
    this.topics.clear();
    this.wire.clear();
    this.touched.clear();
    if (this.connected) this.transport.close();
    this.connected = false;
    this.detach();
    this.publisher.dispose();
  }

  /** First subscriber (again): cancel the drop, put the topic on the wire, (re)load once live. */
  private hold(record: TopicRecord<E, S>): void {
    if (record.graceTimer !== null) {
      this.clock.clearTimeout(record.graceTimer);
      record.graceTimer = null;
    }
    this.setWanted(record.topic, true);
    if (this.options.loadSnapshot !== undefined) {
      // Events missed while it was off the wire: load again once it is back on.
      record.startLoad();
      record.awaitingLive = true;
      this.changed(record);
    }
  }

  /** Last subscriber gone: off the wire now (batched), dropped after the grace period. */
  private letGo(record: TopicRecord<E, S>): void {
    this.setWanted(record.topic, false);
    this.cancelLoad(record);
    record.buffer = null;
    record.awaitingLive = false;
    if (record.status === 'loading') record.status = record.error === null ? 'live' : 'stale';
    const graceMs = this.options.graceMs ?? DEFAULT_FEED_GRACE_MS;
    record.graceTimer = this.clock.setTimeout(() => {
      record.graceTimer = null;
      if (this.topics.get(record.topic) !== record || record.listeners.size > 0) return;
      this.dispose(record);
      this.topics.delete(record.topic);
      this.statusItem.topics = this.topics.size;
      this.publisher.mark(this.statusItem);
      if (this.topics.size === 0 && this.connected) {
        this.connected = false;
        this.isOpen = false;
        this.transport.close();
      }
    }, graceMs);
  }

  private dispose(record: TopicRecord<E, S>): void {
    this.cancelLoad(record);
    if (record.graceTimer !== null) this.clock.clearTimeout(record.graceTimer);
    if (record.gapTimer !== null) this.clock.clearTimeout(record.gapTimer);
    record.graceTimer = null;
    record.gapTimer = null;
    record.clear();
  }

  // ---- the topic set on the wire ------------------------------------------------------------

  private setWanted(topic: string, wanted: boolean): void {
    if (wanted) this.wire.add(topic);
    else this.wire.delete(topic);
    this.touched.add(topic);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // One transport update per tick: a subscribe undone in the same tick (StrictMode) sends nothing.
    queueMicrotask(() => this.flushTopics());
  }

  private flushTopics(): void {
    this.flushScheduled = false;
    if (this.closed) return;
    const added: string[] = [];
    const removed: string[] = [];
    for (const topic of this.touched) {
      const want = this.wire.has(topic);
      if (want && !this.sent.has(topic)) {
        added.push(topic);
        this.sent.add(topic);
      } else if (!want && this.sent.has(topic)) {
        removed.push(topic);
        this.sent.delete(topic);
      }
    }
    this.touched.clear();
    if (added.length > 0 || removed.length > 0) this.transport.setTopics({ topics: new Set(this.sent), added, removed });
    if (!this.connected && this.wire.size > 0) {
      this.connected = true;
      this.transport.connect();
    }
  }

  // ---- what the transport reports -----------------------------------------------------------

  private onMessage(raw: Raw): void {
    let event: E | null | undefined;
    try {
      event = (this.options.mapEvent ?? (jsonFeedEvent as unknown as (raw: Raw) => E | null))(raw);
    } catch (cause) {
      this.counters.parseErrors++;
      this.report(
        isStreamError(cause) && cause.kind === 'parse'
          ? cause
          : new StreamError('parse', 'A feed message could not be read; it was skipped.', { cause }),
      );
      return;
    }
    if (event === null || event === undefined || typeof event.topic !== 'string') {
      this.counters.ignored++;
      return;
    }
    const record = this.topics.get(event.topic);
    // Held in its grace period, or never subscribed (a server ignoring unsubscribe): dropped.
    if (record === undefined || record.listeners.size === 0) {
      this.counters.unrouted++;
      return;
    }
    record.receive(event);
  }

  private onOpen(info: FeedOpenInfo): void {
    this.isOpen = true;
    for (const record of this.topics.values()) {
      if (record.listeners.size === 0 || !this.sent.has(record.topic)) continue;
      if (record.awaitingLive || !info.resumed) this.load(record);
    }
  }

  private onLive(): void {
    if (!this.isOpen) return;
    for (const topic of this.sent) {
      const record = this.topics.get(topic);
      if (record !== undefined && record.awaitingLive) this.load(record);
    }
  }

  private onStatus(status: StreamStatus, error: StreamError | null): void {
    if (status !== 'open') this.isOpen = false;
    const item = this.statusItem;
    if (item.status === status && item.error === error) return;
    item.status = status;
    item.error = error;
    this.publisher.mark(item);
  }

  private report(error: StreamError, topic?: string): void {
    if (this.options.onError !== undefined) safely((e: StreamError) => this.options.onError!(e, topic), error);
  }

  // ---- snapshots ----------------------------------------------------------------------------

  private load(record: TopicRecord<E, S>): void {
    record.awaitingLive = false;
    const loadSnapshot = this.options.loadSnapshot;
    if (loadSnapshot === undefined) return;
    this.cancelLoad(record);
    if (record.gapTimer !== null) {
      this.clock.clearTimeout(record.gapTimer);
      record.gapTimer = null;
    }
    record.startLoad();
    this.changed(record);
    const generation = ++record.loadGeneration;
    const abort = new AbortController();
    record.loadAbort = abort;
    this.counters.snapshotLoads++;
    const current = () => record.loadGeneration === generation && this.topics.get(record.topic) === record && !this.closed;
    let pending: Promise<FeedSnapshotData<S>>;
    try {
      pending = Promise.resolve(loadSnapshot(record.topic, { signal: abort.signal }));
    } catch (cause) {
      pending = Promise.reject(cause);
    }
    pending.then(
      (data) => {
        if (!current()) return;
        record.loadAbort = null;
        if (typeof data !== 'object' || data === null || !('state' in data)) {
          return this.snapshotFailed(record, new StreamError('parse', `The snapshot of ${record.topic} has no state.`));
        }
        const seq = typeof data.seq === 'number' && Number.isFinite(data.seq) ? data.seq : undefined;
        record.applySnapshot(data.state, seq);
        this.afterLoad(record);
      },
      (cause: unknown) => {
        if (!current()) return;
        record.loadAbort = null;
        const error = isStreamError(cause)
          ? cause
          : new StreamError('callback', `Loading the snapshot of ${record.topic} failed.`, { cause });
        this.snapshotFailed(record, error);
      },
    );
  }

  private snapshotFailed(record: TopicRecord<E, S>, error: StreamError): void {
    record.failSnapshot(error);
    this.report(error, record.topic);
    this.afterLoad(record);
  }

  private afterLoad(record: TopicRecord<E, S>): void {
    if (record.reloadAfterLoad) this.load(record);
    else if (record.hasGap) this.waiting(record);
  }

  private cancelLoad(record: TopicRecord<E, S>): void {
    record.loadGeneration++;
    record.loadAbort?.abort(new StreamError('aborted', 'The snapshot load was superseded.'));
    record.loadAbort = null;
  }

  // ---- TopicHost ----------------------------------------------------------------------------

  changed(record: TopicRecord<E, any>): void {
    this.publisher.mark(record);
  }

  applied(record: TopicRecord<E, any>, event: E): void {
    this.counters.applied++;
    this.publisher.mark(record);
    const listeners = record.eventListeners;
    if (listeners.size > 0) for (const listener of listeners) safely((e: E) => listener(e, record.state), event);
  }

  waiting(record: TopicRecord<E, any>): void {
    if (record.gapTimer !== null || record.buffer !== null) return;
    record.gapTimer = this.clock.setTimeout(() => {
      record.gapTimer = null;
      if (record.hasGap) this.gap(record as TopicRecord<E, S>);
    }, this.options.reorderMs ?? DEFAULT_FEED_REORDER_MS);
  }

  overflow(record: TopicRecord<E, any>): void {
    this.gap(record as TopicRecord<E, S>);
  }

  counted(what: 'duplicates' | 'stale'): void {
    this.counters[what]++;
  }

  /** A `seq` went missing for good: reload the snapshot once, or without one skip ahead. */
  private gap(record: TopicRecord<E, S>): void {
    if (record.gapTimer !== null) {
      this.clock.clearTimeout(record.gapTimer);
      record.gapTimer = null;
    }
    if (record.buffer !== null) return; // a load is already in flight: it settles the gap
    this.counters.gaps++;
    if (this.options.loadSnapshot !== undefined && this.wire.has(record.topic)) this.load(record);
    else record.skipGap();
  }
}
