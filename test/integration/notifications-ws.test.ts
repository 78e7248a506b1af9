/**
 * Notifications over a real `ws` server on 127.0.0.1, killed mid-stream and restarted, that
 * replays its whole log to every connection that subscribes (a push server without positions):
 * each notification is held and toasted once, updates replace in place, messages for another
 * client never arrive, seed-000 messages without ids too.
 */
import { describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { socketFeedTransport } from '../../src/core/feed/socket-transport.js';
import { createNotificationFeed, NOTIFICATION_TOPIC } from '../../src/core/notifications/notification-feed.js';
import { memoryPreferenceStorage } from '../../src/core/notifications/preferences.js';
import { createNotificationStore } from '../../src/core/notifications/store.js';
import { createToastQueue } from '../../src/core/notifications/toast-queue.js';
import type { WebSocketConstructor } from '../../src/core/transport/socket-client.js';
import { FakeEnvironment } from '../unit/support/fakes.js';
import { cleanupAfterEach } from './support/sse-server.js';
import { TopicSocketServer } from './support/topic-socket-server.js';

const { client: track } = cleanupAfterEach();
const FAST_RETRY = { initialDelayMs: 5, maxDelayMs: 25, maxAttempts: Infinity, maxElapsedMs: 60_000 };
const WAIT = { timeout: 5_000, interval: 5 };

describe('notifications over WebSocket (ws)', () => {
  it('de-duplicates across 5 server kills with full replays; targeted, broadcast and updates as sent', async () => {
    const log: object[] = [];
    const server = new TopicSocketServer({
      onSubscribe: (socket) => {
        for (const payload of log) socket.send(JSON.stringify(payload));
      },
    });
    await server.start();
    track({ stop: () => void server.kill() });
    const send = (payload: object) => {
      log.push(payload);
      server.sendTo(NOTIFICATION_TOPIC, JSON.stringify(payload));
    };
    const transport = socketFeedTransport({
      client: { url: `ws://127.0.0.1:${server.port}/push`, WebSocket: WebSocket as unknown as WebSocketConstructor, retry: FAST_RETRY },
      frames: { join: (topic) => ({ action: 'subscribe', topic }), leave: (topic) => ({ action: 'unsubscribe', topic }) },
    });
    track(transport.client);
    const feed = createNotificationFeed({ transport, clientId: 'c1' });
    track({ stop: () => feed.close() });
    const toasts = createToastQueue({ environment: new FakeEnvironment(), maxVisible: 3, maxWaiting: 1_000 });
    track({ stop: () => toasts.destroy() });
    const shown: string[] = [];
    toasts.onShow((n) => shown.push(n.id));
    const store = createNotificationStore({ feed, toasts, storage: memoryPreferenceStorage() });
    track({ stop: store.subscribe(() => {}) });
    await vi.waitFor(() => expect(server.subscribedTopics).toBe(1), WAIT);

    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 6; i++) {
        const k = round * 6 + i;
        if (i === 0) send({ mensaje: `Promo ${k}`, timestamp: `10:00:${String(k).padStart(2, '0')}` });
        else if (i === 1) send({ id: `other-${k}`, mensaje: 'Para otro', clienteId: 'c2' });
        else send({ id: `o${k}`, type: 'order', body: `Pedido ${k}`, clienteId: 'c1' });
      }
      if (round > 0) send({ id: `o${(round - 1) * 6 + 2}`, type: 'order', body: `Pedido ${(round - 1) * 6 + 2} en camino`, clienteId: 'c1' });
      await vi.waitFor(() => {
        store.flush();
        expect(store.getSnapshot().notifications).toHaveLength((round + 1) * 5);
        expect(store.stats().updates).toBe(round);
      }, WAIT);
      const connections = server.connections;
      await server.restart();
      // Back, and subscribed again (which replays the log).
      await vi.waitFor(() => {
        expect(server.connections).toBe(connections + 1);
        expect(server.subscribedTopics).toBe(1);
      }, WAIT);
    }
    // Each of the 5 reconnects replayed the whole log: 85 duplicates in all, every one dropped.
    await vi.waitFor(() => expect(feed.stats().duplicates).toBe(85), WAIT);
    store.flush();
    const snapshot = store.getSnapshot();
    const ids = snapshot.notifications.map((n) => n.id);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    expect(ids.some((id) => id.startsWith('other-'))).toBe(false);
    expect(store.stats().updates).toBe(4);
    expect(snapshot.notifications.find((n) => n.id === 'o2')!.body).toBe('Pedido 2 en camino');
    expect(shown).toHaveLength(25 + 4);
  });
});
