import type { TimerHandle } from '../clock.js';
import type { StreamError } from '../errors.js';
import { IdLog } from './id-log.js';
import type { Publishable } from './publisher.js';
import type { FeedEvent, TopicSnapshot, TopicStatus } from './types.js';

/** How a topic applies events: the feed's reducer and caps, shared by every topic. */
export interface TopicRules<E extends FeedEvent, S> {
  reduce(state: S | undefined, event: E): S;
  maxIds: number;
  maxPending: number;
  maxBuffered: number;
}

/** What a topic reports back to its feed while it applies events. */
export interface TopicHost<E extends FeedEvent> {
  changed(topic: TopicRecord<E, any>): void;
  applied(topic: TopicRecord<E, any>, event: E): void;
  /** An event is held because an earlier `seq` is missing: start the reorder wait. */
  waiting(topic: TopicRecord<E, any>): void;
  /** The held events overflowed `maxPending`: treat the gap now. */
  overflow(topic: TopicRecord<E, any>): void;
  /** An event was ignored as a repeat (`duplicates`) or as older than the topic (`stale`). */
  counted(what: 'duplicates' | 'stale'): void;
}

/**
 * One topic: its state, the exactly-once bookkeeping (id log, `seq`, events held for a missing
 * `seq`, deltas buffered while a snapshot loads) and its published snapshot. Every operation is
 * O(1) per event (draining held events is O(events drained)).
 */
export class TopicRecord<E extends FeedEvent, S> implements Publishable<TopicSnapshot<S>> {
  state: S | undefined;
  /** Last applied `seq` (or the snapshot's); undefined until the first one. */
  seq: number | undefined = undefined;
  status: TopicStatus;
  error: StreamError | null = null;
  /** Subscribers (the ref count is their number). */
  readonly listeners = new Set<(snapshot: TopicSnapshot<S>) => void>();
  /** Per-event listeners (synchronous, every applied event). */
  readonly eventListeners = new Set<(event: E, state: S | undefined) => void>();
  snapshot: TopicSnapshot<S>;
  queued = false;
  /** Deltas that arrived while the snapshot loads, in arrival order; null when not loading. */
  buffer: E[] | null = null;
  /** The buffer overflowed: the snapshot in flight may predate dropped deltas, load again. */
  reloadAfterLoad = false;
  /** Bumped per load; a stale load's answer is ignored. */
  loadGeneration = 0;
  loadAbort: AbortController | null = null;
  /** Waiting for the transport to say this topic is live before its first load. */
  awaitingLive = false;
  graceTimer: TimerHandle | null = null;
  gapTimer: TimerHandle | null = null;
  /** Events ahead of `seq + 1`, by seq. */
  private readonly held = new Map<number, E>();
  private readonly ids: IdLog;

  constructor(
    readonly topic: string,
    private readonly rules: TopicRules<E, S>,
    private readonly host: TopicHost<E>,
    initial: S | undefined,
    status: TopicStatus,
  ) {
    this.state = initial;
    this.status = status;
    this.ids = new IdLog(rules.maxIds);
    this.snapshot = { status, state: initial, seq: undefined, error: null };
  }

  publish(): void {
    this.snapshot = { status: this.status, state: this.state, seq: this.seq, error: this.error };
  }

  get heldCount(): number {
    return this.held.size;
  }

  /** A delta for this topic. While loading it is buffered; otherwise applied per the rules. */
  receive(event: E): void {
    const buffer = this.buffer;
    if (buffer !== null) {
      if (buffer.length >= this.rules.maxBuffered) {
        // Memory stays bounded; the snapshot in flight may not include what we drop, so the
        // topic loads again once it lands (its deltas then start from that newer snapshot).
        buffer.length = 0;
        this.reloadAfterLoad = true;
        return;
      }
      buffer.push(event);
      return;
    }
    this.ingest(event);
  }

  /** Applies `event` unless it is a duplicate or stale; holds it if an earlier `seq` is missing. */
  ingest(event: E): void {
    const { id, seq } = event;
    if (id !== undefined && this.ids.has(id)) return this.host.counted('duplicates');
    if (seq === undefined || this.seq === undefined) return this.apply(event);
    if (seq <= this.seq) return this.host.counted('stale');
    if (seq === this.seq + 1) {
      this.apply(event);
      this.drain();
      return;
    }
    if (this.held.has(seq)) return this.host.counted('duplicates');
    this.held.set(seq, event);
    if (this.held.size > this.rules.maxPending) this.host.overflow(this);
    else this.host.waiting(this);
  }

  /** Applies the held events that now follow `seq`. */
  private drain(): void {
    if (this.held.size === 0) return;
    for (;;) {
      const next = this.held.get(this.seq! + 1);
      if (next === undefined) break;
      this.held.delete(this.seq! + 1);
      this.apply(next);
    }
  }

  /** No snapshot to fill a gap from: continue from the earliest held event. */
  skipGap(): void {
    if (this.held.size === 0) return;
    let min = Infinity;
    for (const seq of this.held.keys()) if (seq < min) min = seq;
    this.seq = min - 1;
    this.drain();
  }

  /** True while events wait for a missing `seq`. */
  get hasGap(): boolean {
    return this.held.size > 0;
  }

  /** Replaces the state with a snapshot and replays what was buffered meanwhile. */
  applySnapshot(state: S, seq: number | undefined): void {
    this.state = state;
    this.seq = seq;
    this.error = null;
    this.status = 'live';
    // Held events the snapshot already includes are stale now; later ones replay in order.
    const held = this.takeHeld();
    this.replay(held);
  }

  /** The snapshot failed: keep the state, say it is stale, apply what was buffered anyway. */
  failSnapshot(error: StreamError): void {
    this.error = error;
    this.status = 'stale';
    this.replay([]);
  }

  /** Starts buffering deltas for a snapshot load. */
  startLoad(): void {
    this.buffer ??= [];
    this.reloadAfterLoad = false;
    if (this.status !== 'stale') this.status = 'loading';
  }

  private takeHeld(): E[] {
    if (this.held.size === 0) return [];
    const held = [...this.held.values()];
    this.held.clear();
    return held;
  }

  private replay(held: E[]): void {
    const buffered = this.buffer ?? [];
    this.buffer = null;
    for (const event of held) this.ingest(event);
    for (const event of buffered) this.ingest(event);
    this.host.changed(this);
  }

  private apply(event: E): void {
    // With a `seq`, the sequence itself rejects a repeat (it is no longer newer), so only
    // events without one need their id remembered: a seq-ordered topic keeps no id log at all.
    if (event.seq !== undefined) this.seq = event.seq;
    else if (event.id !== undefined) this.ids.add(event.id);
    this.state = this.rules.reduce(this.state, event);
    this.host.applied(this, event);
  }

  /** Frees what the topic holds (it is being dropped). */
  clear(): void {
    this.held.clear();
    this.buffer = null;
    this.listeners.clear();
    this.eventListeners.clear();
  }
}
