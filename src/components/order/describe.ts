import type { OrderState } from '../../core/order/types.js';
import { errorText, formatTime, numberFormat } from '../i18n.js';
import { stepName, type OrderLabels } from './labels.js';

/**
 * The words of the tracker, from an order state: one place, so the summary, the compact row and
 * the announcements say the same thing.
 */

/** The current step's name, or `undefined` before any step. */
export function currentStepName(state: OrderState, locale: string | undefined): string | undefined {
  const step = state.currentIndex >= 0 ? state.steps[state.currentIndex] : undefined;
  return step === undefined ? undefined : stepName(step.label, step.id, locale);
}

/** "What is happening now": the step, a delay, delivery, or the exception. */
export function statusText(state: OrderState, labels: OrderLabels, locale: string | undefined): string {
  const step = currentStepName(state, locale);
  switch (state.status) {
    case 'cancelled':
      return labels.cancelled(state.exception?.reason);
    case 'delivery-failed':
      return labels.deliveryFailed(state.exception?.reason);
    case 'delivered': {
      const at = state.steps[state.currentIndex]?.at;
      return at === null || at === undefined ? (step ?? labels.waiting) : labels.delivered(formatTime(locale, at));
    }
    case 'delayed':
      return labels.delayed(step ?? labels.waiting, state.delay?.reason);
    default:
      if (step !== undefined) return step;
      return state.updatedAt === null && state.connection.topic === 'loading' ? labels.loading : labels.waiting;
  }
}

/** "Arrives 12:40–12:50" for a window. */
export function windowText(eta: { from: number; to: number }, labels: OrderLabels, locale: string | undefined): string {
  const from = formatTime(locale, eta.from);
  const to = formatTime(locale, eta.to);
  return labels.arrives(from, to);
}

/**
 * "How long is left": the window and its "latest by", or `null` when there is nothing to
 * estimate (no ETA yet, delivered, cancelled, failed).
 */
export function etaText(state: OrderState, labels: OrderLabels, locale: string | undefined): string | null {
  if (state.eta === null || isFinished(state)) return null;
  const window = windowText(state.eta, labels, locale);
  if (state.latestBy === null) return window;
  const latest = formatTime(locale, state.latestBy);
  // "Arrives around 12:40, latest by 12:40" says nothing twice: a "latest by" that reads the
  // same as the window's end is left out.
  return latest === formatTime(locale, state.eta.to) ? window : `${window}, ${labels.latestBy(latest)}`;
}

/** The latest revision as "Was 12:30, now 12:45: heavy traffic", or `null` without one. */
export function revisionText(state: OrderState, labels: OrderLabels, locale: string | undefined): string | null {
  const revision = state.revisions[state.revisions.length - 1];
  if (revision === undefined || revision.previous === null || isFinished(state)) return null;
  return labels.revised(formatTime(locale, revision.previous.from), formatTime(locale, revision.eta.from), revision.reason);
}

/** Delivered, cancelled or failed: nothing left to wait for. */
export function isFinished(state: OrderState): boolean {
  return state.status === 'delivered' || state.status === 'cancelled' || state.status === 'delivery-failed';
}

/** The courier's name, or the labels' word for an unnamed one. */
export function courierName(state: OrderState, labels: OrderLabels): string | undefined {
  if (state.courier === null) return undefined;
  return state.courier.name ?? labels.courierUnnamed;
}

/** "Where is the courier": "Ana is 60% of the way", "Ana has your order", or no courier yet. */
export function courierText(state: OrderState, labels: OrderLabels, locale: string | undefined): string {
  const courier = state.courier;
  if (courier === null) return labels.noCourier;
  const name = courier.name ?? labels.courierUnnamed;
  const progress = courier.position?.progress;
  if (progress === undefined) return labels.courierOnTheWay(name);
  return labels.courierProgress(name, percentText(progress, locale));
}

/** 0.6 → "60%" in the locale ("60 %" in Spanish). */
export function percentText(progress: number, locale: string | undefined): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(Math.min(1, Math.max(0, progress)));
}

/** What the connection badge says, and its state for `data-state`. */
export function connectionText(
  state: OrderState,
  labels: OrderLabels,
  locale: string | undefined,
): { state: 'live' | 'connecting' | 'reconnecting' | 'offline' | 'stale'; text: string } {
  const { connection } = state;
  const from = state.updatedAt === null ? undefined : formatTime(locale, state.updatedAt);
  if (connection.status === 'reconnecting') return { state: 'reconnecting', text: labels.connectionReconnecting(from) };
  if (connection.status === 'connecting' || connection.status === 'idle') {
    return { state: 'connecting', text: labels.connectionConnecting };
  }
  if (connection.status === 'closed' || connection.status === 'error') return { state: 'offline', text: labels.connectionOffline(from) };
  if (connection.topic === 'stale' || connection.stale) {
    const error = connection.error === null ? undefined : errorText(connection.error, labels, locale);
    return { state: 'stale', text: labels.connectionStale(error, from) };
  }
  return { state: 'live', text: labels.connectionLive };
}
