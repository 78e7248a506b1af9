import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, test } from 'vitest';
import { StreamError } from '../../../src/core/errors.js';
import { notificationDictionaries, resolveNotificationLabels } from '../../../src/components/notifications/labels.js';
import { NotificationCenterView, applyFilter } from '../../../src/components/notifications/NotificationCenterView.js';
import { matchesShortcut } from '../../../src/components/notifications/shortcut.js';
import { ToasterView } from '../../../src/components/notifications/ToasterView.js';
import { announcementText, toastText } from '../../../src/components/notifications/view.js';
import { announce, many, notification, NOON, PREFERENCES, recordingQueue, snapshot, toast } from './notifications-fixtures.js';

const en = resolveNotificationLabels('en');
const es = resolveNotificationLabels('es-MX');

describe('labels', () => {
  test('both dictionaries define every key; regional tags fall back by language; overrides merge', () => {
    expect(Object.keys(notificationDictionaries.es!).sort()).toEqual(Object.keys(notificationDictionaries.en).sort());
    expect(es.center).toBe('Notificaciones');
    const custom = resolveNotificationLabels('en', { importance: { urgent: 'Now!' } });
    expect(custom.importance).toEqual({ low: 'Low', normal: 'Normal', high: 'High', urgent: 'Now!' });
  });
});

describe('texts', () => {
  test('a notification, a burst, an away summary and counts', () => {
    const order = toast(notification('1'));
    expect(toastText(order, en, 'en')).toEqual({ title: 'Order 1 is on its way', body: 'Ana picked it up' });
    const burst = { ...order, content: { kind: 'burst' as const, type: 'order', count: 1200, latest: notification('9') } };
    expect(toastText(burst, en, 'en').title).toBe('1,200 new orders');
    const away = {
      ...order,
      content: { kind: 'away' as const, summary: { counts: [{ type: 'order', count: 5 }, { type: 'promotion', count: 1 }], total: 6, importance: 'normal' as const } },
    };
    expect(toastText(away, en, 'en').title).toBe('While you were away: 5 new orders, 1 new promotion');
    expect(toastText(away, es, 'es').title).toBe('Mientras no estabas: 5 nuevas: order, 1 nueva: promotion');
    expect(announcementText(announce(1, order), en, 'en')).toBe('Order 1 is on its way. Ana picked it up');
    expect(
      announcementText({ seq: 2, politeness: 'polite', content: { kind: 'counts', counts: [{ type: 'order', count: 3 }], total: 3 } }, en, 'en'),
    ).toBe('3 new orders');
  });

  test('an empty title shows the body as the headline', () => {
    expect(toastText(toast(notification('1', { title: '' })), en, 'en')).toEqual({ title: 'Ana picked it up', body: '' });
  });
});

describe('shortcut', () => {
  const key = (code: string, key: string, mods: Partial<KeyboardEvent> = {}) => ({ code, key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });
  test('letters match the physical key with exact modifiers; named keys by key', () => {
    expect(matchesShortcut(key('KeyT', '†', { altKey: true }), 'Alt+T')).toBe(true);
    expect(matchesShortcut(key('KeyT', 't'), 'Alt+T')).toBe(false);
    expect(matchesShortcut(key('KeyT', 't', { altKey: true, shiftKey: true }), 'Alt+T')).toBe(false);
    expect(matchesShortcut(key('F8', 'F8'), 'F8')).toBe(true);
    expect(matchesShortcut(key('KeyN', 'N', { ctrlKey: true, shiftKey: true }), 'Ctrl+Shift+N')).toBe(true);
  });
});

describe('ToasterView', () => {
  test('HTML stays text, importance is a data attribute, close and actions call the queue; javascript: links are refused', () => {
    const queue = recordingQueue();
    const chosen: string[] = [];
    const item = notification('1', {
      title: '<img src=x onerror=alert(1)>',
      importance: 'urgent',
      actions: [
        { label: 'Track order', id: 'track' },
        { label: 'Open', href: 'https://example.com/o/1' },
        { label: 'Evil', href: 'javascript:alert(1)' },
      ],
    });
    const ref = createRef<HTMLDivElement>();
    render(<ToasterView ref={ref} data-testid="t" snapshot={snapshot([toast(item)])} queue={queue} onAction={(_, id) => chosen.push(id)} />);
    expect(ref.current).toHaveAttribute('data-testid', 't');
    const li = document.querySelector('[data-sk-toast]')!;
    expect(li).toHaveAttribute('data-importance', 'urgent');
    expect(li.querySelector('img')).toBeNull();
    expect(li.querySelector('[data-sk-toast-title]')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(within(li as HTMLElement).getByRole('link', { name: 'Open' })).toHaveAttribute('href', 'https://example.com/o/1');
    expect(within(li as HTMLElement).queryByText('Evil')).toBeNull();
    fireEvent.click(within(li as HTMLElement).getByRole('button', { name: 'Track order' }));
    fireEvent.click(within(li as HTMLElement).getByRole('button', { name: 'Dismiss: <img src=x onerror=alert(1)>' }));
    expect(chosen).toEqual(['track']);
    expect(queue.calls).toEqual(['dismiss 1']);
  });

  test('the live regions exist before any toast and get the announcement text; the same text again toggles a trailing space', () => {
    const queue = recordingQueue();
    const { rerender } = render(<ToasterView snapshot={snapshot([])} queue={queue} locale="es" />);
    const polite = document.querySelector('[data-sk-toast-announcer=""]')!;
    const assertive = document.querySelector('[data-sk-toast-announcer="assertive"]')!;
    expect(polite).toHaveAttribute('aria-live', 'polite');
    expect(assertive).toHaveAttribute('role', 'alert');
    expect(screen.getByRole('region', { name: 'Notificaciones (Alt+T)' })).toBeInTheDocument();
    const item = toast(notification('1'));
    rerender(<ToasterView snapshot={snapshot([item], { polite: announce(1, item) })} queue={queue} locale="es" />);
    expect(polite.textContent).toBe('Order 1 is on its way. Ana picked it up');
    rerender(<ToasterView snapshot={snapshot([item], { polite: announce(2, item) })} queue={queue} locale="es" />);
    expect(polite.textContent).toBe('Order 1 is on its way. Ana picked it up\u00a0');
    expect(assertive.textContent).toBe('');
  });

  test('hover and focus inside the stack pause once, leaving both resumes; a swipe past the threshold dismisses', () => {
    const queue = recordingQueue();
    render(<ToasterView snapshot={snapshot([toast(notification('1'))])} queue={queue} swipeThreshold={50} />);
    const stack = screen.getByRole('region', { name: 'Notifications (Alt+T)' });
    fireEvent.pointerEnter(stack);
    act(() => screen.getByRole('button', { name: /^Dismiss/ }).focus());
    fireEvent.pointerLeave(stack);
    expect(queue.calls).toEqual(['pause']);
    act(() => screen.getByRole('button', { name: /^Dismiss/ }).blur());
    expect(queue.calls).toEqual(['pause', 'resume']);
    const li = document.querySelector('[data-sk-toast]')!;
    fireEvent.pointerDown(li, { clientX: 100, pointerId: 1, button: 0 });
    fireEvent.pointerMove(li, { clientX: 130, pointerId: 1 });
    fireEvent.pointerUp(li, { clientX: 130, pointerId: 1 });
    expect(queue.calls).toEqual(['pause', 'resume']);
    fireEvent.pointerDown(li, { clientX: 100, pointerId: 1, button: 0 });
    fireEvent.pointerUp(li, { clientX: 160, pointerId: 1 });
    expect(queue.calls).toEqual(['pause', 'resume', 'dismiss 1']);
  });
});

describe('NotificationCenterView', () => {
  const actions = () => {
    const calls: string[] = [];
    return {
      calls,
      onMarkRead: (id: string) => void calls.push(`read ${id}`),
      onMarkAllRead: () => void calls.push('read all'),
      onArchive: (id: string) => void calls.push(`archive ${id}`),
    };
  };

  test('the bell names the unread count (en, es); opening focuses the panel; Escape closes and returns to the bell', () => {
    const a = actions();
    const { rerender } = render(<NotificationCenterView notifications={many(3)} unreadCount={1234} locale="en-US" {...a} />);
    const bell = screen.getByRole('button', { name: 'Notifications, 1,234 unread' });
    expect(bell).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(bell);
    expect(bell).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('heading', { name: 'Notifications' })).toHaveFocus();
    fireEvent.keyDown(screen.getByRole('heading'), { key: 'Escape' });
    expect(bell).toHaveAttribute('aria-expanded', 'false');
    expect(bell).toHaveFocus();
    rerender(<NotificationCenterView notifications={[]} unreadCount={0} locale="es" {...a} />);
    expect(screen.getByRole('button', { name: 'Notificaciones, ninguna sin leer' })).toBeInTheDocument();
  });

  test('filters by type, importance and read state; pages; mark read, mark all read, archive', () => {
    const a = actions();
    render(<NotificationCenterView notifications={many(100)} unreadCount={50} defaultOpen pageSize={10} locale="en" {...a} />);
    const rows = () => document.querySelectorAll('[data-sk-notification]');
    expect(rows()).toHaveLength(10);
    fireEvent.click(screen.getByRole('button', { name: 'Show 10 more (90 left)' }));
    expect(rows()).toHaveLength(20);
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'promotion' } });
    expect(rows()).toHaveLength(10);
    expect([...rows()].every((row) => row.getAttribute('data-type') === 'promotion')).toBe(true);
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'unread' } });
    expect([...rows()].every((row) => row.getAttribute('data-read') === 'false' && row.getAttribute('data-type') === 'promotion')).toBe(true);
    fireEvent.change(screen.getByLabelText('Importance'), { target: { value: 'urgent' } });
    expect(applyFilter(many(100), { type: 'promotion', importance: 'urgent', read: 'unread' })).toHaveLength(0);
    expect(screen.getByText('No notifications match these filters')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Importance'), { target: { value: '' } });
    fireEvent.click(screen.getAllByRole('button', { name: /^Mark as read: Item/ })[0]!);
    fireEvent.click(screen.getAllByRole('button', { name: /^Archive: Item/ })[0]!);
    fireEvent.click(screen.getByRole('button', { name: 'Mark all as read' }));
    expect(a.calls).toEqual(['read n4', 'archive n4', 'read all']);
  });

  test('empty and error states; preferences change delivery and mute for a period', () => {
    const a = actions();
    const changes: string[] = [];
    const { rerender } = render(<NotificationCenterView notifications={[]} unreadCount={0} defaultOpen {...a} />);
    expect(screen.getByText('No notifications yet')).toBeInTheDocument();
    const retries: string[] = [];
    rerender(<NotificationCenterView notifications={[]} unreadCount={0} defaultOpen error={new StreamError('http', 'HTTP 503', { status: 503 })} onRetry={() => retries.push('retry')} {...a} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Notifications could not be loaded: The server could not answer (HTTP 503).');
    expect(screen.queryByText('No notifications yet')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retries).toEqual(['retry']);
    rerender(
      <NotificationCenterView
        notifications={[notification('1')]}
        unreadCount={1}
        defaultOpen
        preferences={PREFERENCES}
        types={['order', 'promotion']}
        now={() => NOON}
        onDeliveryChange={(type, delivery) => changes.push(`${type} ${delivery}`)}
        onMute={(type, until) => changes.push(`${type} ${until === null ? 'unmuted' : (until - NOON) / 3_600_000}`)}
        {...a}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Preferences' }));
    expect(screen.getByLabelText('promotion: how to notify')).toHaveValue('silent');
    fireEvent.change(screen.getByLabelText('order: how to notify'), { target: { value: 'off' } });
    fireEvent.change(screen.getByLabelText('Mute promotion'), { target: { value: String(8 * 3_600_000) } });
    expect(changes).toEqual(['order off', 'promotion 8']);
  });
});
