/**
 * Order tracking over a real node:http SSE server on 127.0.0.1 that is killed and restarted
 * mid-delivery (and re-sends a few events before Last-Event-ID on every reconnect): every order
 * ends exactly as its server log says, with no step applied twice and none lost.
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { deriveOrderFacts } from '../../src/core/order/derive.js';
import { reduceOrder, type OrderLog } from '../../src/core/order/log.js';
import { createOrderFeed } from '../../src/core/order/order-feed.js';
import { TAQUERIA_STEPS } from '../../src/core/order/steps.js';
import { createOrderTracker } from '../../src/core/order/tracker.js';
import type { OrderEvent } from '../../src/core/order/types.js';
import { sseFeedTransport } from '../../src/core/feed/sse-transport.js';
import { orderEvents, toWire, type OrderScenarioKind } from '../../src/msw/order.js';
import { SSEServer, cleanupAfterEach, formatEvent, openEventStream } from './support/sse-server.js';

const { server: track, client: trackClient } = cleanupAfterEach();
const FAST_RETRY = { initialDelayMs: 5, maxDelayMs: 25, maxAttempts: Infinity, maxElapsedMs: 60_000 };
const WAIT = { timeout: 5_000, interval: 5 };
const KINDS: OrderScenarioKind[] = ['happy', 'delay', 'cancellation', 'courier-reassigned', 'delivery-failed'];

/** An order server: a log of wire messages (seed 000's SSE shape plus `seq`), replayed after Last-Event-ID. */
class OrderServer {
  readonly log: { n: number; wire: Record<string, unknown> }[] = [];
  private readonly live = new Set<ServerResponse>();
  readonly http: SSEServer;
  /** How many events before Last-Event-ID a reconnect re-sends (a browser that lost unread bytes). */
  overlap = 3;

  constructor() {
    this.http = track(
      new SSEServer((req, res) => {
        const after = Number(req.headers['last-event-id'] ?? 0);
        openEventStream(res);
        for (const entry of this.log) if (entry.n > after - this.overlap) this.write(res, entry);
        this.live.add(res);
        res.on('close', () => this.live.delete(res));
      }),
    );
  }

  publish(event: OrderEvent): void {
    const entry = { n: this.log.length + 1, wire: { ...toWire(event, 'seed'), seq: event.seq } };
    this.log.push(entry);
    for (const res of this.live) this.write(res, entry);
  }

  private write(res: ServerResponse, entry: { n: number; wire: Record<string, unknown> }): void {
    res.write(formatEvent({ id: entry.n, data: JSON.stringify(entry.wire) }));
  }
}

describe('order tracking over SSE (node:http), server killed mid-delivery', () => {
  it('10 orders, the server restarted 8 times while they stream: no duplicate or lost step, every order as logged', async () => {
    const server = new OrderServer();
    await server.http.start();
    const start = Date.now() - 3_600_000;
    const orders = Array.from({ length: 10 }, (_, i) => orderEvents(KINDS[i % KINDS.length]!, { orderId: `pedido-${i}`, start }));
    const transport = sseFeedTransport({ client: { url: `${server.http.url}/orders`, retry: FAST_RETRY } });
    trackClient(transport.client);
    const feed = createOrderFeed({ transport, reorderMs: 200 });
    trackClient({ stop: () => feed.close() });
    const appliedSteps = new Map<string, string[]>();
    const trackers = orders.map((events) => {
      const orderId = events[0]!.topic;
      appliedSteps.set(orderId, []);
      feed.subscribe(orderId, () => {}, {
        onEvent: (event) => {
          if (event.type === 'step') appliedSteps.get(orderId)!.push(event.step);
        },
      });
      const tracker = createOrderTracker({ feed, orderId });
      tracker.subscribe(() => {});
      return tracker;
    });
    await vi.waitFor(() => expect(feed.getStatus().status).toBe('open'), WAIT);

    // Interleave the orders' events, as one restaurant's stream would.
    const queue: OrderEvent[] = [];
    for (let i = 0; queue.length < orders.reduce((n, o) => n + o.length, 0); i++) for (const events of orders) if (events[i]) queue.push(events[i]!);
    const killAt = new Set([20, 45, 70, 95, 120, 150, 180, 210]);
    for (let i = 0; i < queue.length; i++) {
      server.publish(queue[i]!);
      if (killAt.has(i)) {
        // Kill only once the client is streaming again (it caught up), so every kill hits a live stream;
        // the events published while it is down are delivered on the next connection.
        await vi.waitFor(() => expect(feed.stats().applied).toBe(i + 1), WAIT);
        await server.http.restart();
      }
    }
    await vi.waitFor(() => expect(feed.stats().applied).toBe(server.log.length), WAIT);
    feed.flush();

    for (const [i, events] of orders.entries()) {
      const orderId = events[0]!.topic;
      const expected = deriveOrderFacts(events.reduce<OrderLog | undefined>(reduceOrder, undefined)!, TAQUERIA_STEPS);
      const state = trackers[i]!.getSnapshot();
      expect(state.status).toBe(expected.status);
      expect(state.steps).toEqual(expected.steps);
      expect(state.revisions).toEqual(expected.revisions);
      expect(state.courier?.name).toBe(expected.courier?.name);
      expect(appliedSteps.get(orderId)).toEqual(events.filter((e) => e.type === 'step').map((e) => (e as { step: string }).step));
    }
    expect(server.http.requestCount).toBeGreaterThanOrEqual(9);
    const stats = feed.stats();
    // Every reconnect re-sent events the feed already had: all dropped by `seq`, none skipped.
    expect(stats.stale + stats.duplicates).toBeGreaterThan(0);
    expect(stats.gaps).toBe(0);
  });
});
