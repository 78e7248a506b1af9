import type { RequestHandler } from 'msw';
import { orderDashboardEvents, orderEvents, type OrderScenarioKind } from '../../src/msw/order.js';
import { orderSSEHandler } from '../../src/msw/order-handlers.js';

/**
 * Mocked order servers for the LiveOrderTracker stories: one SSE URL per scenario (stories on a
 * docs page share one worker), each carrying seed 000's taquería order, its times compressed so
 * a 35-minute order plays in seconds. Events are built per connection, so times are "now".
 */
export const ORDER_SPEED = 600;

export const orderUrls = {
  happy: '/api/orders/happy',
  delay: '/api/orders/delay',
  cancellation: '/api/orders/cancellation',
  reassigned: '/api/orders/courier-reassigned',
  failed: '/api/orders/delivery-failed',
  seed: '/api/orders/seed',
  reconnect: '/api/orders/reconnect',
  dashboard: '/api/orders/dashboard',
} as const;

const scenario = (kind: OrderScenarioKind) => () => orderEvents(kind, { orderId: 'pedido-1', speed: ORDER_SPEED });

export const DASHBOARD_ORDERS = 100;

export const orderHandlers: RequestHandler[] = [
  orderSSEHandler(orderUrls.happy, { events: scenario('happy') }),
  orderSSEHandler(orderUrls.delay, { events: scenario('delay') }),
  orderSSEHandler(orderUrls.cancellation, { events: scenario('cancellation') }),
  orderSSEHandler(orderUrls.reassigned, { events: scenario('courier-reassigned') }),
  orderSSEHandler(orderUrls.failed, { events: scenario('delivery-failed') }),
  // Seed 000's own Spanish wire shape ({ pedidoId, tipo, mensaje, timestamp }).
  orderSSEHandler(orderUrls.seed, { events: scenario('happy'), format: 'seed' }),
  // The connection breaks after 6 events, once; the client reconnects and resumes after the last id.
  orderSSEHandler(orderUrls.reconnect, {
    events: () => orderEvents('happy', { orderId: 'pedido-1', speed: ORDER_SPEED }),
    dropAfter: 6,
    dropConnections: 1,
  }),
  orderSSEHandler(orderUrls.dashboard, {
    events: () => orderDashboardEvents(DASHBOARD_ORDERS, { speed: ORDER_SPEED / 4, staggerMs: 6_000 }),
  }),
];
