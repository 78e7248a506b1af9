/**
 * The notification store over a live feed (a hand-driven transport): targeted vs broadcast,
 * de-duplication and in-place updates, bounded history, preferences and mute expiry, persistence
 * and cross-tab read sync, optimistic changes with rollback, history pages and counts, and the
 * 1,000-burst bounds.
 */
import { describe, expect, it } from 'vitest';
import { isStreamError, StreamError } from '../../../src/core/errors.js';
import { createNotificationFeed } from '../../../src/core/notifications/notification-feed.js';
import { memoryPreferenceStorage } from '../../../src/core/notifications/preferences.js';
import { createNotificationStore, type NotificationStoreOptions } from '../../../src/core/notifications/store.js';
import { createToastQueue } from '../../../src/core/notifications/toast-queue.js';
import type { PreferenceStorage } from '../../../src/core/notifications/types.js';
import { deferred, FakeFeedTransport, settle } from '../feed/support.js';
import { FakeClock, FakeEnvironment, ManualFrames } from '../support/fakes.js';
import { note } from './support.js';

async function setup(options: Partial<NotificationStoreOptions> & { clientId?: string; storage?: PreferenceStorage; maxIds?: number } = {}) {
  const transport = new FakeFeedTransport();
  const clock = new FakeClock();
  clock.advance(1_000_000);
  const frames = new ManualFrames();
  const environment = new FakeEnvironment();
  const errors: StreamError[] = [];
  const feed = createNotificationFeed({ transport, clock, frames, clientId: options.clientId ?? 'me', maxIds: options.maxIds, onError: (e) => errors.push(e) });
  const toasts = createToastQueue({ clock, environment, frames, maxVisible: 3 });
  const storage = options.storage ?? memoryPreferenceStorage();
  const store = createNotificationStore({ feed, toasts, clock, frames, storage, ...options });
  let publications = 0;
  store.subscribe(() => publications++);
  await settle();
  transport.open();
  const snap = () => {
    store.flush();
    return store.getSnapshot();
  };
  const toastIds = () => {
    toasts.flush();
    return toasts.getSnapshot().visible.map((t) => t.id);
  };
  const send = (payload: object) => transport.emit({ type: 'message', data: JSON.stringify(payload), lastEventId: '' });
  return { transport, clock, frames, environment, feed, toasts, store, storage, snap, toastIds, send, errors, publications: () => publications };
}

describe('notification store', () => {
  it('keeps broadcasts and messages for this client, ignores those for another client', async () => {
    const { send, snap, feed } = await setup({ clientId: 'c1' });
    send({ id: 'b', mensaje: 'Promo para todos' });
    send({ id: 'mine', mensaje: 'Tu pedido', clienteId: 'c1' });
    send({ id: 'theirs', mensaje: 'Su pedido', clienteId: 'c2' });
    expect(snap().notifications.map((n) => n.id)).toEqual(['mine', 'b']);
    expect(snap().unreadCount).toBe(2);
    expect(feed.stats().ignored).toBe(1);
  });

  it('reads decoded WebSocket messages (objects) as well as SSE events', async () => {
    const { transport, snap } = await setup({ clientId: 'c1' });
    transport.emit({ mensaje: 'Por WebSocket', timestamp: '10:00:00', clienteId: 'c1' });
    transport.emit({ id: 'w2', type: 'inventory', importance: 'urgent', title: 'Sin aguacate', body: '' });
    expect(snap().notifications.map((n) => [n.type, n.importance, n.title || n.body])).toEqual([
      ['inventory', 'urgent', 'Sin aguacate'],
      ['general', 'normal', 'Por WebSocket'],
    ]);
  });

  it('a malformed message is a parse error for it alone; the stream goes on', async () => {
    const { transport, send, snap, errors } = await setup();
    transport.emit({ type: 'message', data: '{oops', lastEventId: '' });
    send({ id: 'ok', body: 'fine' });
    expect(errors.map((e) => e.kind)).toEqual(['parse']);
    expect(snap().notifications.map((n) => n.id)).toEqual(['ok']);
  });

  it('ignores re-sends, updates in place on the same id with new content (read state kept), toasts once', async () => {
    const { send, snap, store, toastIds, toasts, feed } = await setup();
    send({ id: 'o1', type: 'order', title: 'Pedido', body: 'Recibido' });
    send({ id: 'p1', type: 'promotion', body: '2x1' });
    send({ id: 'o1', type: 'order', title: 'Pedido', body: 'Recibido' });
    expect(feed.stats().duplicates).toBe(1);
    expect(snap().notifications).toHaveLength(2);
    await store.markRead('o1');
    send({ id: 'o1', type: 'order', title: 'Pedido', body: 'En camino' });
    const updated = snap().notifications.find((n) => n.id === 'o1')!;
    expect(updated.body).toBe('En camino');
    expect(updated.read).toBe(true);
    expect(snap().notifications.map((n) => n.id)).toEqual(['p1', 'o1']);
    expect(store.stats().updates).toBe(1);
    expect(toastIds()).toEqual(['o1', 'p1']);
    expect(toasts.stats().coalesced).toBe(0);
  });

  it('a notification whose read copy is lost is de-duplicated by the store when the feed forgot its id', async () => {
    // The feed remembers 512 ids; the store catches re-sends older than that while it holds them.
    const { send, snap, store, feed } = await setup({ maxIds: 1 });
    send({ id: 'a', body: 'A' });
    send({ id: 'b', body: 'B' });
    send({ id: 'a', body: 'A' });
    expect(store.stats().duplicates).toBe(1);
    expect(snap().notifications.map((n) => n.id)).toEqual(['b', 'a']);
    expect(feed.stats().duplicates).toBe(0);
  });

  it('bounds the history; notify() toasts land in the centre too', async () => {
    const { send, snap, store, toasts } = await setup({ maxHistory: 3 });
    for (let i = 0; i < 5; i++) send({ id: `n${i}`, body: `${i}` });
    expect(snap().notifications.map((n) => n.id)).toEqual(['n4', 'n3', 'n2']);
    expect(store.stats().held).toBe(3);
    toasts.show(note({ id: 'manual' }), { origin: 'app' });
    expect(snap().notifications[0]!.id).toBe('manual');
  });

  it('preferences: silent types, "solo eventos importantes", off, and a mute that expires', async () => {
    const { send, snap, store, toastIds, clock } = await setup();
    store.setPreferences({ types: { promotion: 'silent', spam: 'off' }, minToastImportance: 'high' });
    send({ id: 'p', type: 'promotion', body: 'x', importance: 'urgent' });
    send({ id: 's', type: 'spam', body: 'x' });
    send({ id: 'n', type: 'order', body: 'normal order' });
    send({ id: 'h', type: 'order', body: 'important order', importance: 'high' });
    expect(snap().notifications.map((n) => n.id)).toEqual(['h', 'n', 'p']);
    expect(toastIds()).toEqual(['h']);
    store.mute('inventory', clock.now() + 60_000);
    send({ id: 'i1', type: 'inventory', body: 'low stock', importance: 'urgent' });
    expect(toastIds()).toEqual(['h']);
    clock.advance(60_000);
    expect(snap().preferences.mutedUntil).toEqual({});
    send({ id: 'i2', type: 'inventory', body: 'out of stock', importance: 'urgent' });
    expect(toastIds()).toContain('i2');
  });

  it('persists preferences and read state; a second tab sees reads made in the first', async () => {
    const shared = memoryPreferenceStorage();
    const one = await setup({ storage: shared });
    const two = await setup({ storage: shared.share() });
    for (const tab of [one, two]) {
      tab.send({ id: 'a', body: 'A' });
      tab.send({ id: 'b', body: 'B' });
    }
    await one.store.markRead('a');
    expect(two.snap().notifications.find((n) => n.id === 'a')!.read).toBe(true);
    expect(two.snap().unreadCount).toBe(1);
    one.store.setPreferences({ minToastImportance: 'urgent' });
    expect(two.snap().preferences.minToastImportance).toBe('urgent');
    // A third page opened later reads both back, and a re-sent read one arrives read (no toast).
    const three = await setup({ storage: shared.share() });
    expect(three.snap().preferences.minToastImportance).toBe('urgent');
    three.send({ id: 'a', body: 'A', importance: 'urgent' });
    expect(three.snap().notifications[0]!.read).toBe(true);
    expect(three.toastIds()).toEqual([]);
  });

  it('after a reload, notifications the server re-sends land in the centre without toasting again', async () => {
    const storage = memoryPreferenceStorage();
    const first = await setup({ storage });
    first.send({ id: 'n1', body: 'Uno' });
    expect(first.toastIds()).toEqual(['n1']);
    first.store.close();
    // The next visit: same storage, an empty centre, the server re-sends n1 and sends n2.
    const second = await setup({ storage });
    second.send({ id: 'n1', body: 'Uno' });
    second.send({ id: 'n2', body: 'Dos' });
    expect(second.snap().notifications.map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(second.toastIds()).toEqual(['n2']);
  });

  it('a burst writes the shown ids to storage once per second, not per notification', async () => {
    const base = memoryPreferenceStorage();
    let writes = 0;
    const storage = { ...base, setItem: (key: string, value: string) => (writes++, base.setItem(key, value)) };
    const { send, clock } = await setup({ storage });
    for (let i = 0; i < 1_000; i++) send({ id: `n${i}`, body: `${i}` });
    expect(writes).toBe(0);
    clock.advance(1_000);
    expect(writes).toBe(1);
    const seen = JSON.parse(base.getItem('sk-notifications:seen')!) as string[];
    expect(seen).toHaveLength(500);
    expect(seen.at(-1)).toBe('n999');
  });

  it('marks read and archives optimistically, and rolls back when the server rejects', async () => {
    const reads = deferred<void>();
    const archives = deferred<void>();
    const errors: StreamError[] = [];
    const { send, snap, store } = await setup({ onMarkRead: () => reads.promise, onArchive: () => archives.promise, onError: (e) => errors.push(e) });
    send({ id: 'a', body: 'A' });
    send({ id: 'b', body: 'B' });
    const marking = store.markAllRead();
    expect(snap().unreadCount).toBe(0);
    reads.reject(new Error('503'));
    expect(await marking).toBe(false);
    expect(snap().unreadCount).toBe(2);
    expect(snap().notifications.every((n) => !n.read)).toBe(true);
    expect(isStreamError(snap().error) && snap().error!.kind).toBe('callback');
    const archiving = store.archive('a');
    expect(snap().notifications.map((n) => n.id)).toEqual(['b']);
    expect(snap().unreadCount).toBe(1);
    archives.reject(new Error('503'));
    expect(await archiving).toBe(false);
    expect(snap().notifications.map((n) => n.id)).toEqual(['b', 'a']);
    expect(errors).toHaveLength(2);
  });

  it('loads older pages after the live ones and reconciles the unread count with the server', async () => {
    const pages: Record<string, { items: ReturnType<typeof note>[]; next: string | null }> = {
      first: { items: [note({ id: 'old1' }), note({ id: 'old2', read: true })], next: 'p2' },
      p2: { items: [note({ id: 'old3' })], next: null },
    };
    const cursors: (string | null)[] = [];
    const { send, snap, store } = await setup({
      loadPage: async (cursor) => {
        cursors.push(cursor);
        return pages[cursor ?? 'first']!;
      },
      loadCounts: async () => ({ unread: 10 }),
    });
    send({ id: 'live', body: 'new' });
    await store.loadMore();
    await store.loadMore();
    await store.loadMore();
    expect(cursors).toEqual([null, 'p2']);
    expect(snap().notifications.map((n) => n.id)).toEqual(['live', 'old1', 'old2', 'old3']);
    expect(snap().hasMore).toBe(false);
    expect(snap().unreadCount).toBe(3);
    await store.refreshCounts();
    expect(snap().unreadCount).toBe(10);
    send({ id: 'live2', body: 'newer' });
    expect(snap().unreadCount).toBe(11);
    await store.markRead('live2');
    expect(snap().unreadCount).toBe(10);
  });

  it('an error clears when what failed works again; retry() redoes a page or the counts, never the connection', async () => {
    let pageFails = true;
    let countsFail = true;
    let readFails = true;
    let pageCalls = 0;
    let countCalls = 0;
    const { send, snap, store, transport, feed } = await setup({
      loadPage: async () => {
        pageCalls++;
        if (pageFails) throw new Error('503');
        return { items: [note({ id: 'old' })], next: null };
      },
      loadCounts: async () => {
        countCalls++;
        if (countsFail) throw new Error('503');
        return { unread: 4 };
      },
      onMarkRead: async () => {
        if (readFails) throw new Error('409');
      },
    });
    expect(snap()).toMatchObject({ error: null, retryable: false });

    await store.loadMore();
    expect(snap().error?.message).toBe('Loading older notifications failed.');
    expect(snap().retryable).toBe(true);
    pageFails = false;
    await store.retry();
    expect(pageCalls).toBe(2);
    expect(snap()).toMatchObject({ error: null, retryable: false });
    expect(snap().notifications.map((n) => n.id)).toEqual(['old']);

    await store.refreshCounts();
    expect(snap().error?.message).toBe('Loading the unread count failed.');
    countsFail = false;
    await store.retry();
    expect(countCalls).toBe(2);
    expect(snap()).toMatchObject({ error: null, unreadCount: 4 });

    send({ id: 'a', body: 'A' });
    expect(await store.markRead('a')).toBe(false);
    expect(snap().retryable).toBe(true);
    readFails = false;
    // The next accepted change clears the rejected one's error.
    expect(await store.markRead('a')).toBe(true);
    expect(snap().error).toBeNull();

    // A connection error is not the store's to retry: it clears when the connection reopens.
    transport.sink!.status('error', new StreamError('auth', 'HTTP 401', { status: 401 }));
    feed.flush();
    expect(snap()).toMatchObject({ retryable: false });
    expect(snap().error?.kind).toBe('auth');
    await store.retry();
    expect(snap().error?.kind).toBe('auth');
    transport.open();
    feed.flush();
    expect(snap().error).toBeNull();
  });

  it('a 1,000-notification burst: bounded history, toasts and publications', async () => {
    const { send, snap, store, toasts, frames } = await setup({ maxHistory: 100 });
    let toastPublications = 0;
    toasts.subscribe(() => toastPublications++);
    for (let i = 0; i < 1_000; i++) {
      send({ id: `n${i}`, type: ['order', 'promotion', 'inventory'][i % 3], body: `${i}` });
      if (i % 100 === 99) frames.step();
    }
    frames.step();
    expect(snap().notifications).toHaveLength(100);
    expect(store.stats().held).toBe(100);
    expect(toasts.stats().held).toBeLessThanOrEqual(3);
    // One publication at once, then at most one per frame (11 frames stepped, plus the read above).
    expect(store.stats().published).toBeLessThanOrEqual(13);
    expect(toastPublications).toBeLessThanOrEqual(13);
  });

  it('close() releases the feed topic, queue and storage listeners and the mute timer', async () => {
    const { store, clock, feed, toasts, send, snap } = await setup();
    store.mute('order', clock.now() + 1_000);
    store.close();
    clock.advance(2_000);
    // The expiry timer was cancelled: nothing pruned the mute after close.
    expect(snap().preferences.mutedUntil).toHaveProperty('order');
    send({ id: 'late', body: 'x' });
    toasts.show(note({ id: 'manual' }));
    expect(snap().notifications).toHaveLength(0);
    expect(feed.stats().unrouted).toBe(1);
  });
});
