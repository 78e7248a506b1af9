/** Builders for order events and a fixed "now" for order tests. */
import type { OrderEvent } from '../../../src/core/order/types.js';

/** 2024-01-15T15:30:00Z, the seed's own example time. */
export const T0 = Date.parse('2024-01-15T15:30:00.000Z');
export const MIN = 60_000;

export const ORDER = 'pedido-42';

export const stepAt = (step: string, minutes: number, extra: Partial<OrderEvent> = {}): OrderEvent =>
  ({ topic: ORDER, type: 'step', step, at: T0 + minutes * MIN, ...extra }) as OrderEvent;

export const eventAt = <T extends OrderEvent['type']>(
  type: T,
  minutes: number,
  fields: Omit<Extract<OrderEvent, { type: T }>, 'type' | 'at' | 'topic'>,
): OrderEvent => ({ topic: ORDER, type, at: T0 + minutes * MIN, ...fields }) as OrderEvent;

/** The taquería order's full life, with an ETA revision, a courier reassignment and positions. */
export const FULL_LIFE: OrderEvent[] = [
  stepAt('received', 0),
  eventAt('eta', 0, { eta: { from: T0 + 40 * MIN, to: T0 + 50 * MIN }, latestBy: T0 + 55 * MIN }),
  stepAt('preparing', 2),
  stepAt('ready', 15),
  eventAt('courier', 16, { courier: { id: 'c1', name: 'Luis' } }),
  stepAt('courier-assigned', 17),
  eventAt('delayed', 18, { reason: 'heavy traffic' }),
  eventAt('eta', 18, { eta: { from: T0 + 45 * MIN, to: T0 + 55 * MIN }, latestBy: T0 + 60 * MIN, reason: 'heavy traffic' }),
  eventAt('courier', 19, { courier: { id: 'c2', name: 'Ana' }, reason: 'Luis had a flat tyre' }),
  eventAt('position', 19.5, { lat: 19.43, lng: -99.13, progress: 0.1 }),
  stepAt('on-the-way', 20),
  eventAt('position', 25, { lat: 19.44, lng: -99.14, progress: 0.5 }),
  stepAt('delivered', 35),
];

/** Every permutation of `events` with some repeated, as a fast-check arbitrary's mapper input. */
export function shuffleWithRepeats(events: readonly OrderEvent[], order: number[], repeats: [number, number][]): OrderEvent[] {
  const out = order.map((i) => events[i]!);
  for (const [which, where] of repeats) out.splice(where % (out.length + 1), 0, { ...events[which % events.length]! });
  return out;
}
