'use client';
import { forwardRef, memo, type HTMLAttributes } from 'react';
import type { OrderState } from '../../core/order/types.js';
import { cx } from '../context.js';
import { useOrderView } from './context.js';
import { stepName } from './labels.js';
import { OrderTime } from './OrderTime.js';

export interface OrderTimelineProps extends Omit<HTMLAttributes<HTMLOListElement>, 'children'> {
  /** The order's steps (with their states and times) come from here. */
  state: OrderState;
}

/**
 * The order's steps as an `<ol>`: each with its name, its state spelled out for screen readers
 * (done, in progress, upcoming, skipped), and when it was reached ("3 min ago", absolute time on
 * hover and focus). The current step has `aria-current="step"`. `data-state` on each `<li>`
 * styles it. Extra props and the ref go to the `<ol>`.
 */
export const OrderTimeline = memo(
  forwardRef<HTMLOListElement, OrderTimelineProps>(function OrderTimeline({ state, className, ...rest }, ref) {
    const { labels, locale, classNames } = useOrderView();
    return (
      <ol
        aria-label={labels.timeline}
        {...rest}
        ref={ref}
        data-sk-order-timeline=""
        data-status={state.status}
        className={cx(classNames.timeline, className)}
      >
        {state.steps.map((step) => (
          <li
            key={step.id}
            data-sk-order-step=""
            data-step={step.id}
            data-state={step.state}
            aria-current={step.state === 'current' ? 'step' : undefined}
            className={cx(classNames.step)}
          >
            {step.icon !== undefined && (
              <span data-sk-step-icon="" aria-hidden="true">
                {step.icon}
              </span>
            )}
            <span data-sk-step-label="">
              {stepName(step.label, step.id, locale)}
              <span data-sk-visually-hidden="">{`, ${labels.stepStates[step.state]}`}</span>
            </span>
            {step.at !== null && <OrderTime at={step.at} />}
          </li>
        ))}
      </ol>
    );
  }),
);
