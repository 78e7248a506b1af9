'use client';
import { forwardRef, memo, type HTMLAttributes } from 'react';
import type { UseOrderTrackingOptions } from '../../hooks/useOrderTracking.js';
import { cx } from '../context.js';
import { LiveOrderTracker } from './LiveOrderTracker.js';
import type { OrderTrackerDisplayProps } from './OrderTrackerView.js';

/** Props of {@link OrderDashboard}. */
export type OrderDashboardProps = Omit<UseOrderTrackingOptions, 'orderId'> &
  Omit<OrderTrackerDisplayProps, 'variant' | 'announce'> &
  Omit<HTMLAttributes<HTMLUListElement>, 'children'> & {
    /** The orders, one compact row each, in this order. */
    orderIds: readonly string[];
  };

/**
 * Many orders, one compact row each (`<ul>` of {@link LiveOrderTracker}s), all on one connection:
 * give them one `feed`, or one `url`. Each row re-renders only when its order changed; rows do
 * not announce (a hundred orders must not talk over each other), so announce what matters to
 * your operators yourself. Display options apply to every row; the ref and extra props go to the `<ul>`.
 */
export const OrderDashboard = memo(
  forwardRef<HTMLUListElement, OrderDashboardProps>(function OrderDashboard(props, ref) {
    const {
      orderIds, feed, url, steps, clock, staleAfterMs, positionThrottleMs,
      theme, classNames, labels, locale, renderMap, tickMs, significantEtaChangeMs, showConnection,
      className, ...rest
    } = props;
    const row = { feed, url, steps, clock, staleAfterMs, positionThrottleMs, theme, classNames, labels, locale, renderMap, tickMs, significantEtaChangeMs, showConnection };
    return (
      <ul {...rest} ref={ref} data-sk-order-dashboard="" className={cx(classNames?.dashboard, className)}>
        {orderIds.map((orderId) => (
          <li key={orderId}>
            <LiveOrderTracker {...row} orderId={orderId} variant="compact" />
          </li>
        ))}
      </ul>
    );
  }),
);
