/**
 * The MSW order scenarios: their events map back through orderEventMapper in both wire shapes,
 * every scenario ends in the state its name promises, and the SSE handler serves them.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveOrderFacts } from '../../../src/core/order/derive.js';
import { reduceOrder, type OrderLog } from '../../../src/core/order/log.js';
import { orderEventMapper } from '../../../src/core/order/map-event.js';
import { TAQUERIA_STEPS } from '../../../src/core/order/steps.js';
import type { OrderEvent } from '../../../src/core/order/types.js';
import { orderDashboardEvents, orderEvents, toWire, type OrderScenarioKind } from '../../../src/msw/order.js';
import { orderSSEHandler } from '../../../src/msw/order-handlers.js';
import { T0 } from './support.js';

const finalFacts = (events: readonly OrderEvent[]) => deriveOrderFacts(events.reduce<OrderLog | undefined>(reduceOrder, undefined)!, TAQUERIA_STEPS);
const strip = ({ receivedAt: _r, ...event }: OrderEvent) => event;

describe('order scenarios', () => {
  it.each<[OrderScenarioKind, object]>([
    ['happy', { status: 'delivered', revisions: [{}] }],
    ['delay', { status: 'delivered', revisions: [{}, { reason: 'heavy traffic' }, { reason: 'road closed on Insurgentes' }] }],
    ['cancellation', { status: 'cancelled', currentStep: 'preparing' }],
    ['courier-reassigned', { status: 'delivered', courier: { name: 'Ana', previous: { name: 'Luis' } } }],
    ['delivery-failed', { status: 'delivery-failed', currentStep: 'on-the-way' }],
  ])('%s ends as promised, and reads back identically from both wire shapes', (kind, expected) => {
    const events = orderEvents(kind, { orderId: 'P-1', start: T0, speed: 60 });
    expect(finalFacts(events)).toMatchObject(expected);
    for (const format of ['english', 'seed'] as const) {
      const map = orderEventMapper({ now: () => T0 + 3_600_000 });
      const back = events.map((event) => map(JSON.stringify(toWire(event, format)))!);
      expect(back.map(strip)).toEqual(events.map((e) => JSON.parse(JSON.stringify(e))).map(strip));
    }
  });

  it('speed compresses every time, ETAs included', () => {
    const events = orderEvents('happy', { start: T0, speed: 60 });
    expect(events.at(-1)!.at).toBe(T0 + 35_000);
    expect(events.find((e) => e.type === 'eta')).toMatchObject({ eta: { from: T0 + 40_000, to: T0 + 50_000 }, latestBy: T0 + 55_000 });
  });

  it('a dashboard: many orders, merged by time', () => {
    const events = orderDashboardEvents(16, { start: T0, speed: 60 });
    expect(new Set(events.map((e) => e.topic)).size).toBe(16);
    expect(events.every((e, i) => i === 0 || events[i - 1]!.at <= e.at)).toBe(true);
  });
});

describe('orderSSEHandler', () => {
  const server = setupServer(orderSSEHandler('http://orders.test/sse', { events: () => orderEvents('cancellation', { orderId: 'P-1', start: T0, speed: 60_000 }), format: 'seed' }));
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());

  it('serves the events as SSE in the seed shape, with resumable ids', async () => {
    const text = await (await fetch('http://orders.test/sse')).text();
    expect(text).toContain('id: P-1/1\n');
    expect(text).toContain('"tipo":"pedido_recibido"');
    expect(text).toContain('"tipo":"cancelled"');
  });
});
