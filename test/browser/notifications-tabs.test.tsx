import { afterEach, expect, test, vi } from 'vitest';
import { createNotificationFeed } from '../../src/core/notifications/notification-feed.js';
import { localPreferenceStorage, windowPreferenceStorage } from '../../src/core/notifications/preferences.js';
import { createNotificationStore, type NotificationStore } from '../../src/core/notifications/store.js';
import { createToastQueue } from '../../src/core/notifications/toast-queue.js';
import { FakeFeedTransport } from '../unit/feed/support.js';
import { FakeEnvironment } from '../unit/support/fakes.js';

/**
 * Read state and preferences across "tabs" in real Chromium: the test page and a same-origin
 * iframe are two documents on one `localStorage`, so a write in one fires a real `storage` event
 * in the other (never in the writer), as between two tabs.
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  localStorage.clear();
});

async function sameOriginDocument(): Promise<Window> {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  cleanups.push(() => frame.remove());
  await vi.waitFor(() => expect(frame.contentWindow?.document.readyState).toBe('complete'));
  return frame.contentWindow!;
}

async function tab(storage = localPreferenceStorage): Promise<{ store: NotificationStore; send: (payload: object) => void }> {
  const transport = new FakeFeedTransport();
  const feed = createNotificationFeed({ transport, clientId: 'me' });
  const toasts = createToastQueue({ environment: new FakeEnvironment() });
  const store = createNotificationStore({ feed, toasts, storage, storageKey: 'tabs-test' });
  cleanups.push(store.subscribe(() => {}), () => toasts.destroy(), () => feed.close());
  await vi.waitFor(() => expect(transport.sink).not.toBeNull());
  transport.open();
  return { store, send: (payload) => transport.emit({ type: 'message', data: JSON.stringify(payload), lastEventId: '' }) };
}

const snapshot = (store: NotificationStore) => {
  store.flush();
  return store.getSnapshot();
};

test('marking read in one document shows read in the other through real storage events; preferences follow', async () => {
  const other = await sameOriginDocument();
  const one = await tab();
  const two = await tab(windowPreferenceStorage(() => other));
  for (const page of [one, two]) {
    page.send({ id: 'a', body: 'Tu pedido salió' });
    page.send({ id: 'b', body: 'Promo' });
  }
  await vi.waitFor(() => expect(snapshot(two.store).unreadCount).toBe(2));

  await one.store.markRead('a');
  await vi.waitFor(() => expect(snapshot(two.store).notifications.find((n) => n.id === 'a')!.read).toBe(true));
  expect(snapshot(two.store).unreadCount).toBe(1);

  two.store.setPreferences({ minToastImportance: 'urgent' });
  await vi.waitFor(() => expect(snapshot(one.store).preferences.minToastImportance).toBe('urgent'));
  // One storage area: what the iframe's document wrote, this document reads.
  expect(localStorage.getItem('tabs-test:preferences')).toContain('urgent');
  expect(other.localStorage.getItem('tabs-test:preferences')).toBe(localStorage.getItem('tabs-test:preferences'));
});
