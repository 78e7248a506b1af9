'use client';
import { forwardRef, memo, useMemo, type CSSProperties, type HTMLAttributes } from 'react';
import type { Clock } from '../../core/clock.js';
import type { OrderState } from '../../core/order/types.js';
import { cx } from '../context.js';
import { themeAttributes, type ChatTheme } from '../theme.js';
import { defaultOrderViewOptions, OrderViewContext, useOrderView, type OrderClassNames, type OrderViewOptions } from './context.js';
import { etaText, isFinished, percentText, statusText } from './describe.js';
import { resolveOrderLabels, type OrderLabelsOverride } from './labels.js';
import { OrderAnnouncer } from './OrderAnnouncer.js';
import { OrderConnectionBadge } from './OrderConnectionBadge.js';
import { OrderCourierStatus, type RenderCourierMap } from './OrderCourierStatus.js';
import { OrderSummary } from './OrderSummary.js';
import { OrderTimeline } from './OrderTimeline.js';

/**
 * Display options of {@link LiveOrderTracker} and {@link OrderTrackerView}. Object and function
 * props (`theme`, `classNames`, `labels`, `renderMap`, `clock`) should keep their identity
 * between your renders (module constants or `useMemo`).
 */
export interface OrderTrackerDisplayProps {
  /** `'full'` (default): summary, courier, timeline. `'compact'`: one row, for dashboards. */
  variant?: 'full' | 'compact';
  /** `'light'` (default), `'dark'`, `'system'`, or `--sk-*` tokens, as StreamChat's `theme`. */
  theme?: ChatTheme;
  /** Class names per part (`root`, `summary`, `timeline`, `step`, `courier`, `badge` …). */
  classNames?: OrderClassNames;
  /** The root's class name (same as `classNames.root`). */
  className?: string;
  /** Override any label (partial). */
  labels?: OrderLabelsOverride;
  /** Language of the labels and step names (`'en'`, `'es'`; regional tags fall back) and of `Intl` formats. */
  locale?: string;
  /** Draw the courier yourself (a map) once one is assigned; default a progress bar along the route. */
  renderMap?: RenderCourierMap;
  /** Wall clock (`now()` in epoch ms) for the relative times; tests and replays pass a fake one. */
  clock?: Clock;
  /** How often relative times are recomputed, in ms. Default 5000. */
  tickMs?: number;
  /**
   * Announce status changes and significant ETA changes to screen readers. Default `true` for
   * the full variant, `false` for compact rows (a dashboard of 100 orders must not talk over itself).
   */
  announce?: boolean;
  /** An ETA change smaller than this is not announced, in ms. Default 5 min. */
  significantEtaChangeMs?: number;
  /** Show the connection badge. Default `true` (a dashboard sharing one connection may show one badge itself). */
  showConnection?: boolean;
}

export interface OrderTrackerViewProps extends OrderTrackerDisplayProps, Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The order to show (e.g. from `useOrderTracking`). */
  state: OrderState;
}

/**
 * An order's tracker from a state you hold (`useOrderTracking`, a replay, a fixture):
 * {@link LiveOrderTracker} without the subscription. The ref and extra props go to the root.
 */
export const OrderTrackerView = memo(
  forwardRef<HTMLDivElement, OrderTrackerViewProps>(function OrderTrackerView(props, ref) {
    const {
      state,
      variant = 'full',
      theme,
      classNames,
      className,
      labels: labelOverrides,
      locale,
      renderMap,
      clock = defaultOrderViewOptions.clock,
      tickMs = defaultOrderViewOptions.tickMs,
      announce = variant === 'full',
      significantEtaChangeMs,
      showConnection = true,
      style: rootStyle,
      ...rest
    } = props;
    const labels = useMemo(() => resolveOrderLabels(locale, labelOverrides), [locale, labelOverrides]);
    const slots = useMemo(() => classNames ?? {}, [classNames]);
    const view = useMemo<OrderViewOptions>(() => ({ labels, locale, classNames: slots, clock, tickMs }), [labels, locale, slots, clock, tickMs]);
    const { scheme, style: themeStyle } = useMemo(() => themeAttributes(theme), [theme]);
    const style = useMemo<CSSProperties | undefined>(
      () => (rootStyle === undefined ? themeStyle : { ...themeStyle, ...rootStyle }),
      [themeStyle, rootStyle],
    );
    const finished = isFinished(state);
    const late = state.late && !finished;
    const title = labels.order(state.orderId);

    return (
      <OrderViewContext.Provider value={view}>
        <div
          role="group"
          aria-label={title}
          {...rest}
          ref={ref}
          data-sk-root=""
          data-sk-order-tracker=""
          data-sk-theme={scheme}
          data-variant={variant}
          data-status={state.status}
          data-step={state.currentStep ?? undefined}
          data-late={late ? 'true' : undefined}
          data-connection={state.connection.status}
          className={cx(slots.root, className)}
          style={style}
        >
          {variant === 'compact' ? (
            <CompactRow state={state} showConnection={showConnection} />
          ) : (
            <>
              <div data-sk-order-header="">
                <span data-sk-order-title="">{title}</span>
                {showConnection && <OrderConnectionBadge state={state} />}
              </div>
              <OrderSummary state={state} />
              {state.courier !== null && !finished && <OrderCourierStatus state={state} renderMap={renderMap} showText={false} />}
              <OrderTimeline state={state} />
              {state.clockSkew && (
                <p data-sk-order-note="" className={cx(slots.notice)}>
                  {labels.clockSkew}
                </p>
              )}
            </>
          )}
          {announce && <OrderAnnouncer state={state} significantEtaChangeMs={significantEtaChangeMs} />}
        </div>
      </OrderViewContext.Provider>
    );
  }),
);

/** The compact variant's one row: order, what is happening, the estimate, the courier's progress. */
function CompactRow({ state, showConnection }: { state: OrderState; showConnection: boolean }) {
  const { labels, locale } = useOrderView();
  const finished = isFinished(state);
  const eta = etaText(state, labels, locale);
  const progress = state.courier?.position?.progress;
  // Spaces between the cells: unstyled (and to screen readers) the row reads as words, and grid
  // layout ignores them.
  return (
    <>
      <span data-sk-order-title="">{labels.order(state.orderId)}</span>{' '}
      <span data-sk-order-status="">{statusText(state, labels, locale)}</span>{' '}
      <span data-sk-eta="">
        {state.late && !finished ? `${labels.late}. ` : ''}
        {finished ? '' : (eta ?? labels.noEstimate)}
      </span>{' '}
      {progress !== undefined && !finished && <span data-sk-compact-progress="">{percentText(progress, locale)}</span>}{' '}
      {showConnection && <OrderConnectionBadge state={state} />}
    </>
  );
}
