import type { OrderLog } from './log.js';
import { stepIndex } from './steps.js';
import type { OrderConnection, OrderCourier, OrderEtaRevision, OrderState, OrderStepView, OrderSteps } from './types.js';

/** The part of {@link OrderState} that depends on the events only (not on the clock or the connection). */
export type OrderFacts = Omit<OrderState, 'late' | 'connection' | 'courier'> & {
  /** The courier without `stale` (a clock matter). */
  courier: Omit<OrderCourier, 'stale'> | null;
};

/**
 * Folds the log, in its canonical order, into the order's facts. The rules:
 * - a step event moves the order to that step only if it is further on: status never moves
 *   backwards, whatever order events arrive in;
 * - a `correction` is the one way back: the order is at its step again, later steps are
 *   undone, a cancellation/failure/delay before it is lifted;
 * - steps before the current one with no event of their own are `skipped` (inferred);
 * - a delay holds until a later step is reached; `cancelled`/`delivery-failed` until a correction;
 * - a courier event naming a different courier is a reassignment; positions older than the
 *   current courier's assignment are the previous courier's and are not shown.
 */
export function deriveOrderFacts(log: OrderLog, steps: OrderSteps): OrderFacts {
  const index = stepIndex(steps);
  const reached: ({ at: number; message: string | undefined } | undefined)[] = new Array(steps.length);
  let current = -1;
  let delay: OrderFacts['delay'] = null;
  let exception: OrderFacts['exception'] = null;
  let correction: OrderFacts['correction'] = null;
  let eta: OrderFacts['eta'] = null;
  let latestBy: number | null = null;
  const revisions: OrderEtaRevision[] = [];
  let courier: OrderFacts['courier'] = null;
  let updatedAt: number | null = null;
  let clockSkew = false;

  for (const { event, at, clamped } of log.events) {
    updatedAt = at;
    if (clamped) clockSkew = true;
    switch (event.type) {
      case 'step': {
        const i = index.indexOf(event.step);
        if (i === -1) break;
        reached[i] ??= { at, message: event.message };
        if (i > current) {
          current = i;
          delay = null;
        }
        break;
      }
      case 'correction': {
        const i = index.indexOf(event.step);
        if (i === -1) break;
        current = i;
        for (let j = i + 1; j < reached.length; j++) reached[j] = undefined;
        reached[i] ??= { at, message: event.message };
        delay = null;
        exception = null;
        correction = { at, step: steps[i]!.id, reason: event.reason };
        break;
      }
      case 'delayed':
        delay = { at, reason: event.reason ?? event.message };
        break;
      case 'cancelled':
      case 'delivery-failed':
        exception ??= { type: event.type, at, reason: event.reason ?? event.message };
        break;
      case 'eta': {
        const changed = eta === null || eta.from !== event.eta.from || eta.to !== event.eta.to || (event.latestBy ?? null) !== latestBy;
        if (changed) {
          revisions.push({ at, previous: eta, eta: event.eta, latestBy: event.latestBy, reason: event.reason ?? event.message });
        }
        eta = event.eta;
        latestBy = event.latestBy ?? null;
        break;
      }
      case 'courier': {
        const same = courier !== null && (event.courier.id !== undefined ? courier.id === event.courier.id : courier.name === event.courier.name);
        if (same) break;
        courier = {
          id: event.courier.id,
          name: event.courier.name,
          assignedAt: at,
          previous: courier === null ? null : { id: courier.id, name: courier.name },
          reassignReason: courier === null ? undefined : (event.reason ?? event.message),
          position: null,
          positionAt: null,
        };
        break;
      }
      default:
        break;
    }
  }

  const position = log.position;
  if (position !== null) {
    if (position.clamped) clockSkew = true;
    if (updatedAt === null || position.at > updatedAt) updatedAt = position.at;
    if (courier !== null && position.at >= courier.assignedAt) {
      const { lat, lng, progress } = position.event;
      courier = { ...courier, position: { lat, lng, progress }, positionAt: position.at };
    }
  }

  const last = steps.length - 1;
  const delivered = current === last && last >= 0;
  const status: OrderState['status'] =
    exception !== null ? exception.type : delivered ? 'delivered' : current === -1 ? 'unknown' : delay !== null ? 'delayed' : 'in-progress';
  const views: OrderStepView[] = steps.map((config, i) => {
    const hit = reached[i];
    const state =
      i > current ? 'upcoming' : hit === undefined ? 'skipped' : i === current && !delivered ? 'current' : 'done';
    return {
      id: config.id,
      label: config.label,
      icon: config.icon,
      state,
      at: hit === undefined || i > current ? null : hit.at,
      message: hit === undefined || i > current ? undefined : hit.message,
    };
  });
  return {
    orderId: log.orderId,
    status,
    currentStep: current === -1 ? null : steps[current]!.id,
    currentIndex: current,
    steps: views,
    delay: delivered ? null : delay,
    exception,
    eta,
    latestBy,
    revisions,
    courier,
    updatedAt,
    clockSkew,
    correction,
  };
}

/** Options of {@link finishOrderState}. */
export interface OrderClockOptions {
  /** Now, by the wall clock (epoch ms). */
  now: number;
  /** A courier position older than this is `stale`. */
  staleAfterMs: number;
}

/** When the order is due: `latestBy`, else the end of the ETA window; `null` when there is no promise to break. */
export function orderDeadline(facts: OrderFacts): number | null {
  if (facts.status === 'delivered' || facts.status === 'cancelled' || facts.status === 'delivery-failed') return null;
  return facts.latestBy ?? facts.eta?.to ?? null;
}

/** Adds what the clock and the connection decide: `late`, `courier.stale`, `connection`. */
export function finishOrderState(facts: OrderFacts, clock: OrderClockOptions, connection: OrderConnection): OrderState {
  const deadline = orderDeadline(facts);
  const courier =
    facts.courier === null
      ? null
      : { ...facts.courier, stale: facts.courier.positionAt !== null && clock.now - facts.courier.positionAt > clock.staleAfterMs };
  return { ...facts, courier, late: deadline !== null && clock.now > deadline, connection };
}

/**
 * The next wall-clock time at which `late` or `courier.stale` flips with no event arriving, or
 * `null`. A tracker sets one timer for it.
 */
export function nextClockChange(facts: OrderFacts, clock: OrderClockOptions): number | null {
  let next: number | null = null;
  const deadline = orderDeadline(facts);
  if (deadline !== null && clock.now <= deadline) next = deadline + 1;
  const positionAt = facts.courier?.positionAt ?? null;
  if (positionAt !== null && clock.now - positionAt <= clock.staleAfterMs) {
    const staleAt = positionAt + clock.staleAfterMs + 1;
    if (next === null || staleAt < next) next = staleAt;
  }
  return next;
}

/** How old the courier's position is at `now` (ms), or `null` without one. */
export function positionAge(state: Pick<OrderState, 'courier'>, now: number): number | null {
  const at = state.courier?.positionAt ?? null;
  return at === null ? null : Math.max(0, now - at);
}
