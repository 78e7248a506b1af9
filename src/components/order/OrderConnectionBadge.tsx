'use client';
import { forwardRef, memo, type HTMLAttributes } from 'react';
import type { OrderState } from '../../core/order/types.js';
import { cx } from '../context.js';
import { useOrderView } from './context.js';
import { connectionText } from './describe.js';

export interface OrderConnectionBadgeProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'children'> {
  state: OrderState;
}

/**
 * The connection behind the order: "Live", "Reconnecting, data from 12:40", "Offline, data
 * from 12:40", or out of date after a failed snapshot (with the error in the view's language).
 * `data-state` is `live | connecting | reconnecting | offline | stale`; `data-status` is the
 * feed's connection status. Extra props and the ref go to the `<span>`.
 */
export const OrderConnectionBadge = memo(
  forwardRef<HTMLSpanElement, OrderConnectionBadgeProps>(function OrderConnectionBadge({ state, className, ...rest }, ref) {
    const { labels, locale, classNames } = useOrderView();
    const badge = connectionText(state, labels, locale);
    return (
      <span
        {...rest}
        ref={ref}
        data-sk-status-badge=""
        data-sk-order-badge=""
        data-state={badge.state}
        data-status={state.connection.status}
        className={cx(classNames.badge, className)}
      >
        {badge.text}
      </span>
    );
  }),
);
