import { wallClock } from '../order/wall-clock.js';
import { createToastQueue, type ToastQueue } from './toast-queue.js';
import type { NotifyInput, StreamNotification } from './types.js';

let defaultQueue: ToastQueue | null = null;

/**
 * The queue `notify()` and `useToasts()` use when given none: created on first use (nothing runs
 * at import time, so importing on a server is free), with the browser's clock and visibility.
 */
export function getDefaultToastQueue(): ToastQueue {
  return (defaultQueue ??= createToastQueue());
}

/** Replaces the default queue (an app's own options, a test's fake clock); `null` drops it (the next use makes a new one). */
export function setDefaultToastQueue(queue: ToastQueue | null): void {
  if (defaultQueue !== null && defaultQueue !== queue) defaultQueue.destroy();
  defaultQueue = queue;
}

/** Texts of the three phases of {@link Notify.promise}; `success`/`error` may read the outcome. */
export interface NotifyPromiseTexts<T> {
  loading: string | NotifyInput;
  success: string | NotifyInput | ((value: T) => string | NotifyInput);
  error: string | NotifyInput | ((error: unknown) => string | NotifyInput);
}

/** `notify()`: shows a toast from anywhere, no provider needed. */
export interface Notify {
  /** Shows a toast (a string is its title). Returns its id; the same `id` updates it in place. */
  (input: string | NotifyInput): string;
  /** Changes a toast that is still visible or waiting. False when it is gone. */
  update(id: string, input: Omit<NotifyInput, 'id'>): boolean;
  /** Dismisses one toast, or all of them. */
  dismiss(id?: string): void;
  /** A `loading` toast that stays until `promise` settles, then becomes `success` or `error`. Resolves as `promise` does. */
  promise<T>(promise: Promise<T>, texts: NotifyPromiseTexts<T>): Promise<T>;
}

let counter = 0;

function toNotification(input: string | NotifyInput, now: number): StreamNotification {
  const given = typeof input === 'string' ? { title: input } : input;
  return {
    id: given.id ?? `notify:${++counter}`,
    type: given.type ?? 'general',
    importance: given.importance ?? 'normal',
    title: given.title ?? '',
    body: given.body ?? '',
    target: { kind: 'broadcast' },
    createdAt: now,
    read: false,
    archived: false,
    actions: given.actions,
    data: given.data,
  };
}

/** A `notify` bound to a queue (by default the module-level one). */
export function createNotify(queue: () => ToastQueue = getDefaultToastQueue): Notify {
  const show = (input: string | NotifyInput, promise?: 'loading' | 'success' | 'error'): string => {
    const notification = toNotification(input, wallClock.now());
    const durationMs = typeof input === 'string' ? undefined : input.durationMs;
    return queue().show(notification, { durationMs, promise, origin: notify });
  };
  const notify = ((input: string | NotifyInput) => show(input)) as Notify;
  notify.update = (id, input) => {
    const { durationMs, ...fields } = input;
    // Only the fields given change: an update of the body keeps the title.
    const patch = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    return queue().update(id, patch, { durationMs });
  };
  notify.dismiss = (id) => queue().dismiss(id);
  notify.promise = <T>(promise: Promise<T>, texts: NotifyPromiseTexts<T>): Promise<T> => {
    const base = typeof texts.loading === 'string' ? { title: texts.loading } : texts.loading;
    const id = show(base, 'loading');
    const settle = (text: string | NotifyInput, phase: 'success' | 'error') => {
      const input = typeof text === 'string' ? { title: text } : text;
      show({ importance: phase === 'error' ? 'high' : 'normal', ...input, id }, phase);
    };
    promise.then(
      (value) => settle(typeof texts.success === 'function' ? texts.success(value) : texts.success, 'success'),
      (error: unknown) => settle(typeof texts.error === 'function' ? texts.error(error) : texts.error, 'error'),
    );
    return promise;
  };
  return notify;
}

/** Shows a toast on the default queue from anywhere (no provider). See {@link Notify}. */
export const notify: Notify = createNotify();
