import { readFeedMessage } from '../feed/map-event.js';
import { stepIndex } from './steps.js';
import { TAQUERIA_STEPS } from './steps.js';
import type { OrderEvent, OrderSteps } from './types.js';

/** Options of {@link orderEventMapper}. */
export interface OrderEventMapperOptions {
  /** The flow whose step ids/aliases name `step` events. Default {@link TAQUERIA_STEPS}. */
  steps?: OrderSteps | undefined;
  /**
   * Wall clock (epoch ms) stamping `receivedAt`, so server times in the future can be clamped.
   * Default `Date.now`.
   */
  now?: (() => number) | undefined;
  /**
   * The order a message without an order id belongs to: seed 000's WebSocket stream is one
   * connection per order and its `{ tipo: 'stream', data }` messages name none. Default none
   * (such messages are ignored).
   */
  orderId?: string | undefined;
}

/**
 * Names servers use for the exception events, besides the English `type`s. Seed 000 names
 * none; these are the obvious Spanish ones, so a Spanish server needs no mapper of its own.
 */
const EXCEPTION_NAMES: Readonly<Record<string, OrderEvent['type']>> = {
  delayed: 'delayed',
  retrasado: 'delayed',
  retraso: 'delayed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  cancelado: 'cancelled',
  pedido_cancelado: 'cancelled',
  'delivery-failed': 'delivery-failed',
  entrega_fallida: 'delivery-failed',
  courier: 'courier',
  repartidor: 'courier',
  repartidor_reasignado: 'courier',
  eta: 'eta',
  position: 'position',
  ubicacion: 'position',
  correction: 'correction',
  correccion: 'correction',
  step: 'step',
};

type Rec = Record<string, unknown>;

/**
 * A `mapEvent` for order feeds. It reads, out of the box:
 * - seed 000 over SSE: `{ pedidoId, tipo, mensaje, timestamp }` (`tipo` a step alias such as
 *   `preparacion_iniciada`);
 * - seed 000 over WebSocket: `{ tipo: 'stream', data: { evento, mensaje }, timestamp }` (the
 *   order is `data.pedidoId`, else the `orderId` option); `tipo: 'conexion'`/`'fin_stream'` are
 *   not events (`null`);
 * - the English default shape: `{ orderId, type, at, ...fields }` where `type` is an
 *   {@link OrderEvent} type (`step` with `step`, `eta` with `eta: { from, to }` and `latestBy`,
 *   `courier` with `courier: { id, name }`, `position` with `lat`/`lng`/`progress`, `delayed`/
 *   `cancelled`/`delivery-failed`/`correction` with `reason`) or a step id/alias itself.
 * Raw input may be an SSE event (`{ data, lastEventId }`), a JSON string or a decoded object.
 *
 * Outcomes: unreadable JSON (HTML error pages, garbage) throws a `parse` `StreamError` for that
 * message only (the feed reports it and goes on); a payload with no order, or a type/step the
 * flow does not know, is not an order event (`null`, ignored). Times may be epoch ms or ISO
 * strings; a time that cannot be read (seed 000's `toLocaleTimeString()`) becomes `receivedAt`.
 */
export function orderEventMapper(options: OrderEventMapperOptions = {}): (raw: unknown) => OrderEvent | null {
  const index = stepIndex(options.steps ?? TAQUERIA_STEPS);
  const now = options.now ?? Date.now;
  return (raw) => {
    const payload = readPayload(raw);
    if (payload === null) return null;
    const receivedAt = now();
    // Seed 000's WebSocket envelope: the event is inside `data`.
    let body: Rec = payload;
    let name: unknown;
    if (payload['tipo'] === 'stream' && isRecord(payload['data'])) {
      body = { ...payload['data'], timestamp: payload['timestamp'] ?? payload['data']['timestamp'] };
      name = body['evento'] ?? body['tipo'] ?? body['type'];
    } else {
      name = payload['type'] ?? payload['tipo'] ?? payload['evento'];
    }
    if (typeof name !== 'string') return null;
    const topicValue = body['orderId'] ?? body['pedidoId'] ?? body['topic'] ?? payload['orderId'] ?? payload['pedidoId'] ?? options.orderId;
    if (typeof topicValue !== 'string' && typeof topicValue !== 'number') return null;
    const topic = String(topicValue);
    const base = {
      topic,
      id: optionalId(body['id'] ?? payload['id']),
      seq: optionalSeq(body['seq'] ?? payload['seq']),
      at: readTime(body['at'] ?? body['timestamp'] ?? payload['timestamp']) ?? receivedAt,
      receivedAt,
      message: optionalString(body['message'] ?? body['mensaje']),
    };
    const reason = optionalString(body['reason'] ?? body['motivo']);
    const stepName = index.idOf(name);
    if (stepName !== undefined) return { ...base, type: 'step', step: stepName };
    switch (EXCEPTION_NAMES[name]) {
      case 'step':
      case 'correction': {
        const step = typeof body['step'] === 'string' ? index.idOf(body['step']) : undefined;
        if (step === undefined) return null;
        return EXCEPTION_NAMES[name] === 'step' ? { ...base, type: 'step', step } : { ...base, type: 'correction', step, reason };
      }
      case 'delayed':
        return { ...base, type: 'delayed', reason };
      case 'cancelled':
        return { ...base, type: 'cancelled', reason };
      case 'delivery-failed':
        return { ...base, type: 'delivery-failed', reason };
      case 'eta': {
        const eta = isRecord(body['eta']) ? body['eta'] : body;
        const from = readTime(eta['from']);
        const to = readTime(eta['to']) ?? from;
        if (from === undefined || to === undefined) return null;
        return { ...base, type: 'eta', eta: { from: Math.min(from, to), to: Math.max(from, to) }, latestBy: readTime(body['latestBy']), reason };
      }
      case 'courier': {
        const courier = isRecord(body['courier']) ? body['courier'] : body;
        const id = optionalId(courier['id'] ?? courier['courierId']);
        const courierName = optionalString(courier['name'] ?? courier['nombre']);
        if (id === undefined && courierName === undefined) return null;
        return { ...base, type: 'courier', courier: { id, name: courierName }, reason };
      }
      case 'position': {
        const lat = finite(body['lat']);
        const lng = finite(body['lng']);
        const progress = finite(body['progress']);
        if ((lat === undefined || lng === undefined) && progress === undefined) return null;
        return { ...base, type: 'position', lat, lng, progress: progress === undefined ? undefined : Math.min(1, Math.max(0, progress)) };
      }
      default:
        return null;
    }
  };
}

/** {@link orderEventMapper} with the defaults: the taquería flow, `Date.now`, no fallback order. */
export const mapOrderEvent: (raw: unknown) => OrderEvent | null = orderEventMapper();

function readPayload(raw: unknown): Rec | null {
  const { payload } = readFeedMessage(raw, 'An order message');
  return isRecord(payload) ? payload : null;
}

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function optionalId(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function optionalSeq(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
