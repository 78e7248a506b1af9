'use client';
import { forwardRef } from 'react';
import type { StreamChatRootAttributes } from '../StreamChat.js';
import { useOrderTracking, type UseOrderTrackingOptions } from '../../hooks/useOrderTracking.js';
import { OrderTrackerView, type OrderTrackerDisplayProps } from './OrderTrackerView.js';

/**
 * Props of {@link LiveOrderTracker}: the order and where its events come from (the
 * {@link useOrderTracking} options: a shared `feed`, or an SSE `url` every tracker with the same
 * URL shares), the display options, and the root `<div>`'s `aria-*`, `data-*` and global
 * attributes (StreamChat's set).
 */
export type LiveOrderTrackerProps = Omit<UseOrderTrackingOptions, 'orderId'> & {
  /** The order to track. */
  orderId: string;
} & OrderTrackerDisplayProps &
  StreamChatRootAttributes;

/**
 * A live order: the summary answering "what is happening, where is the courier, when does it
 * arrive" first, the courier's progress, the timeline of steps, the connection badge, and
 * announcements of what changed (never of position ticks). `variant="compact"` is one row for
 * dashboards; many trackers on one `feed` (or `url`) share one connection.
 *
 * ```tsx
 * import 'react-streamkit/styles.css';
 * <LiveOrderTracker orderId="pedido-1" url="/api/orders/stream" locale="es" />
 * ```
 *
 * The `clock` drives both the order's `late`/stale state and the relative times. The ref and
 * extra props go to the root `<div>`.
 */
export const LiveOrderTracker = forwardRef<HTMLDivElement, LiveOrderTrackerProps>(function LiveOrderTracker(props, ref) {
  const { orderId, feed, url, steps, clock, staleAfterMs, positionThrottleMs, ...view } = props;
  const state = useOrderTracking({ orderId, feed, url, steps, clock, staleAfterMs, positionThrottleMs });
  return <OrderTrackerView {...view} clock={clock} state={state} ref={ref} />;
});
