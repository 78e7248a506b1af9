import { BatchedStore } from '../batched-store.js';
import type { Clock, TimerHandle } from '../clock.js';
import { safely } from '../emitter.js';
import { StreamError, isStreamError } from '../errors.js';
import type { LiveFeed } from '../feed/live-feed.js';
import { platformFrames, type FrameSource } from '../frames.js';
import { wallClock } from '../order/wall-clock.js';
import type { StreamStatus } from '../transport/status.js';
import { contentDigest } from './map-notification.js';
import { NOTIFICATION_TOPIC, type NotificationEvent } from './notification-feed.js';
import { getDefaultToastQueue } from './notify.js';
import { localPreferenceStorage, readJson, readPreferences } from './preferences.js';
import { atLeast } from './tally.js';
import type { ToastQueue } from './toast-queue.js';
import type {
  NotificationCounts,
  NotificationDelivery,
  NotificationPage,
  NotificationPreferences,
  NotificationsSnapshot,
  PreferenceStorage,
  StreamNotification,
} from './types.js';

/** Default {@link NotificationStoreOptions.maxHistory}. */
export const DEFAULT_MAX_HISTORY = 200;
/** Read ids remembered in storage (for other tabs and the next visit). */
const MAX_STORED_READ_IDS = 500;
/** Ids of notifications already shown, remembered in storage so a reload does not toast a re-send again. */
const MAX_SEEN_IDS = 500;
/** Seen ids are written at most this often (a burst is one write, not one per notification). */
const SEEN_WRITE_MS = 1_000;

/** Options of {@link createNotificationStore}. */
export interface NotificationStoreOptions {
  /** The notification feed (`createNotificationFeed`): SSE or WebSocket, `mapEvent` and `clientId` are its. */
  feed: LiveFeed<NotificationEvent, NotificationEvent>;
  /** Where toasts go: default the module-level queue `notify()` uses; `null` for none (a centre-only page). */
  toasts?: ToastQueue | null | undefined;
  /** Notifications kept (newest first); older ones are dropped. Default 200. */
  maxHistory?: number | undefined;
  /** Older notifications from the server: `cursor` is `null` for the first page, then the `next` it gave. */
  loadPage?: ((cursor: string | null) => Promise<NotificationPage>) | undefined;
  /** The server's unread count, to reconcile the badge with what this page never received. */
  loadCounts?: (() => Promise<NotificationCounts>) | undefined;
  /** Tells the server ids were read; a rejection rolls the optimistic change back. */
  onMarkRead?: ((ids: readonly string[]) => Promise<void> | void) | undefined;
  /** Tells the server ids were archived; a rejection rolls the optimistic change back. */
  onArchive?: ((ids: readonly string[]) => Promise<void> | void) | undefined;
  /** Preferences and read state. Default `localStorage` (other tabs' changes via the `storage` event). */
  storage?: PreferenceStorage | undefined;
  /** Key prefix in `storage`. Default `sk-notifications`. */
  storageKey?: string | undefined;
  /** Wall clock (epoch ms) for mute expiry. Default `Date.now` and the global timers. */
  clock?: Clock | undefined;
  /** Publication frames (at most one publication per frame). Default `requestAnimationFrame`. */
  frames?: FrameSource | undefined;
  /** Called with errors of `loadPage`, `loadCounts`, `onMarkRead` and `onArchive`. */
  onError?: ((error: StreamError) => void) | undefined;
}

/** Counters for tests and diagnostics (a fresh copy). */
export interface NotificationStoreStats {
  /** Snapshots published to listeners. */
  published: number;
  /** Notifications held (archived included), at most `maxHistory`. */
  held: number;
  /** Re-sent notifications with unchanged content, ignored. */
  duplicates: number;
  /** Notifications replaced in place (same id, new content). */
  updates: number;
}

/** The notification centre's state and actions. React-free; `useNotifications()` reads it. */
export interface NotificationStore {
  getSnapshot(): NotificationsSnapshot;
  /**
   * Called when the snapshot changed, at most once per frame. Fits `useSyncExternalStore`. The
   * first subscriber attaches the store to the feed (notifications are received only while
   * someone listens); the last one's release detaches it.
   */
  subscribe(listener: () => void): () => void;
  /** Marks ids read at once; resolves `false` (and rolls back) when `onMarkRead` rejects. */
  markRead(ids: string | readonly string[]): Promise<boolean>;
  /** Marks every kept notification read (same rollback). */
  markAllRead(): Promise<boolean>;
  /** Archives ids at once (out of the list and the count); `false` and rolled back when `onArchive` rejects. */
  archive(ids: string | readonly string[]): Promise<boolean>;
  /** Loads the next older page (`loadPage`); no-op without one, while loading, or at the end. */
  loadMore(): Promise<void>;
  /** Reconciles the unread count with `loadCounts`. */
  refreshCounts(): Promise<void>;
  /**
   * Redoes what failed last: loads the page or the counts again, or clears the error of a
   * rejected read or archive (already rolled back). A connection error is the feed's to retry:
   * it clears when the connection reopens.
   */
  retry(): Promise<void>;
  /** Changes preferences (persisted, and heard by other tabs). */
  setPreferences(patch: Partial<NotificationPreferences>): void;
  /** Mutes a type until `untilMs` (epoch ms): it still lands in the centre, but does not toast. */
  mute(type: string, untilMs: number): void;
  unmute(type: string): void;
  /** How a notification would be delivered with the current preferences. */
  deliveryOf(notification: StreamNotification): NotificationDelivery;
  stats(): NotificationStoreStats;
  /** Publishes pending changes now (tests). */
  flush(): void;
  /**
   * Releases the feed topic, the queue and storage listeners and timers (also done when the last
   * listener unsubscribes; a new subscriber attaches again). The feed itself stays open (it is yours).
   */
  close(): void;
}

/** Creates the notification centre over a notification feed. See {@link NotificationStore}. */
export function createNotificationStore(options: NotificationStoreOptions): NotificationStore {
  return new NotificationStoreImpl(options);
}

interface Held {
  notification: StreamNotification;
  digest: string;
}

/** Where the current error came from. */
type ErrorSource = 'feed' | 'history' | 'counts' | 'action';

class NotificationStoreImpl implements NotificationStore {
  private readonly clock: Clock;
  private readonly storage: PreferenceStorage;
  private readonly prefsKey: string;
  private readonly readKey: string;
  private readonly seenKey: string;
  private seenIds: string[];
  private seenSet: Set<string>;
  private seenTimer: TimerHandle | null = null;
  private readonly toasts: ToastQueue | null;
  private readonly byId = new Map<string, Held>();
  /** Newest first: live ones at the front, pages at the back. */
  private list: StreamNotification[] = [];
  private readIds: string[];
  private readSet: Set<string>;
  private preferences: NotificationPreferences;
  private status: StreamStatus;
  private error: StreamError | null = null;
  /** What failed last, so success there (or `retry()`) clears the error and nothing else does. */
  private errorFrom: ErrorSource | null = null;
  private cursor: string | null = null;
  private hasMore: boolean;
  private loadingPage = false;
  private server: { unread: number; localAt: number } | null = null;
  private muteTimer: TimerHandle | null = null;
  private readonly store: BatchedStore<NotificationsSnapshot>;
  private readonly detach: (() => void)[] = [];
  private holders = 0;
  private readonly counters = { published: 0, duplicates: 0, updates: 0 };

  constructor(private readonly options: NotificationStoreOptions) {
    this.clock = options.clock ?? wallClock;
    this.storage = options.storage ?? localPreferenceStorage;
    const key = options.storageKey ?? 'sk-notifications';
    this.prefsKey = `${key}:preferences`;
    this.readKey = `${key}:read`;
    this.seenKey = `${key}:seen`;
    this.toasts = options.toasts === undefined ? getDefaultToastQueue() : options.toasts;
    this.preferences = readPreferences(this.storage, this.prefsKey);
    this.readIds = this.storedReadIds();
    this.readSet = new Set(this.readIds);
    this.seenIds = this.storedIds(this.seenKey);
    this.seenSet = new Set(this.seenIds);
    this.hasMore = options.loadPage !== undefined;
    this.status = options.feed.getStatus().status;
    this.store = new BatchedStore(() => this.build(), options.frames ?? platformFrames(this.clock));
  }

  /**
   * Holds the feed topic, the queue and storage listeners and the mute timer while someone
   * listens: creating a store has no side effect (a component may create one during render).
   */
  private attach(): void {
    const feed = this.options.feed;
    this.status = feed.getStatus().status;
    this.detach.push(
      feed.subscribe(NOTIFICATION_TOPIC, () => {}, { onEvent: (event) => this.receive(event.notification, true) }),
      feed.subscribeStatus((status) => {
        this.status = status.status;
        if (status.error !== null) this.setError(status.error, 'feed');
        else if (status.status === 'open') this.clearError('feed');
        this.changed();
      }),
    );
    if (this.toasts !== null) {
      // notify() toasts land in the centre too: a toast is never the only place a message lives.
      this.detach.push(this.toasts.onShow((notification, origin) => origin !== this && this.receive(notification, false)));
    }
    const unsubscribe = this.storage.subscribe?.((changed) => this.storageChanged(changed));
    if (unsubscribe !== undefined) this.detach.push(unsubscribe);
    // Another tab may have changed things while nobody listened here.
    this.storageChanged(null);
  }

  // ---- arrivals ---------------------------------------------------------------------------

  private receive(incoming: StreamNotification, toast: boolean): void {
    const delivery = this.deliveryOf(incoming);
    if (delivery === 'off') return;
    const digest = contentDigest(incoming);
    const held = this.byId.get(incoming.id);
    let notification = incoming;
    if (held !== undefined) {
      // A re-send (a reconnect, a restarted server) changes nothing; new content updates in place.
      if (held.digest === digest) {
        this.counters.duplicates++;
        return;
      }
      this.counters.updates++;
      if (held.notification.read && !notification.read) notification = { ...notification, read: true };
      const at = this.list.indexOf(held.notification);
      if (at >= 0) this.list[at] = notification;
      held.notification = notification;
      held.digest = digest;
    } else {
      if (!notification.read && this.readSet.has(notification.id)) notification = { ...notification, read: true };
      this.byId.set(notification.id, { notification, digest });
      this.list.unshift(notification);
      this.trim();
      // Shown on an earlier visit (the server re-sent it after a reload): in the centre, no toast.
      if (this.seenSet.has(notification.id)) toast = false;
      else this.see(notification.id);
    }
    if (toast && delivery === 'toast' && !notification.read && !notification.archived && this.toasts !== null) {
      this.toasts.show(notification, { coalesce: true, origin: this });
    }
    this.changed();
  }

  /** Remembers a shown id (bounded); storage is written at most once per {@link SEEN_WRITE_MS}. */
  private see(id: string): void {
    this.seenSet.add(id);
    this.seenIds.push(id);
    if (this.seenIds.length > MAX_SEEN_IDS * 2) {
      // Trimmed in batches so a long burst does not shift the array per notification.
      this.seenIds = this.seenIds.slice(-MAX_SEEN_IDS);
      this.seenSet = new Set(this.seenIds);
    }
    this.seenTimer ??= this.clock.setTimeout(() => this.writeSeen(), SEEN_WRITE_MS);
  }

  private writeSeen(): void {
    if (this.seenTimer !== null) this.clock.clearTimeout(this.seenTimer);
    this.seenTimer = null;
    this.storage.setItem(this.seenKey, JSON.stringify(this.seenIds.slice(-MAX_SEEN_IDS)));
  }

  private trim(): void {
    const max = this.options.maxHistory ?? DEFAULT_MAX_HISTORY;
    while (this.list.length > max) this.byId.delete(this.list.pop()!.id);
  }

  deliveryOf(notification: StreamNotification): NotificationDelivery {
    const prefs = this.preferences;
    const delivery = prefs.types[notification.type] ?? prefs.defaultDelivery;
    if (delivery !== 'toast') return delivery;
    const muted = prefs.mutedUntil[notification.type];
    if (muted !== undefined && muted > this.clock.now()) return 'silent';
    return atLeast(notification.importance, prefs.minToastImportance) ? 'toast' : 'silent';
  }

  // ---- read state and archive (optimistic) ------------------------------------------------

  markRead(ids: string | readonly string[]): Promise<boolean> {
    return this.optimistic(
      typeof ids === 'string' ? [ids] : ids,
      (n) => !n.read && !n.archived,
      (n, on) => ({ ...n, read: on }),
      this.options.onMarkRead,
      true,
    );
  }

  markAllRead(): Promise<boolean> {
    return this.markRead(this.list.filter((n) => !n.read && !n.archived).map((n) => n.id));
  }

  archive(ids: string | readonly string[]): Promise<boolean> {
    return this.optimistic(
      typeof ids === 'string' ? [ids] : ids,
      (n) => !n.archived,
      (n, on) => ({ ...n, archived: on }),
      this.options.onArchive,
      false,
    );
  }

  /**
   * The one optimistic mechanism: apply `set(n, true)` to the ids it concerns now, call the server,
   * and on rejection apply `set(n, false)` to those still as we left them.
   */
  private async optimistic(
    ids: readonly string[],
    concerns: (n: StreamNotification) => boolean,
    set: (n: StreamNotification, on: boolean) => StreamNotification,
    call: ((ids: readonly string[]) => Promise<void> | void) | undefined,
    read: boolean,
  ): Promise<boolean> {
    const changed: StreamNotification[] = [];
    for (const id of ids) {
      const held = this.byId.get(id);
      if (held === undefined || !concerns(held.notification)) continue;
      changed.push(this.replace(held, set(held.notification, true)));
    }
    if (changed.length === 0) return true;
    const changedIds = changed.map((n) => n.id);
    if (read) this.rememberRead(changedIds, true);
    this.changed();
    if (call === undefined) return true;
    try {
      await call(changedIds);
      if (this.clearError('action')) this.changed();
      return true;
    } catch (cause) {
      for (const n of changed) {
        const held = this.byId.get(n.id);
        if (held !== undefined && held.notification === n) this.replace(held, set(n, false));
      }
      if (read) this.rememberRead(changedIds, false);
      this.fail(cause, read ? 'Marking notifications read failed.' : 'Archiving notifications failed.', 'action');
      return false;
    }
  }

  private replace(held: Held, notification: StreamNotification): StreamNotification {
    const at = this.list.indexOf(held.notification);
    if (at >= 0) this.list[at] = notification;
    held.notification = notification;
    return notification;
  }

  /** Adds (or removes) ids to the stored read set, bounded, and writes it once. */
  private rememberRead(ids: readonly string[], read: boolean): void {
    if (read) {
      for (const id of ids) {
        if (this.readSet.has(id)) continue;
        this.readSet.add(id);
        this.readIds.push(id);
      }
    } else {
      const gone = new Set(ids);
      this.readIds = this.readIds.filter((id) => !gone.has(id));
    }
    if (this.readIds.length > MAX_STORED_READ_IDS) this.readIds = this.readIds.slice(-MAX_STORED_READ_IDS);
    this.readSet = new Set(this.readIds);
    this.storage.setItem(this.readKey, JSON.stringify(this.readIds));
  }

  private storedReadIds(): string[] {
    return this.storedIds(this.readKey);
  }

  private storedIds(key: string): string[] {
    const stored = readJson(this.storage, key);
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  }

  // ---- other tabs -------------------------------------------------------------------------

  private storageChanged(key: string | null): void {
    if (key === null || key === this.prefsKey) {
      this.preferences = readPreferences(this.storage, this.prefsKey);
      this.scheduleMuteExpiry();
    }
    if (key === null || key === this.readKey) {
      this.readIds = this.storedReadIds();
      this.readSet = new Set(this.readIds);
      // Read elsewhere is read here; what another tab rolled back (or never read) is left as it is.
      for (const held of this.byId.values()) {
        if (!held.notification.read && this.readSet.has(held.notification.id)) this.replace(held, { ...held.notification, read: true });
      }
    }
    this.changed();
  }

  // ---- preferences ------------------------------------------------------------------------

  setPreferences(patch: Partial<NotificationPreferences>): void {
    this.preferences = { ...this.preferences, ...patch };
    this.storage.setItem(this.prefsKey, JSON.stringify(this.preferences));
    this.scheduleMuteExpiry();
    this.changed();
  }

  mute(type: string, untilMs: number): void {
    this.setPreferences({ mutedUntil: { ...this.preferences.mutedUntil, [type]: untilMs } });
  }

  unmute(type: string): void {
    const { [type]: _gone, ...rest } = this.preferences.mutedUntil;
    this.setPreferences({ mutedUntil: rest });
  }

  /** One timer at the soonest mute expiry: the expired entry is removed (and persisted) when it is due. */
  private scheduleMuteExpiry(): void {
    if (this.muteTimer !== null) this.clock.clearTimeout(this.muteTimer);
    this.muteTimer = null;
    const now = this.clock.now();
    let soonest = Infinity;
    let expired = false;
    for (const until of Object.values(this.preferences.mutedUntil)) {
      if (until <= now) expired = true;
      else soonest = Math.min(soonest, until);
    }
    if (expired) {
      const mutedUntil = Object.fromEntries(Object.entries(this.preferences.mutedUntil).filter(([, until]) => until > now));
      this.preferences = { ...this.preferences, mutedUntil };
      this.storage.setItem(this.prefsKey, JSON.stringify(this.preferences));
      this.changed();
    }
    if (soonest !== Infinity) {
      this.muteTimer = this.clock.setTimeout(() => {
        this.muteTimer = null;
        this.scheduleMuteExpiry();
      }, soonest - now);
    }
  }

  // ---- history and counts -----------------------------------------------------------------

  async loadMore(): Promise<void> {
    const loadPage = this.options.loadPage;
    if (loadPage === undefined || this.loadingPage || !this.hasMore) return;
    this.loadingPage = true;
    this.changed();
    try {
      const page = await loadPage(this.cursor);
      const max = this.options.maxHistory ?? DEFAULT_MAX_HISTORY;
      for (const item of page.items) {
        if (this.list.length >= max) break;
        if (this.byId.has(item.id)) continue;
        const notification = !item.read && this.readSet.has(item.id) ? { ...item, read: true } : item;
        this.byId.set(notification.id, { notification, digest: contentDigest(notification) });
        this.list.push(notification);
      }
      this.cursor = page.next ?? null;
      this.hasMore = this.cursor !== null && this.list.length < max;
      this.clearError('history');
    } catch (cause) {
      this.fail(cause, 'Loading older notifications failed.', 'history');
    } finally {
      this.loadingPage = false;
      this.changed();
    }
  }

  async refreshCounts(): Promise<void> {
    const loadCounts = this.options.loadCounts;
    if (loadCounts === undefined) return;
    try {
      const counts = await loadCounts();
      if (typeof counts?.unread !== 'number' || !Number.isFinite(counts.unread)) throw new StreamError('parse', 'loadCounts gave no unread count.');
      this.server = { unread: counts.unread, localAt: this.localUnread() };
      this.clearError('counts');
    } catch (cause) {
      this.fail(cause, 'Loading the unread count failed.', 'counts');
    }
    this.changed();
  }

  async retry(): Promise<void> {
    switch (this.errorFrom) {
      case 'history':
        this.clearError('history');
        this.changed();
        return this.loadMore();
      case 'counts':
        return this.refreshCounts();
      case 'action':
        this.clearError('action');
        this.changed();
        return;
      default:
        return;
    }
  }

  private localUnread(): number {
    let unread = 0;
    for (const n of this.list) if (!n.read && !n.archived) unread++;
    return unread;
  }

  private setError(error: StreamError, from: ErrorSource): void {
    this.error = error;
    this.errorFrom = from;
  }

  /** Clears the error if it came from `from`; true when it did. */
  private clearError(from: ErrorSource): boolean {
    if (this.errorFrom !== from) return false;
    this.error = null;
    this.errorFrom = null;
    return true;
  }

  private fail(cause: unknown, message: string, from: ErrorSource): void {
    const error = isStreamError(cause) ? cause : new StreamError('callback', message, { cause });
    this.setError(error, from);
    this.changed();
    if (this.options.onError !== undefined) safely(this.options.onError, error);
  }

  // ---- publication ------------------------------------------------------------------------

  private changed(): void {
    this.store.invalidate();
  }

  private build(): NotificationsSnapshot {
    const local = this.localUnread();
    // The server knows of unread ones this page never received; local changes since move it along.
    const unreadCount = this.server === null ? local : Math.max(local, this.server.unread + local - this.server.localAt, 0);
    return {
      notifications: this.list.filter((n) => !n.archived),
      unreadCount,
      preferences: this.preferences,
      status: this.status,
      error: this.error,
      retryable: this.errorFrom !== null && this.errorFrom !== 'feed',
      hasMore: this.hasMore,
      loadingPage: this.loadingPage,
    };
  }

  getSnapshot = (): NotificationsSnapshot => this.store.getSnapshot();

  subscribe = (listener: () => void): (() => void) => {
    const off = this.store.subscribe(() => {
      this.counters.published++;
      listener();
    });
    // After the listener is in: what attaching changes publishes to it.
    if (this.holders++ === 0) this.attach();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      off();
      this.holders = Math.max(0, this.holders - 1);
      if (this.holders === 0) this.close();
    };
  };

  stats(): NotificationStoreStats {
    return { ...this.counters, held: this.byId.size };
  }

  flush(): void {
    this.store.flush();
  }

  close(): void {
    this.holders = 0;
    for (const detach of this.detach.splice(0)) detach();
    if (this.muteTimer !== null) this.clock.clearTimeout(this.muteTimer);
    this.muteTimer = null;
    if (this.seenTimer !== null) this.writeSeen();
  }
}

