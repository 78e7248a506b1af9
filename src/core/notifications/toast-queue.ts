import { BatchedStore } from '../batched-store.js';
import type { Clock, TimerHandle } from '../clock.js';
import { safely } from '../emitter.js';
import { browserEnvironment, type StreamEnvironment } from '../environment.js';
import { platformFrames, type FrameSource } from '../frames.js';
import { wallClock } from '../order/wall-clock.js';
import { Announcer, DEFAULT_ANNOUNCE_INTERVAL_MS } from './announcer.js';
import { TypeTally, moreImportant } from './tally.js';
import type {
  AwaySummary,
  NotificationImportance,
  StreamNotification,
  Toast,
  ToastContent,
  ToastPromiseState,
  ToastState,
  ToasterSnapshot,
} from './types.js';

/** Default time on screen per importance, ms (`null`: until dismissed). */
export const DEFAULT_TOAST_DURATIONS: Readonly<Record<NotificationImportance, number | null>> = Object.freeze({
  low: 4_000,
  normal: 5_000,
  high: 8_000,
  urgent: null,
});

/** Options of {@link createToastQueue}. */
export interface ToastQueueOptions {
  /** Toasts on screen at once; the rest wait. Default 3. */
  maxVisible?: number | undefined;
  /** Toasts waiting at most; beyond it the oldest non-urgent one is dropped (it stays in the centre). Default 50. */
  maxWaiting?: number | undefined;
  /** Per-importance durations, ms (`null`: until dismissed). Default {@link DEFAULT_TOAST_DURATIONS}. */
  durations?: Partial<Record<NotificationImportance, number | null>> | undefined;
  /** Coalescing toasts of one type arriving within this many ms of the previous one into "N new …". Default 3,000. */
  burstWindowMs?: number | undefined;
  /** At most one announcement per live region per this many ms. Default 1,000. */
  announceIntervalMs?: number | undefined;
  /** Timers and `createdAt` of `notify()` toasts (epoch ms). Default `Date.now` and the global timers. */
  clock?: Clock | undefined;
  /** Tab visibility: timers stop while hidden, arrivals are summarised. Default: the browser's. */
  environment?: StreamEnvironment | undefined;
  /** Publication frames (at most one publication per frame). Default `requestAnimationFrame`. */
  frames?: FrameSource | undefined;
}

/** Options of {@link ToastQueue.show}. */
export interface ShowToastOptions {
  /** Overrides the importance's duration, ms; `null` stays until dismissed. */
  durationMs?: number | null | undefined;
  /** Join a recent toast of the same type into "N new …" (live notifications do; `notify()` does not). */
  coalesce?: boolean | undefined;
  promise?: ToastPromiseState | undefined;
  /** Who showed it, passed back to {@link ToastQueue.onShow} listeners (a store skips its own). */
  origin?: unknown;
}

/** Counters for tests and diagnostics (a fresh copy). */
export interface ToastQueueStats {
  /** Snapshots published to listeners. */
  published: number;
  /** Toasts held now (visible + waiting). */
  held: number;
  /** Toasts that expired or were dismissed (and released). */
  released: number;
  /** Waiting toasts dropped because `maxWaiting` was exceeded. */
  evicted: number;
  /** Notifications folded into a burst toast. */
  coalesced: number;
  /** Notifications counted into an away summary instead of toasting. */
  summarised: number;
}

/**
 * The toast queue: `maxVisible` on screen, the rest waiting; timers that run only while a toast is
 * visible, not hovered/focused, and the tab is visible; bursts coalesced; arrivals in a hidden tab
 * summarised on return; announcements rate-limited. React-free; `useToasts()` reads it.
 */
export interface ToastQueue {
  /** Shows (or, for a known id, updates in place) a toast for `notification`. Returns the toast id. */
  show(notification: StreamNotification, options?: ShowToastOptions): string;
  /** Changes a held toast's notification fields (waiting or visible). False when the id is not held. */
  update(id: string, patch: Partial<Pick<StreamNotification, 'title' | 'body' | 'type' | 'importance' | 'actions' | 'data'>>, options?: ShowToastOptions): boolean;
  /** Removes a toast (visible or waiting) and releases it; no id: all of them. */
  dismiss(id?: string): void;
  /** Pauses a toast's timer (hover/focus); no id: every toast (hovering the stack). */
  pause(id?: string): void;
  /** Resumes what {@link pause} paused. */
  resume(id?: string): void;
  getSnapshot(): ToasterSnapshot;
  /** Called when the snapshot changed, at most once per frame. Fits `useSyncExternalStore`. */
  subscribe(listener: () => void): () => void;
  /** Called synchronously for every notification shown (a centre keeps them all: "never only a toast"). */
  onShow(listener: (notification: StreamNotification, origin: unknown) => void): () => void;
  /** Whether `id` is held (visible or waiting). */
  has(id: string): boolean;
  stats(): ToastQueueStats;
  /** Publishes pending changes now (tests). */
  flush(): void;
  /** Stops every timer and listener. */
  destroy(): void;
}

interface Entry {
  id: string;
  content: ToastContent;
  importance: NotificationImportance;
  type: string;
  state: ToastState;
  durationMs: number | null;
  remaining: number | null;
  startedAt: number;
  timer: TimerHandle | null;
  hovered: boolean;
  promise: ToastPromiseState | undefined;
  lastBumpAt: number;
  /** The published object, rebuilt only after a change. */
  toast: Toast | null;
}

/** Creates a toast queue. See {@link ToastQueue}. */
export function createToastQueue(options: ToastQueueOptions = {}): ToastQueue {
  return new ToastQueueImpl(options);
}

class ToastQueueImpl implements ToastQueue {
  private readonly clock: Clock;
  private readonly environment: StreamEnvironment;
  private readonly byId = new Map<string, Entry>();
  private readonly visible: Entry[] = [];
  private readonly waiting: Entry[] = [];
  /** The latest coalescable toast per type. */
  private readonly bursts = new Map<string, Entry>();
  private readonly away = new TypeTally();
  private awaySnapshot: AwaySummary | null = null;
  private hidden: boolean;
  private readonly announcer: Announcer;
  private readonly store: BatchedStore<ToasterSnapshot>;
  private readonly showListeners = new Set<(notification: StreamNotification, origin: unknown) => void>();
  private readonly detachVisibility: () => void;
  private nextId = 0;
  private readonly counters = { published: 0, released: 0, evicted: 0, coalesced: 0, summarised: 0 };

  constructor(private readonly options: ToastQueueOptions) {
    this.clock = options.clock ?? wallClock;
    this.environment = options.environment ?? browserEnvironment;
    this.hidden = this.environment.isHidden();
    this.announcer = new Announcer(this.clock, () => options.announceIntervalMs ?? DEFAULT_ANNOUNCE_INTERVAL_MS, () => this.changed());
    this.store = new BatchedStore(() => this.build(), options.frames ?? platformFrames(this.clock));
    this.detachVisibility = this.environment.onVisibilityChange(() => this.visibility());
  }

  // ---- public -----------------------------------------------------------------------------

  show(notification: StreamNotification, options: ShowToastOptions = {}): string {
    for (const listener of this.showListeners) safely((n: StreamNotification) => listener(n, options.origin), notification);
    const existing = this.byId.get(notification.id);
    if (existing !== undefined) {
      this.apply(existing, { kind: 'notification', notification }, notification.importance, options);
      return existing.id;
    }
    const now = this.clock.now();
    const urgent = notification.importance === 'urgent';
    if (this.hidden && !urgent) {
      // Summarised on return instead of flooding the screen with what nobody saw arrive.
      this.away.add(notification.type, 1, notification.importance);
      this.awaySnapshot = null;
      this.counters.summarised++;
      this.changed();
      return notification.id;
    }
    if (options.coalesce === true && !urgent) {
      const burst = this.bursts.get(notification.type);
      if (burst !== undefined && now - burst.lastBumpAt <= (this.options.burstWindowMs ?? 3_000)) {
        const count = burst.content.kind === 'burst' ? burst.content.count + 1 : 2;
        if (burst.content.kind !== 'burst') {
          // Re-keyed: the burst is no longer that one notification (an update of it must not overwrite the count).
          this.byId.delete(burst.id);
          burst.id = `burst:${notification.type}:${++this.nextId}`;
          this.byId.set(burst.id, burst);
        }
        burst.lastBumpAt = now;
        this.counters.coalesced++;
        const importance = moreImportant(burst.importance, notification.importance);
        this.apply(burst, { kind: 'burst', type: notification.type, count, latest: notification }, importance, {});
        return burst.id;
      }
    }
    const entry = this.create(notification.id, { kind: 'notification', notification }, notification.importance, notification.type, options);
    if (options.coalesce === true) this.bursts.set(notification.type, entry);
    this.enqueue(entry);
    return entry.id;
  }

  update(id: string, patch: Partial<Pick<StreamNotification, 'title' | 'body' | 'type' | 'importance' | 'actions' | 'data'>>, options: ShowToastOptions = {}): boolean {
    const entry = this.byId.get(id);
    if (entry === undefined || entry.content.kind !== 'notification') return false;
    const notification = { ...entry.content.notification, ...patch };
    this.apply(entry, { kind: 'notification', notification }, notification.importance, options);
    return true;
  }

  dismiss(id?: string): void {
    if (id === undefined) {
      for (const entry of [...this.visible, ...this.waiting]) this.release(entry);
    } else {
      const entry = this.byId.get(id);
      if (entry === undefined) return;
      this.release(entry);
    }
    this.promote();
    this.changed();
  }

  pause(id?: string): void {
    this.hover(id, true);
  }

  resume(id?: string): void {
    this.hover(id, false);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  getSnapshot = (): ToasterSnapshot => this.store.getSnapshot();

  subscribe = (listener: () => void): (() => void) =>
    this.store.subscribe(() => {
      this.counters.published++;
      listener();
    });

  onShow(listener: (notification: StreamNotification, origin: unknown) => void): () => void {
    const entry = (n: StreamNotification, origin: unknown) => listener(n, origin);
    this.showListeners.add(entry);
    return () => this.showListeners.delete(entry);
  }

  stats(): ToastQueueStats {
    return { ...this.counters, held: this.byId.size };
  }

  flush(): void {
    this.store.flush();
  }

  destroy(): void {
    for (const entry of this.byId.values()) this.stopTimer(entry);
    this.announcer.dispose();
    this.detachVisibility();
    this.showListeners.clear();
  }

  // ---- queue ------------------------------------------------------------------------------

  private create(id: string, content: ToastContent, importance: NotificationImportance, type: string, options: ShowToastOptions): Entry {
    const durationMs = this.durationOf(importance, options);
    const entry: Entry = {
      id,
      content,
      importance,
      type,
      state: 'waiting',
      durationMs,
      remaining: durationMs,
      startedAt: 0,
      timer: null,
      hovered: false,
      promise: options.promise,
      lastBumpAt: this.clock.now(),
      toast: null,
    };
    this.byId.set(id, entry);
    return entry;
  }

  private enqueue(entry: Entry): void {
    if (entry.importance === 'urgent') {
      // Urgent ones go ahead of everything that waits (after other urgent ones).
      let at = 0;
      while (at < this.waiting.length && this.waiting[at]!.importance === 'urgent') at++;
      this.waiting.splice(at, 0, entry);
    } else {
      this.waiting.push(entry);
    }
    const maxWaiting = this.options.maxWaiting ?? 50;
    while (this.waiting.length > maxWaiting) {
      let victim = this.waiting.findIndex((e) => e.importance !== 'urgent');
      if (victim < 0) victim = 0;
      this.counters.evicted++;
      this.release(this.waiting[victim]!);
    }
    this.promote();
    this.changed();
  }

  /** Fills free visible slots from the waiting line. */
  private promote(): void {
    const maxVisible = this.options.maxVisible ?? 3;
    while (this.visible.length < maxVisible && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      entry.state = 'visible';
      entry.toast = null;
      this.visible.push(entry);
      this.startTimer(entry);
      this.announce(entry);
    }
  }

  /** A change to a held toast: new content, importance and duration; a visible one starts its time again. */
  private apply(entry: Entry, content: ToastContent, importance: NotificationImportance, options: ShowToastOptions): void {
    entry.content = content;
    entry.importance = importance;
    entry.type = content.kind === 'burst' ? content.type : content.kind === 'notification' ? content.notification.type : entry.type;
    if (options.promise !== undefined) entry.promise = options.promise;
    this.stopTimer(entry);
    entry.durationMs = this.durationOf(importance, options);
    entry.remaining = entry.durationMs;
    entry.toast = null;
    if (entry.state === 'visible') {
      this.startTimer(entry);
      this.announce(entry);
    }
    this.changed();
  }

  private release(entry: Entry): void {
    this.stopTimer(entry);
    this.byId.delete(entry.id);
    const list = entry.state === 'visible' ? this.visible : this.waiting;
    const at = list.indexOf(entry);
    if (at >= 0) list.splice(at, 1);
    if (this.bursts.get(entry.type) === entry) this.bursts.delete(entry.type);
    entry.toast = null;
    this.counters.released++;
  }

  private durationOf(importance: NotificationImportance, options: ShowToastOptions): number | null {
    if (options.durationMs !== undefined) return options.durationMs;
    if (options.promise === 'loading') return null;
    const durations = this.options.durations;
    const own = durations?.[importance];
    return own !== undefined ? own : DEFAULT_TOAST_DURATIONS[importance];
  }

  // ---- timers -----------------------------------------------------------------------------

  private running(entry: Entry): boolean {
    return entry.state === 'visible' && !entry.hovered && !this.hidden && entry.remaining !== null;
  }

  private startTimer(entry: Entry): void {
    if (entry.timer !== null || !this.running(entry)) return;
    entry.startedAt = this.clock.now();
    entry.timer = this.clock.setTimeout(() => {
      entry.timer = null;
      entry.remaining = 0;
      this.release(entry);
      this.promote();
      this.changed();
    }, entry.remaining!);
  }

  private stopTimer(entry: Entry): void {
    if (entry.timer === null) return;
    this.clock.clearTimeout(entry.timer);
    entry.timer = null;
    entry.remaining = Math.max(0, entry.remaining! - (this.clock.now() - entry.startedAt));
  }

  private hover(id: string | undefined, hovered: boolean): void {
    const entries = id === undefined ? this.visible : [this.byId.get(id)].filter((e): e is Entry => e !== undefined);
    for (const entry of entries) {
      if (entry.hovered === hovered) continue;
      entry.hovered = hovered;
      if (hovered) this.stopTimer(entry);
      else this.startTimer(entry);
      entry.toast = null;
    }
    this.changed();
  }

  private visibility(): void {
    const hidden = this.environment.isHidden();
    if (hidden === this.hidden) return;
    this.hidden = hidden;
    for (const entry of this.visible) {
      if (hidden) this.stopTimer(entry);
      else this.startTimer(entry);
      entry.toast = null;
    }
    if (!hidden && this.away.total > 0) {
      const summary = this.summary();
      this.away.clear();
      this.awaySnapshot = null;
      const importance = summary.importance === 'low' ? 'normal' : summary.importance;
      const entry = this.create(`away:${++this.nextId}`, { kind: 'away', summary }, importance, 'away', {});
      // Shown next: it stands for everything that arrived unseen.
      this.waiting.unshift(entry);
      this.promote();
    }
    this.changed();
  }

  private summary(): AwaySummary {
    return (this.awaySnapshot ??= { counts: this.away.list(), total: this.away.total, importance: this.away.importance });
  }

  private announce(entry: Entry): void {
    const toast = this.toastOf(entry);
    if (entry.content.kind === 'away') {
      for (const { type, count } of entry.content.summary.counts) this.announcer.add(toast, type, count);
    } else {
      this.announcer.add(toast, entry.type, 1);
    }
  }

  // ---- publication ------------------------------------------------------------------------

  private changed(): void {
    this.store.invalidate();
  }

  private toastOf(entry: Entry): Toast {
    if (entry.toast !== null) return entry.toast;
    const paused = entry.hovered || this.hidden;
    let remainingMs = entry.remaining;
    if (entry.timer !== null && remainingMs !== null) remainingMs = Math.max(0, remainingMs - (this.clock.now() - entry.startedAt));
    return (entry.toast = {
      id: entry.id,
      content: entry.content,
      importance: entry.importance,
      state: entry.state,
      politeness: entry.importance === 'urgent' ? 'assertive' : 'polite',
      durationMs: entry.durationMs,
      remainingMs,
      paused,
      promise: entry.promise,
    });
  }

  private build(): ToasterSnapshot {
    return {
      visible: this.visible.map((entry) => this.toastOf(entry)),
      waiting: this.waiting.length,
      away: this.hidden && this.away.total > 0 ? this.summary() : null,
      polite: this.announcer.polite,
      assertive: this.announcer.assertive,
    };
  }
}
