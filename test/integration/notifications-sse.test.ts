/**
 * Notifications over a real node:http SSE server on 127.0.0.1 that is killed mid-stream and
 * restarted, and re-sends its whole log on every connection (no Last-Event-ID support, as after
 * a server restart that lost its positions): each notification is held and toasted once, updates
 * replace in place, messages for another client never arrive, seed-000 messages without ids too.
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { sseFeedTransport } from '../../src/core/feed/sse-transport.js';
import { createNotificationFeed } from '../../src/core/notifications/notification-feed.js';
import { memoryPreferenceStorage } from '../../src/core/notifications/preferences.js';
import { createNotificationStore } from '../../src/core/notifications/store.js';
import { createToastQueue } from '../../src/core/notifications/toast-queue.js';
import { FakeEnvironment } from '../unit/support/fakes.js';
import { SSEServer, cleanupAfterEach, formatEvent, openEventStream } from './support/sse-server.js';

const { server: track, client: trackClient } = cleanupAfterEach();
const FAST_RETRY = { initialDelayMs: 5, maxDelayMs: 25, maxAttempts: Infinity, maxElapsedMs: 60_000 };

/** A push server: every connection gets the whole log again, then live messages. */
class PushServer {
  readonly log: object[] = [];
  private readonly live = new Set<ServerResponse>();
  readonly http: SSEServer;

  constructor() {
    this.http = track(
      new SSEServer((_req, res) => {
        openEventStream(res);
        for (const payload of this.log) res.write(formatEvent({ data: JSON.stringify(payload) }));
        this.live.add(res);
        res.on('close', () => this.live.delete(res));
      }),
    );
  }

  send(payload: object): void {
    this.log.push(payload);
    for (const res of this.live) res.write(formatEvent({ data: JSON.stringify(payload) }));
  }
}

describe('notifications over SSE (node:http)', () => {
  it('de-duplicates across 5 server kills with full re-sends; targeted, broadcast and updates as sent', async () => {
    const server = new PushServer();
    await server.http.start();
    const transport = sseFeedTransport({ client: { url: server.http.url, retry: FAST_RETRY } });
    trackClient(transport.client);
    const feed = createNotificationFeed({ transport, clientId: 'c1' });
    trackClient({ stop: () => feed.close() });
    const toasts = createToastQueue({ environment: new FakeEnvironment(), maxVisible: 3, maxWaiting: 1_000 });
    trackClient({ stop: () => toasts.destroy() });
    const shown: string[] = [];
    toasts.onShow((n) => shown.push(n.id));
    const store = createNotificationStore({ feed, toasts, storage: memoryPreferenceStorage() });
    const release = store.subscribe(() => {});
    trackClient({ stop: release });

    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 6; i++) {
        const k = round * 6 + i;
        if (i === 0) server.send({ mensaje: `Promo ${k}`, timestamp: `10:00:${String(k).padStart(2, '0')}` });
        else if (i === 1) server.send({ id: `other-${k}`, mensaje: 'Para otro', clienteId: 'c2' });
        else server.send({ id: `o${k}`, type: 'order', body: `Pedido ${k}`, clienteId: 'c1' });
      }
      // An update of an earlier order: same id, new text.
      if (round > 0) server.send({ id: `o${(round - 1) * 6 + 2}`, type: 'order', body: `Pedido ${(round - 1) * 6 + 2} en camino`, clienteId: 'c1' });
      // Everything of this round arrived (so the connection is up), then the server crashes.
      await vi.waitFor(
        () => {
          store.flush();
          expect(store.getSnapshot().notifications).toHaveLength((round + 1) * 5);
          expect(store.stats().updates).toBe(round);
        },
        { timeout: 5_000, interval: 5 },
      );
      const requests = server.http.requestCount;
      await server.http.restart();
      await vi.waitFor(() => expect(server.http.requestCount).toBe(requests + 1), { timeout: 5_000, interval: 5 });
    }
    // Each of the 5 reconnects re-sent the whole log: after round r, 5(r + 1) messages for us and
    // r updates, all applied before: 85 duplicates in all, every one dropped.
    await vi.waitFor(() => expect(feed.stats().duplicates).toBe(85), { timeout: 5_000, interval: 5 });
    store.flush();
    // 5 seed promotions (ids derived from content) + 20 orders; nothing for c2.
    expect(store.getSnapshot().notifications).toHaveLength(25);
    expect(store.stats().updates).toBe(4);
    const snapshot = store.getSnapshot();
    const ids = snapshot.notifications.map((n) => n.id);
    expect(new Set(ids).size).toBe(25);
    expect(ids.some((id) => id.startsWith('other-'))).toBe(false);
    expect(snapshot.notifications.find((n) => n.id === 'o2')!.body).toBe('Pedido 2 en camino');
    // Every notification toasted once, plus once per update: re-sends after each reconnect never.
    expect(shown).toHaveLength(25 + 4);
  });
});
