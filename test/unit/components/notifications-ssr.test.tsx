// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { NotificationCenterView } from '../../../src/components/notifications/NotificationCenterView.js';
import { ToasterView } from '../../../src/components/notifications/ToasterView.js';
import { many, PREFERENCES, snapshot, toast, notification } from './notifications-fixtures.js';

const noop = () => {};
const queue = { dismiss: noop, pause: noop, resume: noop };

describe('server rendering', () => {
  test('there is no window here', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  test('the centre renders closed and open (one page of 1,000 items) without touching window', () => {
    const closed = renderToString(<NotificationCenterView notifications={many(1000)} unreadCount={500} onMarkRead={noop} onMarkAllRead={noop} onArchive={noop} />);
    expect(closed).toContain('aria-label="Notifications, 500 unread"');
    expect(closed).not.toContain('data-sk-notification=""');
    const open = renderToString(
      <NotificationCenterView notifications={many(1000)} unreadCount={500} preferences={PREFERENCES} defaultOpen locale="es" onMarkRead={noop} onMarkAllRead={noop} onArchive={noop} />,
    );
    expect(open.match(/data-sk-notification=""/g)).toHaveLength(20);
    expect(open).toContain('Mostrar 20 más (quedan 980)');
  });

  test('the toaster renders its stack and both live regions, HTML as text', () => {
    const html = renderToString(<ToasterView snapshot={snapshot([toast(notification('1', { title: '<b>x</b>' }))])} queue={queue} />);
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('aria-live="assertive"');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});

describe('server rendering of the connected Toaster', () => {
  test('the default queue renders an empty stack and both regions on the server', async () => {
    const { Toaster } = await import('../../../src/components/notifications/Toaster.js');
    const html = renderToString(<Toaster />);
    expect(html).toContain('aria-label="Notifications (Alt+T)"');
    expect(html).toContain('aria-live="assertive"');
  });
});
