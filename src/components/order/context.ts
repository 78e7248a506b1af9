'use client';
import { createContext, useContext } from 'react';
import type { Clock } from '../../core/clock.js';
import { wallClock } from '../../core/order/wall-clock.js';
import { orderEn, type OrderLabels } from './labels.js';

/** Parts of LiveOrderTracker that take a class name (`classNames` prop). */
export type OrderSlot =
  | 'root'
  | 'summary'
  | 'timeline'
  | 'step'
  | 'stepTime'
  | 'courier'
  | 'progress'
  | 'badge'
  | 'notice'
  | 'dashboard';

/** Class names per part. Defaults are zero-specificity, so these always win. */
export type OrderClassNames = Partial<Record<OrderSlot, string>>;

/** Display options shared by the tracker's parts (through context, so their props stay the data). */
export interface OrderViewOptions {
  labels: OrderLabels;
  /** BCP 47 locale for `Intl` formatting and step names. */
  locale: string | undefined;
  classNames: OrderClassNames;
  /** Wall-clock time (`now()` in epoch ms) and timers for the ticking relative times. */
  clock: Clock;
  /** How often relative times ("3 min ago") are recomputed, in ms. */
  tickMs: number;
}

export const defaultOrderViewOptions: OrderViewOptions = {
  labels: orderEn,
  locale: undefined,
  classNames: {},
  clock: wallClock,
  tickMs: 5000,
};

/** Provides {@link OrderViewOptions} to the parts (LiveOrderTracker does this for you). */
export const OrderViewContext = createContext<OrderViewOptions>(defaultOrderViewOptions);

export function useOrderView(): OrderViewOptions {
  return useContext(OrderViewContext);
}
