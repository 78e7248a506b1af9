/**
 * Order tracking over a real `ws` server on 127.0.0.1 speaking seed 000's WebSocket shape
 * (`{ tipo: 'stream', data: { evento, pedidoId, … }, timestamp }`), killed mid-delivery. A plain
 * socket cannot resume, so every order reloads its history over HTTP from the same server after
 * a reconnect: no step is applied twice, none is lost.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { socketFeedTransport } from '../../src/core/feed/socket-transport.js';
import { deriveOrderFacts } from '../../src/core/order/derive.js';
import { orderLogOf } from '../../src/core/order/log.js';
import { orderEventMapper } from '../../src/core/order/map-event.js';
import { createOrderFeed } from '../../src/core/order/order-feed.js';
import { TAQUERIA_STEPS } from '../../src/core/order/steps.js';
import { createOrderTracker } from '../../src/core/order/tracker.js';
import type { OrderEvent } from '../../src/core/order/types.js';
import type { WebSocketConstructor } from '../../src/core/transport/socket-client.js';
import { orderEvents, toSocketWire, type OrderScenarioKind } from '../../src/msw/order.js';
import { TopicSocketServer } from './support/topic-socket-server.js';

const FAST_RETRY = { initialDelayMs: 5, maxDelayMs: 25, maxAttempts: Infinity, maxElapsedMs: 60_000 };
const WAIT = { timeout: 5_000, interval: 5 };
const KINDS: OrderScenarioKind[] = ['happy', 'delay', 'cancellation', 'courier-reassigned', 'delivery-failed'];

/** Orders' histories (outliving kills) sent over a {@link TopicSocketServer}, and `GET /orders/:id` → the history. */
class OrderSocketServer extends TopicSocketServer {
  snapshotRequests = 0;
  readonly history = new Map<string, OrderEvent[]>();

  constructor() {
    super({
      http: (req, res) => {
        const match = /^\/orders\/(.+)$/.exec(req.url ?? '');
        if (match === null) return false;
        this.snapshotRequests++;
        const events = this.history.get(decodeURIComponent(match[1]!)) ?? [];
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ seq: events.length, events: events.map(toSocketWire) }));
        return true;
      },
      // Seed 000's greeting: a message the order mapper must ignore.
      onConnection: (socket) => socket.send(JSON.stringify({ tipo: 'conexion', mensaje: '¡Conectado al streaming en tiempo real!' })),
    });
  }

  publish(event: OrderEvent): void {
    const events = this.history.get(event.topic) ?? [];
    events.push(event);
    this.history.set(event.topic, events);
    this.sendTo(event.topic, JSON.stringify(toSocketWire(event)));
  }

  /** Orders the first open connection is subscribed to. */
  get subscribedOrders(): number {
    return this.subscribedTopics;
  }
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('order tracking over WebSocket (ws), server killed mid-delivery', () => {
  it('10 orders, the server restarted 6 times: each order reloads its history and ends as logged, no step twice', async () => {
    const server = new OrderSocketServer();
    await server.start();
    cleanups.push(() => server.kill());
    const start = Date.now() - 3_600_000;
    const orders = Array.from({ length: 10 }, (_, i) => orderEvents(KINDS[i % KINDS.length]!, { orderId: `pedido-${i}`, start }));
    const map = orderEventMapper();
    const transport = socketFeedTransport({
      client: { url: `ws://127.0.0.1:${server.port}/orders`, WebSocket: WebSocket as unknown as WebSocketConstructor, retry: FAST_RETRY },
      frames: { join: (topic) => ({ action: 'subscribe', topic }), leave: (topic) => ({ action: 'unsubscribe', topic }) },
    });
    const feed = createOrderFeed({
      transport,
      reorderMs: 100,
      loadSnapshot: async (orderId, { signal }) => {
        const response = await fetch(`http://127.0.0.1:${server.port}/orders/${encodeURIComponent(orderId)}`, { signal });
        const body = (await response.json()) as { seq: number; events: unknown[] };
        return { seq: body.seq, state: orderLogOf(orderId, body.events.map(map)) };
      },
    });
    cleanups.push(() => {
      feed.close();
      transport.client.stop();
    });
    const trackers = orders.map((events) => {
      const tracker = createOrderTracker({ feed, orderId: events[0]!.topic });
      tracker.subscribe(() => {});
      return tracker;
    });
    await vi.waitFor(() => expect(server.openConnections).toBe(1), WAIT);

    const queue: OrderEvent[] = [];
    for (let i = 0; queue.length < orders.reduce((n, o) => n + o.length, 0); i++) for (const events of orders) if (events[i]) queue.push(events[i]!);
    const killAt = new Set([25, 60, 95, 130, 165, 200]);
    for (let i = 0; i < queue.length; i++) {
      server.publish(queue[i]!);
      if (killAt.has(i)) {
        // Kill a live connection: wait until it is subscribed to every order again.
        await vi.waitFor(() => expect(server.subscribedOrders).toBe(10), WAIT);
        await server.restart();
      }
    }
    await vi.waitFor(() => {
      feed.flush();
      for (const [i, events] of orders.entries()) {
        expect(feed.getSnapshot(events[0]!.topic).status).toBe('live');
        expect(feed.getSnapshot(events[0]!.topic).seq).toBe(events.length);
        expect(trackers[i]!.getSnapshot().updatedAt).toBe(deriveOrderFacts(orderLogOf(events[0]!.topic, events), TAQUERIA_STEPS).updatedAt);
      }
    }, WAIT);

    for (const [i, events] of orders.entries()) {
      const orderId = events[0]!.topic;
      const expected = deriveOrderFacts(orderLogOf(orderId, events), TAQUERIA_STEPS);
      const state = trackers[i]!.getSnapshot();
      expect(state.status).toBe(expected.status);
      expect(state.steps).toEqual(expected.steps);
      expect(state.revisions).toEqual(expected.revisions);
      expect(state.courier?.name).toBe(expected.courier?.name);
      // Every step once: the order's log holds exactly the server's step events.
      const log = feed.getSnapshot(orderId).state!;
      const steps = log.events.filter((e) => e.event.type === 'step').map((e) => (e.event as { step: string }).step);
      expect(steps).toEqual(events.filter((e) => e.type === 'step').map((e) => (e as { step: string }).step));
    }
    expect(server.connections).toBeGreaterThanOrEqual(7);
    expect(feed.stats().snapshotLoads).toBeGreaterThanOrEqual(10 * 7);
  });
});
