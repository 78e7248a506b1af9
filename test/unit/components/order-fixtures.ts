/**
 * Order states for the tracker's parts, built by hand (the parts take state as props): the
 * taquería flow at a given step, with times on a fixed local-time day so formatted times are
 * the same in every time zone.
 */
import type { Clock } from '../../../src/core/clock.js';
import { FakeClock } from '../support/fakes.js';
import type { OrderCourier, OrderState, OrderStepState } from '../../../src/core/order/types.js';

/** The taquería flow's steps as the state shows them (ids, labels, icons). */
export const TAQUERIA = [
  { id: 'received', label: { en: 'Order received', es: 'Pedido recibido' }, icon: '📝' },
  { id: 'preparing', label: { en: 'Preparing', es: 'Preparando' }, icon: '👨‍🍳' },
  { id: 'ready', label: { en: 'Food ready', es: 'Comida lista' }, icon: '🍽️' },
  { id: 'courier-assigned', label: { en: 'Courier assigned', es: 'Repartidor asignado' }, icon: '🧑‍🦱' },
  { id: 'on-the-way', label: { en: 'On the way', es: 'En camino' }, icon: '🛵' },
  { id: 'delivered', label: { en: 'Delivered', es: 'Entregado' }, icon: '✅' },
] as const;

/** 12:00 local time on a fixed day. */
export const NOON = new Date(2026, 11, 1, 12, 0, 0).getTime();
export const MIN = 60_000;
/** `NOON + minutes`. */
export const at = (minutes: number) => NOON + minutes * MIN;

/**
 * The order `orderId` at step `index` of the taquería flow (-1: none yet), steps reached one
 * every 5 minutes from noon; `skipped` lists indexes shown as skipped.
 */
export function orderAt(index: number, overrides: Partial<OrderState> = {}, skipped: number[] = []): OrderState {
  const steps = TAQUERIA.map((step, i) => {
    const state: OrderStepState = skipped.includes(i) ? 'skipped' : i < index ? 'done' : i === index ? 'current' : 'upcoming';
    return {
      id: step.id,
      label: step.label,
      icon: step.icon,
      state,
      at: state === 'done' || state === 'current' ? at(i * 5) : null,
      message: undefined,
    };
  });
  const last = TAQUERIA.length - 1;
  return {
    orderId: '1042',
    status: index < 0 ? 'unknown' : index === last ? 'delivered' : 'in-progress',
    currentStep: index < 0 ? null : TAQUERIA[index]!.id,
    currentIndex: index,
    steps,
    delay: null,
    exception: null,
    eta: index < 0 ? null : { from: at(40), to: at(50) },
    latestBy: index < 0 ? null : at(55),
    revisions: [],
    late: false,
    courier: null,
    updatedAt: index < 0 ? null : at(Math.max(0, index) * 5),
    clockSkew: false,
    correction: null,
    connection: { status: 'open', topic: 'live', error: null, stale: false },
    ...overrides,
  };
}

/** A courier assigned at `assignedAt`, optionally with a position. */
export function courier(overrides: Partial<OrderCourier> = {}): OrderCourier {
  return {
    id: 'c1',
    name: 'Ana',
    assignedAt: at(15),
    previous: null,
    reassignReason: undefined,
    position: null,
    positionAt: null,
    stale: false,
    ...overrides,
  };
}

/**
 * The shared FakeClock on the wall-time scale: `clock.now()` is `start + fake.now()` (order
 * times are epoch ms), its timers are the fake's. Advance with `fake.advance(ms)`.
 */
export function wallFakeClock(start: number = NOON): { clock: Clock; fake: FakeClock } {
  const fake = new FakeClock();
  return { fake, clock: { now: () => start + fake.now(), setTimeout: fake.setTimeout, clearTimeout: fake.clearTimeout } };
}
