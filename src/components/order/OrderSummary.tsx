'use client';
import { forwardRef, memo, type HTMLAttributes } from 'react';
import type { OrderState } from '../../core/order/types.js';
import { cx } from '../context.js';
import { useOrderView } from './context.js';
import { courierText, etaText, isFinished, revisionText, statusText } from './describe.js';

export interface OrderSummaryProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  state: OrderState;
}

/**
 * The three answers first, as a `<dl>`: what is happening now, where the courier is, and when it
 * arrives ("Arrives 12:40–12:50, latest by 12:55", the latest revision and its reason, or
 * "Running late"). `data-status` and `data-late` style it. Extra props and the ref go to the root.
 */
export const OrderSummary = memo(
  forwardRef<HTMLElement, OrderSummaryProps>(function OrderSummary({ state, className, ...rest }, ref) {
    const { labels, locale, classNames } = useOrderView();
    const finished = isFinished(state);
    const eta = etaText(state, labels, locale);
    const revision = revisionText(state, labels, locale);
    const late = state.late && !finished;
    return (
      <section
        {...rest}
        ref={ref}
        data-sk-order-summary=""
        data-status={state.status}
        data-late={late ? 'true' : undefined}
        className={cx(classNames.summary, className)}
      >
        <dl>
          <div data-item="now">
            <dt>{labels.now}</dt>
            <dd data-sk-order-status="">{statusText(state, labels, locale)}</dd>
          </div>
          {!finished && (
            <div data-item="courier">
              <dt>{labels.courier}</dt>
              <dd>{courierText(state, labels, locale)}</dd>
            </div>
          )}
          {!finished && (
            <div data-item="arrival">
              <dt>{labels.arrival}</dt>
              <dd>
                {late && <strong data-sk-late="">{labels.late}. </strong>}
                <span data-sk-eta="">{eta ?? labels.noEstimate}</span>
                {revision !== null && <span data-sk-eta-revision="">{revision}</span>}
              </dd>
            </div>
          )}
        </dl>
      </section>
    );
  }),
);
