import type { StreamError } from '../errors.js';
import type { StreamStatus } from '../transport/status.js';

/**
 * How much a notification matters. Sets whether it toasts, for how long, and how loudly it is
 * announced: `low` lands silently in the centre, `normal` and `high` toast politely (high for
 * longer), `urgent` toasts assertively and stays until dismissed.
 */
export type NotificationImportance = 'low' | 'normal' | 'high' | 'urgent';

/** The importances from least to most important (for "at least" comparisons and filters). */
export const NOTIFICATION_IMPORTANCES: readonly NotificationImportance[] = Object.freeze(['low', 'normal', 'high', 'urgent']);

/** Who a notification was sent to: every client (a broadcast) or one client/user id. */
export type NotificationTarget = { kind: 'broadcast' } | { kind: 'client'; id: string };

/**
 * A button or link on a notification. A link's `href` is checked when the notification is mapped:
 * only `http:`, `https:`, `mailto:`, `tel:` and relative URLs are kept (`javascript:` and other
 * schemes are refused, the action dropped). An action with an `id` is reported to the app's
 * handler instead (e.g. "Undo", "Track order").
 */
export type NotificationAction =
  | { /** Accessible name and visible text. */ label: string; href: string; id?: undefined }
  | { /** Accessible name and visible text. */ label: string; id: string; href?: undefined };

/**
 * One notification, as the centre lists it and a toast shows it. Strings are plain text: render
 * them as text, never as HTML.
 */
export interface StreamNotification<D = unknown> {
  /** Unique id. From the payload, or derived from its content (same content, same id). */
  id: string;
  /** What it is about (`order`, `promotion`, `inventory` … or `general` when unknown). */
  type: string;
  importance: NotificationImportance;
  /** Short headline (may be empty when the payload only has a body). */
  title: string;
  /** The message text (seed 000's `mensaje`). */
  body: string;
  target: NotificationTarget;
  /** When the server created it, epoch ms (receipt time when the payload has no readable time). */
  createdAt: number;
  read: boolean;
  /** Archived notifications are kept out of `notifications` and the unread count. */
  archived: boolean;
  actions?: readonly NotificationAction[] | undefined;
  /** The payload's own extra data (e.g. an order id), untouched. */
  data?: D | undefined;
}

/** What a toast is showing. Texts are structured so the component's (en/es) labels format them. */
export type ToastContent =
  /** One notification (live, or from `notify()`). */
  | { kind: 'notification'; notification: StreamNotification }
  /** A burst of one type collapsed into one toast: "5 new orders". `latest` is the newest one. */
  | { kind: 'burst'; type: string; count: number; latest: StreamNotification }
  /** What arrived while the tab was hidden, shown once on return: "While you were away: 5 new orders". */
  | { kind: 'away'; summary: AwaySummary };

/** Where a toast is in the queue. `waiting` toasts are not shown; `visible` ones are (timer or not). */
export type ToastState = 'waiting' | 'visible';

/** A `notify.promise` toast's phase (`undefined` for other toasts). */
export type ToastPromiseState = 'loading' | 'success' | 'error';

/** One item of the toast queue, as `<Toaster />` renders it. A new object whenever it changes. */
export interface Toast {
  /** The toast's id (the notification's id for a notification toast). */
  id: string;
  content: ToastContent;
  /** The most important of what it shows (a burst or summary takes its most important item's). */
  importance: NotificationImportance;
  state: ToastState;
  /** `assertive` for `urgent`, else `polite`: which live region announces it. */
  politeness: 'polite' | 'assertive';
  /** Total time on screen before it dismisses itself, ms; `null` = stays until dismissed. */
  durationMs: number | null;
  /** Time left on screen, ms (frozen while paused, hidden, or waiting); `null` when it stays. */
  remainingMs: number | null;
  /** True while hovered/focused (`pause`/`resume`) or while the tab is hidden. */
  paused: boolean;
  /** For `notify.promise` toasts. */
  promise?: ToastPromiseState | undefined;
}

/** One line of an away summary or an announcement: how many of a type. */
export interface TypeCount {
  type: string;
  count: number;
}

/** What arrived while the tab was hidden, for "While you were away: 5 new orders, 2 promotions". */
export interface AwaySummary {
  /** Per type, most numerous first. */
  counts: readonly TypeCount[];
  /** All of them. */
  total: number;
  /** The most important importance among them. */
  importance: NotificationImportance;
}

/**
 * What the live regions should say, produced at most once per `announceIntervalMs` per region:
 * either one toast (its notification's title and body) or, when several arrived in the interval,
 * counts per type ("3 new orders, 1 promotion"). The component formats it with its labels into
 * always-mounted regions; `seq` changes with every announcement (so the same text re-announces).
 */
export interface Announcement {
  seq: number;
  politeness: 'polite' | 'assertive';
  content: { kind: 'toast'; toast: Toast } | { kind: 'counts'; counts: readonly TypeCount[]; total: number };
}

/** What the toast queue publishes (`useToasts()`, `<Toaster />`). A new object only when it changed. */
export interface ToasterSnapshot {
  /** Toasts on screen, oldest first (at most `maxVisible`). */
  visible: readonly Toast[];
  /** How many wait for a slot. */
  waiting: number;
  /** Summary being gathered while the tab is hidden (`null` while visible); it becomes an `away` toast on return. */
  away: AwaySummary | null;
  /** Latest polite announcement (`null` before any). */
  polite: Announcement | null;
  /** Latest assertive announcement (`null` before any). */
  assertive: Announcement | null;
}

/** How one notification type is delivered: toast it, put it in the centre silently, or drop it. */
export type NotificationDelivery = 'toast' | 'silent' | 'off';

/**
 * A user's choices, persisted (see {@link PreferenceStorage}). Read with
 * the store snapshot (`preferences`), changed with `setPreferences`/`mute`.
 */
export interface NotificationPreferences {
  /** Per-type delivery; a type not listed uses `defaultDelivery`. */
  types: Readonly<Record<string, NotificationDelivery>>;
  /** Delivery of types not in `types`. Default `toast`. */
  defaultDelivery: NotificationDelivery;
  /**
   * Only notifications at least this important toast; the rest go silently to the centre.
   * "Solo eventos importantes" is `high`. Default `normal` (so `low` never toasts).
   */
  minToastImportance: NotificationImportance;
  /** Type → epoch ms until which it is muted (kept in the centre, never toasts). Expired entries are ignored. */
  mutedUntil: Readonly<Record<string, number>>;
}

/**
 * Where preferences and read state live: `localStorage` by default; anything with this shape
 * (a cookie, an in-memory map in tests). `subscribe` reports changes made by other tabs (the
 * `storage` event); it is optional.
 */
export interface PreferenceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  /** Calls back with the key another tab changed. Returns an unsubscribe function. */
  subscribe?(callback: (key: string | null) => void): () => void;
}

/** The notification centre as the components read it. A new object only when it changed. */
export interface NotificationsSnapshot {
  /** Kept notifications (not archived), newest first, at most `maxHistory`. */
  notifications: readonly StreamNotification[];
  /** Unread among the kept ones, or the server's count from `loadCounts` (plus what arrived since) when larger. */
  unreadCount: number;
  preferences: NotificationPreferences;
  /** The connection's status. */
  status: StreamStatus;
  /**
   * The latest error (connection, `loadPage`, `loadCounts`, a rejected `onMarkRead`), `null` if
   * none. It clears when what failed works again: the connection reopens, the next page or count
   * loads, the next read or archive is accepted — or on `retry()`.
   */
  error: StreamError | null;
  /** True when `retry()` can redo what failed (loading a page or the counts, or clearing a rejected action's error). */
  retryable: boolean;
  /** Whether `loadPage` may give older items (true until it returns no cursor). */
  hasMore: boolean;
  /** True while a `loadPage` call is running. */
  loadingPage: boolean;
}

/** What `loadPage(cursor)` resolves with. */
export interface NotificationPage {
  items: readonly StreamNotification[];
  /** The cursor for the next older page, `null`/`undefined` when there is none. */
  next?: string | null | undefined;
}

/** What `loadCounts()` resolves with: the server's count of unread notifications. */
export interface NotificationCounts {
  unread: number;
}

/** What `notify()` takes: a notification's fields, all optional but `title` or `body`. */
export interface NotifyInput {
  /** Give one to update or dismiss it later; default: a new unique id. Same id = update in place. */
  id?: string | undefined;
  title?: string | undefined;
  body?: string | undefined;
  /** Default `general`. */
  type?: string | undefined;
  /** Default `normal`. */
  importance?: NotificationImportance | undefined;
  actions?: readonly NotificationAction[] | undefined;
  data?: unknown;
  /** Overrides the importance's duration, ms; `null` stays until dismissed. */
  durationMs?: number | null | undefined;
}
