import type { OrderState } from '../../core/order/types.js';
import { courierName, currentStepName, statusText, windowText } from './describe.js';
import type { OrderLabels } from './labels.js';

/** An ETA change smaller than this is not news (ms). */
export const DEFAULT_SIGNIFICANT_ETA_CHANGE_MS = 5 * 60_000;

/** What to announce for a change of order state, and how urgently. */
export interface OrderAnnouncement {
  text: string;
  /** `assertive` only for a cancellation or a failed delivery. */
  politeness: 'polite' | 'assertive';
}

/**
 * What the tracker announces when the order goes from `previous` to `next`, or `null` for
 * nothing: a new step, a delay, a correction, a new courier, running late, and an estimate moved
 * by at least `significantMs` — never a position tick, a small ETA nudge, or the first state
 * (the page already shows it). Cancellation and failed delivery are assertive.
 */
export function orderAnnouncement(
  previous: OrderState | undefined,
  next: OrderState,
  labels: OrderLabels,
  locale: string | undefined,
  significantMs: number = DEFAULT_SIGNIFICANT_ETA_CHANGE_MS,
): OrderAnnouncement | null {
  if (previous === undefined || previous.orderId !== next.orderId) return null;
  if ((next.status === 'cancelled' || next.status === 'delivery-failed') && previous.status !== next.status) {
    return { text: statusText(next, labels, locale), politeness: 'assertive' };
  }
  const parts: string[] = [];
  const corrected = next.correction !== null && next.correction !== previous.correction;
  if (corrected) {
    parts.push(labels.corrected(currentStepName(next, locale) ?? next.correction!.step, next.correction!.reason));
  } else if (next.currentStep !== previous.currentStep || next.status !== previous.status || delayChanged(previous, next)) {
    parts.push(statusText(next, labels, locale));
  }
  const courier = next.courier;
  if (courier !== null && courier.previous !== null && courier.assignedAt !== previous.courier?.assignedAt) {
    parts.push(labels.courierReassigned(courierName(next, labels)!, courier.previous.name, courier.reassignReason));
  }
  if (next.late && !previous.late && next.status !== 'delivered') parts.push(labels.late);
  if (next.eta !== null && etaMoved(previous, next, significantMs)) {
    const revision = next.revisions[next.revisions.length - 1];
    parts.push(labels.etaChanged(windowText(next.eta, labels, locale), revision?.reason));
  }
  return parts.length === 0 ? null : { text: parts.join('. '), politeness: 'polite' };
}

function delayChanged(previous: OrderState, next: OrderState): boolean {
  return next.delay !== null && (previous.delay === null || previous.delay.reason !== next.delay.reason);
}

/** The window (or `latestBy`) moved by at least `significantMs`; a first estimate is news too. */
function etaMoved(previous: OrderState, next: OrderState, significantMs: number): boolean {
  if (next.eta === null || next.status === 'delivered') return false;
  if (previous.eta === null) return true;
  const moved = (a: number | null, b: number | null) => a !== b && (a === null || b === null || Math.abs(a - b) >= significantMs);
  return (
    Math.abs(next.eta.from - previous.eta.from) >= significantMs ||
    Math.abs(next.eta.to - previous.eta.to) >= significantMs ||
    moved(previous.latestBy, next.latestBy)
  );
}
