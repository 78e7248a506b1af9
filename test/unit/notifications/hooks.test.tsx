/**
 * useNotifications/useToasts: thin hooks over the store and the queue. Under StrictMode a
 * notification arrives once, toasts once, and marking it read re-renders the count.
 */
import { act, render } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { createNotificationFeed } from '../../../src/core/notifications/notification-feed.js';
import { createNotify } from '../../../src/core/notifications/notify.js';
import { memoryPreferenceStorage } from '../../../src/core/notifications/preferences.js';
import { createToastQueue } from '../../../src/core/notifications/toast-queue.js';
import { useNotifications } from '../../../src/hooks/useNotifications.js';
import { useToasts } from '../../../src/hooks/useToasts.js';
import { FakeFeedTransport, settle } from '../feed/support.js';
import { FakeClock, FakeEnvironment, ManualFrames } from '../support/fakes.js';

describe('useNotifications and useToasts', () => {
  it('render the centre and the toasts from one stream; notify() toasts land in the centre', async () => {
    const transport = new FakeFeedTransport();
    const clock = new FakeClock();
    const frames = new ManualFrames();
    const feed = createNotificationFeed({ transport, clock, frames, clientId: 'c1' });
    const toasts = createToastQueue({ clock, frames, environment: new FakeEnvironment() });
    const notify = createNotify(() => toasts);
    const storage = memoryPreferenceStorage();
    let markRead: ((id: string) => Promise<boolean>) | null = null;

    function Centre() {
      const centre = useNotifications({ feed, toasts, storage, clock, frames });
      markRead = centre.markRead;
      return (
        <p data-testid="centre" data-unread={centre.unreadCount}>
          {centre.notifications.map((n) => n.body).join('|')}
        </p>
      );
    }
    function Toaster() {
      const { visible } = useToasts(toasts);
      return <p data-testid="toasts">{visible.map((t) => t.id).join('|')}</p>;
    }
    const view = render(
      <StrictMode>
        <Centre />
        <Toaster />
      </StrictMode>,
    );
    await act(settle);
    act(() => transport.open());
    act(() => {
      transport.emit({ type: 'message', data: JSON.stringify({ id: 'a', mensaje: 'Hola', clienteId: 'c1' }), lastEventId: '' });
      transport.emit({ type: 'message', data: JSON.stringify({ id: 'x', mensaje: 'Otro', clienteId: 'c2' }), lastEventId: '' });
      notify({ id: 'local', body: 'Guardado' });
      frames.step();
    });
    expect(view.getByTestId('centre').textContent).toBe('Guardado|Hola');
    expect(view.getByTestId('centre').dataset['unread']).toBe('2');
    expect(view.getByTestId('toasts').textContent).toBe('a|local');
    await act(async () => {
      await markRead!('a');
      frames.step();
    });
    expect(view.getByTestId('centre').dataset['unread']).toBe('1');
    view.unmount();
    await act(settle);
    // The store let go of the feed topic when the last component unmounted.
    expect(feed.getSnapshot('notifications').status).not.toBe('idle');
    clock.advance(10_000);
    expect(feed.topicCount).toBe(0);
  });
});
