'use client';
import { forwardRef, memo, type HTMLAttributes } from 'react';
import { cx } from '../context.js';
import { formatRelativeTime, formatTime } from '../i18n.js';
import { useOrderView } from './context.js';
import { useNow } from './useNow.js';

export interface OrderTimeProps extends Omit<HTMLAttributes<HTMLTimeElement>, 'children'> {
  /** The moment (epoch ms). */
  at: number;
  /** Words around the relative time, e.g. `(relative) => \`updated ${relative}\``. */
  format?: (relative: string) => string;
}

/**
 * A time as "3 min ago" (`Intl.RelativeTimeFormat`, ticking on the view's clock every
 * `tickMs`), with the absolute time beside it: visually revealed on hover and keyboard focus (the
 * element is focusable), always read by screen readers, and shown inline when unstyled.
 */
export const OrderTime = memo(
  forwardRef<HTMLTimeElement, OrderTimeProps>(function OrderTime({ at, format, className, ...rest }, ref) {
    const { locale, clock, tickMs, classNames } = useOrderView();
    const now = useNow(clock, tickMs);
    // `now` is rounded down to the tick: a moment inside the current tick reads "now", not "in 3 sec".
    const relative = formatRelativeTime(locale, at, Math.max(now, at));
    const absolute = formatTime(locale, at);
    return (
      <time
        {...rest}
        ref={ref}
        dateTime={new Date(at).toISOString()}
        tabIndex={0}
        data-sk-order-time=""
        className={cx(classNames.stepTime, className)}
      >
        <span data-sk-relative="">{format === undefined ? relative : format(relative)}</span>{' '}
        <span data-sk-absolute="">({absolute})</span>
      </time>
    );
  }),
);
