import '../../src/styles.css';
import { render, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { LiveOrderTracker } from '../../src/components/order/LiveOrderTracker.js';
import { OrderDashboard } from '../../src/components/order/OrderDashboard.js';
import { orderDashboardEvents, orderEvents } from '../../src/msw/order.js';
import { orderSSEHandler } from '../../src/msw/order-handlers.js';
import { worker } from './support/worker.js';

/**
 * LiveOrderTracker on its real data path in Chromium: useOrderTracking over an SSE order feed
 * served by MSW. What the polite region is given over a whole order, and how many connections a
 * dashboard of 100 trackers opens.
 */

beforeAll(() => worker.start({ quiet: true, onUnhandledFrame: 'bypass' }));
afterAll(() => worker.stop());
afterEach(() => worker.resetHandlers());

const LONG = { timeout: 15_000 };

/** Counts the requests the page sends to `path`. */
function countRequests(path: string): { count: number } {
  const counter = { count: 0 };
  worker.events.on('request:start', ({ request }) => {
    if (new URL(request.url).pathname === path) counter.count++;
  });
  return counter;
}

describe('LiveOrderTracker over a live SSE feed', () => {
  test('the whole order: every step announced once, in order; no position tick ever written', async () => {
    const url = '/live/order-happy';
    worker.use(orderSSEHandler(url, { events: () => orderEvents('happy', { orderId: 'p-1', speed: 600 }) }));
    render(<LiveOrderTracker orderId="p-1" url={url} locale="en-US" />);
    const region = document.querySelector('[data-sk-order-announcer=""]')!;
    const writes: string[] = [];
    new MutationObserver(() => writes.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
    const root = document.querySelector('[data-sk-order-tracker]')!;
    await waitFor(() => expect(root).toHaveAttribute('data-status', 'delivered'), LONG);
    await waitFor(() => expect(writes.at(-1)).toMatch(/^Delivered at /));
    // The first state may already hold the first steps (the page shows them, nothing to say).
    const steps = ['Preparing', 'Food ready', 'Courier assigned', 'On the way'];
    const said = writes.filter((text) => steps.includes(text));
    expect(said).toEqual(steps.slice(steps.length - said.length));
    expect(said.length).toBeGreaterThanOrEqual(2);
    expect(writes.filter((text) => /%|of the way|updated/.test(text))).toEqual([]);
  });

  test('a dashboard of 100 orders renders 100 rows over one connection', async () => {
    const url = '/live/order-dashboard';
    const requests = countRequests(url);
    worker.use(orderSSEHandler(url, { events: () => orderDashboardEvents(100, { speed: 600, staggerMs: 1_000 }) }));
    const orderIds = Array.from({ length: 100 }, (_, i) => `pedido-${i + 1}`);
    render(<OrderDashboard orderIds={orderIds} url={url} locale="es" aria-label="Pedidos" />);
    const rows = () => document.querySelectorAll('[data-sk-order-tracker][data-variant="compact"]');
    expect(rows()).toHaveLength(100);
    const moving = () => document.querySelectorAll('[data-sk-order-tracker]:not([data-status="unknown"])').length;
    await waitFor(() => expect(moving()).toBeGreaterThan(50), LONG);
    expect(requests.count).toBe(1);
    expect(document.querySelectorAll('[data-sk-announcer]')).toHaveLength(0);
  });
});
