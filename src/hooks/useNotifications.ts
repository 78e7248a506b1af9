'use client';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { LiveFeed } from '../core/feed/live-feed.js';
import { sseFeedTransport } from '../core/feed/sse-transport.js';
import type { NotificationMapper } from '../core/notifications/map-notification.js';
import { createNotificationFeed, type NotificationEvent } from '../core/notifications/notification-feed.js';
import { createNotificationStore, type NotificationStore, type NotificationStoreOptions } from '../core/notifications/store.js';
import type { NotificationsSnapshot } from '../core/notifications/types.js';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect.js';

/** Options of {@link useNotifications}. */
export interface UseNotificationsOptions extends Omit<NotificationStoreOptions, 'feed'> {
  /** A notification feed (`createNotificationFeed`: SSE or WebSocket). Takes precedence over `url`. */
  feed?: LiveFeed<NotificationEvent, NotificationEvent> | undefined;
  /** An SSE URL of notifications, when you pass no `feed`: this component opens it for its lifetime. */
  url?: string | undefined;
  /** This client's id (with `url`): messages targeted at another client are ignored. */
  clientId?: string | undefined;
  /** Adapts server messages (with `url`). Default: seed 000's `{ mensaje, timestamp }` and the English shape. */
  mapEvent?: NotificationMapper | undefined;
}

/** What {@link useNotifications} returns: the centre's snapshot and its actions. */
export interface UseNotificationsResult extends NotificationsSnapshot {
  markRead: NotificationStore['markRead'];
  markAllRead: NotificationStore['markAllRead'];
  archive: NotificationStore['archive'];
  loadMore: NotificationStore['loadMore'];
  refreshCounts: NotificationStore['refreshCounts'];
  retry: NotificationStore['retry'];
  setPreferences: NotificationStore['setPreferences'];
  mute: NotificationStore['mute'];
  unmute: NotificationStore['unmute'];
  store: NotificationStore;
}

/**
 * The notification centre over a live feed: notifications (newest first, bounded), unread count,
 * preferences, connection status; toasts go to the `notify()` queue (or `toasts`). Re-renders at
 * most once per frame. Callbacks (`loadPage`, `onMarkRead` …) may change between renders.
 */
export function useNotifications(options: UseNotificationsOptions): UseNotificationsResult {
  const { feed: given, url, clientId, mapEvent, toasts, storage, storageKey, maxHistory, clock, frames } = options;
  if (given === undefined && url === undefined) throw new TypeError('useNotifications needs a `feed` or a `url`.');
  const latest = useRef(options);
  useIsomorphicLayoutEffect(() => {
    latest.current = options;
  });
  // A feed of its own for `url`: built once, closed after unmount (StrictMode's remount keeps it).
  const [own] = useState(() =>
    given === undefined ? createNotificationFeed({ transport: sseFeedTransport({ client: { url: url! } }), clientId, mapEvent, clock }) : null,
  );
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      queueMicrotask(() => {
        if (!mounted.current) own?.close();
      });
    };
  }, [own]);
  const feed = given ?? own!;
  const store = useMemo(
    () =>
      createNotificationStore({
        feed,
        toasts,
        storage,
        storageKey,
        maxHistory,
        clock,
        frames,
        loadPage: (cursor) => latest.current.loadPage!(cursor),
        loadCounts: () => latest.current.loadCounts!(),
        onMarkRead: (ids) => latest.current.onMarkRead?.(ids),
        onArchive: (ids) => latest.current.onArchive?.(ids),
        onError: (error) => latest.current.onError?.(error),
      }),
    [feed, toasts, storage, storageKey, maxHistory, clock, frames],
  );
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return {
    ...snapshot,
    // Without loadPage the store has no history to page: hasMore from the options, not the wrapper.
    hasMore: snapshot.hasMore && options.loadPage !== undefined,
    markRead: (ids) => store.markRead(ids),
    markAllRead: () => store.markAllRead(),
    archive: (ids) => store.archive(ids),
    loadMore: () => (options.loadPage === undefined ? Promise.resolve() : store.loadMore()),
    refreshCounts: () => (options.loadCounts === undefined ? Promise.resolve() : store.refreshCounts()),
    retry: () => store.retry(),
    setPreferences: (patch) => store.setPreferences(patch),
    mute: (type, until) => store.mute(type, until),
    unmute: (type) => store.unmute(type),
    store,
  };
}
