'use client';
import { forwardRef, type HTMLAttributes } from 'react';
import type { ToastQueue } from '../../core/notifications/toast-queue.js';
import { useToasts } from '../../hooks/useToasts.js';
import { ToasterView, type ToasterDisplayProps } from './ToasterView.js';

/** Props of {@link Toaster}: the queue (default: the one `notify()` uses), display options and root attributes. */
export interface ToasterProps extends ToasterDisplayProps, Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The toast queue to show. Default: the module-level queue behind `notify()`. */
  queue?: ToastQueue;
}

/**
 * The toasts of a queue (by default `notify()`'s, which live notifications also feed): at most
 * its `maxVisible` on screen, text only, close and swipe to dismiss, timers paused on hover and
 * focus, and two always-mounted live regions that announce the queue's rate-limited, coalesced
 * announcements. Alt+T or F8 (the `shortcut` prop) moves focus to the toasts; Escape returns it.
 *
 * ```tsx
 * import 'react-streamkit/styles.css';
 * import { Toaster, notify } from 'react-streamkit';
 * <Toaster locale="es" />
 * notify({ title: 'Pedido 1042 en camino', importance: 'high' });
 * ```
 *
 * The ref and extra props go to the root `<div>`.
 */
export const Toaster = forwardRef<HTMLDivElement, ToasterProps>(function Toaster({ queue, ...view }, ref) {
  const toasts = useToasts(queue);
  return <ToasterView {...view} ref={ref} snapshot={toasts} queue={toasts} />;
});
