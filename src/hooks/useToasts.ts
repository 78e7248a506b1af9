'use client';
import { useSyncExternalStore } from 'react';
import { getDefaultToastQueue } from '../core/notifications/notify.js';
import type { ToastQueue } from '../core/notifications/toast-queue.js';
import type { ToasterSnapshot } from '../core/notifications/types.js';

/** What {@link useToasts} returns: the queue's snapshot and the calls `<Toaster />` makes. */
export interface UseToastsResult extends ToasterSnapshot {
  /** Removes a toast (close button, swipe); no id: all. */
  dismiss(id?: string): void;
  /** Stops a toast's timer while hovered or focused; no id: every visible toast. */
  pause(id?: string): void;
  resume(id?: string): void;
  queue: ToastQueue;
}

/** The server render shows no toasts (a queue is per page, not per server process). */
const SERVER_SNAPSHOT: ToasterSnapshot = Object.freeze({ visible: [], waiting: 0, away: null, polite: null, assertive: null });
const serverSnapshot = () => SERVER_SNAPSHOT;

/**
 * The toast queue's visible toasts, waiting count, away summary and announcements; re-renders at
 * most once per frame. Default: the queue `notify()` uses (no provider needed).
 */
export function useToasts(queue: ToastQueue = getDefaultToastQueue()): UseToastsResult {
  const snapshot = useSyncExternalStore(queue.subscribe, queue.getSnapshot, serverSnapshot);
  return {
    ...snapshot,
    dismiss: (id) => queue.dismiss(id),
    pause: (id) => queue.pause(id),
    resume: (id) => queue.resume(id),
    queue,
  };
}
