'use client';
import { forwardRef, memo, type CSSProperties, type HTMLAttributes, type ReactNode } from 'react';
import type { OrderCourier, OrderState } from '../../core/order/types.js';
import { cx } from '../context.js';
import { useOrderView } from './context.js';
import { courierText, percentText } from './describe.js';
import { OrderTime } from './OrderTime.js';

/** Renders the courier your way (a map, typically); told the courier and the whole order. */
export type RenderCourierMap = (courier: OrderCourier, state: OrderState) => ReactNode;

export interface OrderCourierStatusProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  state: OrderState;
  /**
   * Replaces the default progress bar once a courier is assigned (e.g. a map). Keep its
   * identity stable. The courier's line of text and its "updated … ago" stay.
   */
  renderMap?: RenderCourierMap;
  /** Show the courier's line of text ("Ana is 60% of the way"). Default `true`; the tracker's summary already says it. */
  showText?: boolean;
}

/**
 * Where the courier is: nothing but "No courier assigned yet" until one is; then the name,
 * a progress bar along the route with "updated 40 sec ago" (faded once the position is stale,
 * `data-stale`), or, with no position at all, a timer since the courier was assigned.
 * Extra props and the ref go to the root `<div>`.
 */
export const OrderCourierStatus = memo(
  forwardRef<HTMLDivElement, OrderCourierStatusProps>(function OrderCourierStatus({ state, renderMap, showText = true, className, ...rest }, ref) {
    const { labels, locale, classNames } = useOrderView();
    const courier = state.courier;
    const progress = courier?.position?.progress;
    const hasPosition = courier !== null && courier.position !== null && courier.positionAt !== null;
    return (
      <div
        {...rest}
        ref={ref}
        data-sk-order-courier=""
        data-state={courier === null ? 'none' : hasPosition ? 'positioned' : 'assigned'}
        data-stale={courier?.stale ? 'true' : undefined}
        data-reassigned={courier?.previous ? 'true' : undefined}
        className={cx(classNames.courier, className)}
      >
        {showText && <p data-sk-courier-text="">{courierText(state, labels, locale)}</p>}
        {courier !== null && renderMap?.(courier, state)}
        {courier !== null && renderMap === undefined && progress !== undefined && (
          <div
            role="progressbar"
            aria-label={labels.routeProgress}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(Math.min(1, Math.max(0, progress)) * 100)}
            aria-valuetext={percentText(progress, locale)}
            data-sk-route-progress=""
            className={cx(classNames.progress)}
            style={{ '--sk-progress': String(Math.min(1, Math.max(0, progress))) } as CSSProperties}
          >
            <span data-sk-route-progress-fill="" />
          </div>
        )}
        {courier !== null && hasPosition && (
          <p data-sk-courier-updated="">
            <OrderTime at={courier.positionAt!} format={labels.positionUpdated} />
            {courier.stale && <span data-sk-courier-stale="">{` ${labels.positionStale}`}</span>}
          </p>
        )}
        {courier !== null && !hasPosition && (
          <p data-sk-courier-timer="">
            <OrderTime at={courier.assignedAt} format={labels.courierAssigned} />
          </p>
        )}
      </div>
    );
  }),
);
