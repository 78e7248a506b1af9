/** orderEventMapper: seed 000's SSE and WebSocket shapes, the English default shape, and bad input. */
import { describe, expect, it } from 'vitest';
import { isStreamError } from '../../../src/core/errors.js';
import { orderEventMapper } from '../../../src/core/order/map-event.js';
import type { OrderSteps } from '../../../src/core/order/types.js';
import { T0 } from './support.js';

const NOW = T0 + 60_000;
const map = orderEventMapper({ now: () => NOW });
const sse = (data: unknown, type = 'message') => ({ type, data: typeof data === 'string' ? data : JSON.stringify(data), lastEventId: '' });

describe('orderEventMapper: seed 000 shapes', () => {
  it.each([
    ['pedido_recibido', 'received'],
    ['preparacion_iniciada', 'preparing'],
    ['comida_lista', 'ready'],
    ['repartidor_asignado', 'courier-assigned'],
    ['en_ruta', 'on-the-way'],
    ['entregado', 'delivered'],
  ])('SSE { pedidoId, tipo: %s, mensaje, timestamp } → step %s', (tipo, step) => {
    const event = map(sse({ pedidoId: 'P-1', tipo, mensaje: '📝 Pedido recibido', timestamp: '2024-01-15T15:30:00.000Z' }));
    expect(event).toEqual({ topic: 'P-1', id: undefined, seq: undefined, type: 'step', step, at: T0, receivedAt: NOW, message: '📝 Pedido recibido' });
  });

  it("the seed's toLocaleTimeString() timestamp cannot be read: the event is timed at its arrival", () => {
    expect(map({ pedidoId: 'P-1', tipo: 'comida_lista', mensaje: 'listo', timestamp: '3:45:12 PM' })).toMatchObject({ at: NOW, step: 'ready' });
  });

  it.each([
    ['pedido_recibido', 'received'],
    ['preparacion', 'preparing'],
    ['listo', 'ready'],
    ['en_camino', 'on-the-way'],
    ['entregado', 'delivered'],
  ])("WebSocket { tipo: 'stream', data: { evento: %s } } → step %s (order from the option)", (evento, step) => {
    const ws = orderEventMapper({ now: () => NOW, orderId: 'cliente_maria_123' });
    const raw = { tipo: 'stream', data: { evento, mensaje: '👨‍🍳 Preparando tu comida...' }, timestamp: '2024-01-15T15:31:00.000Z' };
    expect(ws(raw)).toMatchObject({ topic: 'cliente_maria_123', type: 'step', step, at: T0 + 60_000, message: '👨‍🍳 Preparando tu comida...' });
    expect(ws(JSON.stringify(raw))).toMatchObject({ step });
    // Without an order id anywhere, the message belongs to no order: ignored.
    expect(map(raw)).toBeNull();
    // data.pedidoId names the order when present.
    expect(map({ ...raw, data: { ...raw.data, pedidoId: 'P-9' } })).toMatchObject({ topic: 'P-9', step });
  });

  it("the seed's control messages (conexion, fin_stream) are not events", () => {
    const ws = orderEventMapper({ orderId: 'x' });
    expect(ws({ tipo: 'conexion', mensaje: '¡Conectado al streaming en tiempo real!' })).toBeNull();
    expect(ws({ tipo: 'fin_stream', mensaje: 'Streaming completado' })).toBeNull();
  });
});

describe('orderEventMapper: the English default shape', () => {
  it('steps, ETA, courier, position, delay, cancellation, failure, correction', () => {
    const at = T0;
    expect(map({ orderId: 'A', type: 'step', step: 'ready', at })).toMatchObject({ type: 'step', step: 'ready', at });
    expect(map({ orderId: 'A', type: 'ready', at })).toMatchObject({ type: 'step', step: 'ready' });
    expect(map({ orderId: 'A', type: 'eta', at, eta: { from: T0 + 2, to: T0 + 1 }, latestBy: '2024-01-15T16:30:00Z', reason: 'heavy traffic' })).toMatchObject({
      type: 'eta',
      eta: { from: T0 + 1, to: T0 + 2 },
      latestBy: T0 + 3_600_000,
      reason: 'heavy traffic',
    });
    expect(map({ orderId: 'A', type: 'courier', at, courier: { id: 7, name: 'Ana' } })).toMatchObject({ type: 'courier', courier: { id: '7', name: 'Ana' } });
    expect(map({ orderId: 'A', type: 'position', at, lat: 19.4, lng: -99.1, progress: 1.7 })).toMatchObject({ type: 'position', lat: 19.4, lng: -99.1, progress: 1 });
    expect(map({ orderId: 'A', type: 'delayed', at, reason: 'rain' })).toMatchObject({ type: 'delayed', reason: 'rain' });
    expect(map({ orderId: 'A', type: 'cancelled', at, reason: 'closed' })).toMatchObject({ type: 'cancelled', reason: 'closed' });
    expect(map({ orderId: 'A', type: 'delivery-failed', at })).toMatchObject({ type: 'delivery-failed' });
    expect(map({ orderId: 'A', type: 'correction', at, step: 'comida_lista', reason: 'oops' })).toMatchObject({ type: 'correction', step: 'ready' });
    expect(map({ orderId: 'A', type: 'step', step: 'ready', at, id: 5, seq: 3 })).toMatchObject({ id: '5', seq: 3 });
  });

  it('custom steps: ids and aliases of your own flow', () => {
    const steps: OrderSteps = [
      { id: 'placed', label: { en: 'Placed' }, aliases: ['PLACED'] },
      { id: 'done', label: { en: 'Done' } },
    ];
    const custom = orderEventMapper({ steps, now: () => NOW });
    expect(custom({ orderId: 'A', type: 'PLACED', at: T0 })).toMatchObject({ step: 'placed' });
    expect(custom({ orderId: 'A', type: 'comida_lista', at: T0 })).toBeNull();
  });
});

describe('orderEventMapper: bad input', () => {
  it('unknown types, unknown steps, missing fields and no order are ignored (null), never thrown', () => {
    expect(map({ orderId: 'A', type: 'promo', at: T0 })).toBeNull();
    expect(map({ orderId: 'A', type: 'step', step: 'teleported', at: T0 })).toBeNull();
    expect(map({ orderId: 'A', type: 'eta', at: T0 })).toBeNull();
    expect(map({ orderId: 'A', type: 'courier', at: T0, courier: {} })).toBeNull();
    expect(map({ orderId: 'A', type: 'position', at: T0, lat: 1 })).toBeNull();
    expect(map({ type: 'ready', at: T0 })).toBeNull();
    expect(map({ orderId: 'A' })).toBeNull();
    expect(map([1, 2])).toBeNull();
    expect(map(42)).toBeNull();
    expect(map(null)).toBeNull();
  });

  it('HTML or garbage is a typed parse error for that message', () => {
    for (const raw of ['<!doctype html><h1>502 Bad Gateway</h1>', sse('<html>'), '{"pedidoId": ', sse('\u0000\u0001')]) {
      let error: unknown;
      try {
        map(raw);
      } catch (caught) {
        error = caught;
      }
      expect(isStreamError(error) && error.kind).toBe('parse');
    }
  });
});
