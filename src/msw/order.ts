/**
 * Order scenarios for stories, demos and tests: a taquería order's full life, with a delay and
 * an ETA revision, a cancellation, a courier reassignment, a failed delivery, and a dashboard of
 * many orders. Plain data (no MSW import): feed them to `useOrderReplay`, or serve them with the
 * handlers in `order-handlers.ts`.
 */
import type { OrderEvent } from '../core/order/types.js';
import { TAQUERIA_STEPS } from '../core/order/steps.js';

/** The scenarios {@link orderScenario} knows. */
export type OrderScenarioKind = 'happy' | 'delay' | 'cancellation' | 'courier-reassigned' | 'delivery-failed';

/** One scripted event: its time as an offset from the order's start, and everything else. */
export type OrderScriptEntry = { offsetMs: number } & DistributiveOmit<OrderEvent, 'at' | 'topic' | 'id' | 'seq' | 'receivedAt'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Options of {@link orderScenario} and {@link orderEvents}. */
export interface OrderScenarioOptions {
  /** The order id. Default `pedido-1`. */
  orderId?: string | undefined;
  /** When the order starts (epoch ms). Default `Date.now()` when called. */
  start?: number | undefined;
  /** Compress time: 60 turns the recorded minutes into seconds (ETAs included). Default 1. */
  speed?: number | undefined;
}

const MIN = 60_000;
const step = (offsetMin: number, id: string, message?: string): OrderScriptEntry => ({
  offsetMs: offsetMin * MIN,
  type: 'step',
  step: id,
  message: message ?? TAQUERIA_STEPS.find((s) => s.id === id)?.label['es'],
});
const eta = (offsetMin: number, from: number, to: number, latestBy?: number, reason?: string): OrderScriptEntry => ({
  offsetMs: offsetMin * MIN,
  type: 'eta',
  eta: { from: from * MIN, to: to * MIN },
  latestBy: latestBy === undefined ? undefined : latestBy * MIN,
  reason,
});
const positions = (fromMin: number, toMin: number, fromProgress: number, toProgress: number): OrderScriptEntry[] => {
  const out: OrderScriptEntry[] = [];
  const count = Math.max(1, Math.round((toMin - fromMin) * 2));
  for (let i = 0; i <= count; i++) {
    const progress = fromProgress + ((toProgress - fromProgress) * i) / count;
    out.push({
      offsetMs: (fromMin + ((toMin - fromMin) * i) / count) * MIN,
      type: 'position',
      progress: Math.round(progress * 1000) / 1000,
      lat: 19.4326 + progress * 0.02,
      lng: -99.1332 + progress * 0.015,
    });
  }
  return out;
};

const START: OrderScriptEntry[] = [step(0, 'received'), eta(0, 40, 50, 55), step(2, 'preparing'), step(15, 'ready')];
const LUIS = { offsetMs: 16 * MIN, type: 'courier', courier: { id: 'c-luis', name: 'Luis' } } as OrderScriptEntry;

/**
 * Scripts, as offsets from the order's start (ETA times too). In `eta`, `from`/`to`/`latestBy`
 * are offsets as well; {@link orderEvents} turns them into times.
 */
const SCRIPTS: Record<OrderScenarioKind, OrderScriptEntry[]> = {
  happy: [...START, LUIS, step(17, 'courier-assigned'), step(20, 'on-the-way'), ...positions(20.5, 34, 0.05, 0.98), step(35, 'delivered')],
  delay: [
    ...START,
    { offsetMs: 18 * MIN, type: 'delayed', reason: 'Mucho tráfico / heavy traffic' },
    eta(18, 45, 55, 60, 'heavy traffic'),
    LUIS,
    step(22, 'courier-assigned'),
    step(24, 'on-the-way'),
    eta(30, 50, 58, 60, 'road closed on Insurgentes'),
    ...positions(24.5, 51, 0.05, 0.98),
    step(52, 'delivered'),
  ],
  cancellation: [step(0, 'received'), eta(0, 40, 50, 55), step(2, 'preparing'), { offsetMs: 5 * MIN, type: 'cancelled', reason: 'Se acabaron las tortillas / out of tortillas' }],
  'courier-reassigned': [
    ...START,
    LUIS,
    step(17, 'courier-assigned'),
    step(20, 'on-the-way'),
    ...positions(20.5, 23, 0.05, 0.2),
    { offsetMs: 24 * MIN, type: 'courier', courier: { id: 'c-ana', name: 'Ana' }, reason: 'Luis had a flat tyre' },
    eta(24, 45, 52, 58, 'new courier'),
    ...positions(25, 39, 0.0, 0.97),
    step(40, 'delivered'),
  ],
  'delivery-failed': [
    ...START,
    LUIS,
    step(17, 'courier-assigned'),
    step(20, 'on-the-way'),
    ...positions(20.5, 34, 0.05, 1),
    { offsetMs: 38 * MIN, type: 'delivery-failed', reason: 'Nadie en casa / nobody home' },
  ],
};

/** The script of a scenario (offsets), for custom timing. */
export function orderScenario(kind: OrderScenarioKind): readonly OrderScriptEntry[] {
  return SCRIPTS[kind];
}

/**
 * A scenario's events with real times: `start + offset / speed` (ETA windows too), `seq` 1…n
 * and ids `orderId/seq`. Ready for `useOrderReplay`, or to serve with an order handler.
 */
export function orderEvents(kind: OrderScenarioKind | readonly OrderScriptEntry[], options: OrderScenarioOptions = {}): OrderEvent[] {
  const { orderId = 'pedido-1', start = Date.now(), speed = 1 } = options;
  const time = (offset: number) => Math.round(start + offset / speed);
  const script = typeof kind === 'string' ? SCRIPTS[kind] : kind;
  return script.map(({ offsetMs, ...entry }, i) => {
    const base = { topic: orderId, id: `${orderId}/${i + 1}`, seq: i + 1, at: time(offsetMs) };
    if (entry.type === 'eta') {
      return {
        ...entry,
        ...base,
        eta: { from: time(entry.eta.from), to: time(entry.eta.to) },
        latestBy: entry.latestBy === undefined ? undefined : time(entry.latestBy),
      };
    }
    return { ...entry, ...base } as OrderEvent;
  });
}

/**
 * Many orders at once (a dashboard): `count` orders cycling through the scenarios, each
 * starting `staggerMs` after the previous one. Events of all orders, merged by time.
 */
export function orderDashboardEvents(count: number, options: OrderScenarioOptions & { staggerMs?: number } = {}): OrderEvent[] {
  const kinds: OrderScenarioKind[] = ['happy', 'delay', 'happy', 'courier-reassigned', 'happy', 'cancellation', 'happy', 'delivery-failed'];
  const { start = Date.now(), staggerMs = 30_000, speed = 1 } = options;
  const all: OrderEvent[] = [];
  for (let i = 0; i < count; i++) {
    all.push(...orderEvents(kinds[i % kinds.length]!, { orderId: `pedido-${i + 1}`, start: start + (i * staggerMs) / speed, speed }));
  }
  return all.sort((a, b) => a.at - b.at);
}

/** Wire shapes an order server may speak: the library's English default, or seed 000's Spanish one. */
export type OrderWireFormat = 'english' | 'seed';

/**
 * An event as a server would send it: English `{ orderId, type, at, ... }`, or seed 000's
 * `{ pedidoId, tipo, mensaje, timestamp }` (step events name the seed's `tipo`, e.g.
 * `preparacion_iniciada`). Both map back with `orderEventMapper`.
 */
export function toWire(event: OrderEvent, format: OrderWireFormat = 'english'): Record<string, unknown> {
  const { topic, at, receivedAt: _receivedAt, message, ...rest } = event;
  if (format === 'english') return { orderId: topic, ...rest, at: new Date(at).toISOString(), message };
  const { type, ...fields } = rest;
  const stepId = event.type === 'step' ? event.step : undefined;
  const tipo = stepId === undefined ? type : (TAQUERIA_STEPS.find((s) => s.id === stepId)?.aliases?.[0] ?? stepId);
  if (type === 'step') delete (fields as { step?: string }).step;
  return { pedidoId: topic, tipo, mensaje: message, timestamp: new Date(at).toISOString(), ...fields };
}

/**
 * An event as seed 000's WebSocket server sends it: `{ tipo: 'stream', data: { evento, mensaje,
 * pedidoId, ... }, timestamp }` (the order id rides in `data`, so one socket can carry many orders).
 */
export function toSocketWire(event: OrderEvent): Record<string, unknown> {
  const { tipo, timestamp, ...data } = toWire(event, 'seed');
  return { tipo: 'stream', data: { evento: tipo, ...data }, timestamp };
}
