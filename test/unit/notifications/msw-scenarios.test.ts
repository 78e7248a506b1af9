/**
 * The MSW notification scenarios read back through the default mapper as their names promise
 * (both wire shapes), and the SSE handler serves them.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNotificationMapper } from '../../../src/core/notifications/map-notification.js';
import { notificationScenario, notificationSSEHandler, type NotificationScenarioKind } from '../../../src/msw/notifications.js';

const read = (kind: NotificationScenarioKind, format: 'english' | 'seed' = 'english', count?: number) =>
  notificationScenario(kind, { start: Date.UTC(2026, 0, 1, 12), format, count }).map((e) => defaultNotificationMapper(JSON.stringify(e.payload), { now: () => 0 })!);

describe('notification scenarios', () => {
  it('promotion: one broadcast with a safe link', () => {
    expect(read('promotion')).toMatchObject([{ id: 'promo-2x1', type: 'promotion', target: { kind: 'broadcast' }, actions: [{ label: 'Ver menú', href: '/menu' }] }]);
  });

  it('inventory: an urgent alert and a high one', () => {
    expect(read('inventory').map((n) => [n.type, n.importance])).toEqual([
      ['inventory', 'urgent'],
      ['inventory', 'high'],
    ]);
  });

  it('orders: one order updated in place, one for another client', () => {
    const orders = read('orders');
    expect(orders.map((n) => n.id)).toEqual(['pedido-101', 'pedido-101', 'pedido-202', 'pedido-101']);
    expect(orders[2]!.target).toEqual({ kind: 'client', id: 'cliente-otro' });
    expect(orders.filter((n) => n.target.kind === 'client' && n.target.id === 'cliente-1')).toHaveLength(3);
  });

  it('burst: count distinct orders back to back; the seed shape keeps them distinct too', () => {
    const entries = notificationScenario('burst', { count: 50 });
    expect(entries.every((e) => e.delayMs === 0)).toBe(true);
    expect(new Set(read('burst', 'english', 50).map((n) => n.id)).size).toBe(50);
    const seed = read('burst', 'seed', 50);
    expect(new Set(seed.map((n) => n.id)).size).toBe(50);
    expect(seed[0]).toMatchObject({ type: 'general', importance: 'normal', body: 'Pedido #1: Pedido 1 recibido.', target: { kind: 'client', id: 'cliente-1' } });
  });
});

describe('notificationSSEHandler', () => {
  const server = setupServer(notificationSSEHandler('http://push.test/sse', { entries: () => notificationScenario('mixed', { intervalMs: 0 }) }));
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());

  it('serves the scenario as SSE with position ids', async () => {
    const text = await (await fetch('http://push.test/sse')).text();
    expect(text).toContain('id: 1\n');
    expect(text).toContain('"id":"promo-2x1"');
    expect(text).toContain('id: 5\n');
  });
});
