import '../../src/styles.css';
import { act, render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { useState } from 'react';
import { describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ToasterSnapshot } from '../../src/core/notifications/types.js';
import { NotificationCenterView } from '../../src/components/notifications/NotificationCenterView.js';
import { ToasterView } from '../../src/components/notifications/ToasterView.js';
import { announce, many, notification, PREFERENCES, recordingQueue, snapshot, toast } from '../unit/components/notifications-fixtures.js';

/**
 * The Toaster and the NotificationCenter in real Chromium with the real stylesheet: what screen
 * readers are told (every write to the always-mounted regions), the focus shortcut, hover pausing
 * the queue, the bell's name, filters, one page of 1,000 items, and axe.
 */

function recordWrites(region: Element): string[] {
  const writes: string[] = [];
  new MutationObserver(() => writes.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
  return writes;
}

async function expectNoAxeViolations(root: Element) {
  const result = await axe.run(root, { resultTypes: ['violations'] });
  expect(result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

const noop = () => {};
const order = toast(notification('1042', { title: 'Order 1042 is on its way', body: 'Ana picked it up' }));
const urgent = toast(notification('alert', { type: 'inventory', importance: 'urgent', title: 'Out of stock', body: 'Tacos al pastor' }));

describe('Toaster', () => {
  test('announcements reach the regions that were mounted before them, with their exact text, polite and assertive apart', async () => {
    const queue = recordingQueue();
    const { rerender } = render(<ToasterView snapshot={snapshot([])} queue={queue} locale="en-US" />);
    const polite = document.querySelector('[data-sk-toast-announcer=""]')!;
    const assertive = document.querySelector('[data-sk-toast-announcer="assertive"]')!;
    expect(polite.textContent).toBe('');
    expect(document.querySelector('[data-sk-toaster]')!.contains(polite)).toBe(false);
    const said = recordWrites(polite);
    const alerted = recordWrites(assertive);

    rerender(<ToasterView snapshot={snapshot([order], { polite: announce(1, order) })} queue={queue} locale="en-US" />);
    await waitFor(() => expect(said).toHaveLength(1));
    rerender(
      <ToasterView
        snapshot={snapshot([order, urgent], {
          polite: { seq: 2, politeness: 'polite', content: { kind: 'counts', counts: [{ type: 'order', count: 5 }, { type: 'promotion', count: 2 }], total: 7 } },
          assertive: announce(3, urgent),
        })}
        queue={queue}
        locale="en-US"
      />,
    );
    await waitFor(() => expect(assertive.textContent).toBe('Out of stock. Tacos al pastor'));
    expect(said).toEqual(['Order 1042 is on its way. Ana picked it up', '5 new orders, 2 new promotions']);
    expect(alerted).toEqual(['Out of stock. Tacos al pastor']);
    expect(document.querySelector('[data-sk-toast][data-importance="urgent"]')).not.toBeNull();
    await expectNoAxeViolations(document.body);
  });

  test('Alt+T and F8 move focus to the toasts; Escape returns it; the shortcut is in the stack name and configurable', async () => {
    const queue = recordingQueue();
    const { rerender } = render(
      <>
        <button type="button">Elsewhere</button>
        <ToasterView snapshot={snapshot([order])} queue={queue} />
      </>,
    );
    const stack = screen.getByRole('region', { name: 'Notifications (Alt+T)' });
    const elsewhere = screen.getByRole('button', { name: 'Elsewhere' });
    elsewhere.focus();
    await userEvent.keyboard('{Alt>}t{/Alt}');
    expect(stack).toHaveFocus();
    expect(queue.calls).toEqual(['pause']);
    await userEvent.keyboard('{Escape}');
    expect(elsewhere).toHaveFocus();
    expect(queue.calls).toEqual(['pause', 'resume']);
    await userEvent.keyboard('{F8}');
    expect(stack).toHaveFocus();
    await userEvent.keyboard('{Tab}');
    expect(screen.getByRole('button', { name: 'Dismiss: Order 1042 is on its way' })).toHaveFocus();

    rerender(
      <>
        <button type="button">Elsewhere</button>
        <ToasterView snapshot={snapshot([order])} queue={queue} shortcut="Ctrl+Shift+N" locale="es" />
      </>,
    );
    elsewhere.focus();
    await userEvent.keyboard('{F8}');
    expect(elsewhere).toHaveFocus();
    await userEvent.keyboard('{Control>}{Shift>}N{/Shift}{/Control}');
    expect(screen.getByRole('region', { name: 'Notificaciones (Ctrl+Shift+N)' })).toHaveFocus();
  });

  test('hovering the stack pauses the queue and leaving resumes it', async () => {
    const queue = recordingQueue();
    render(
      <>
        <p>Page</p>
        <ToasterView snapshot={snapshot([order])} queue={queue} />
      </>,
    );
    await userEvent.hover(document.querySelector('[data-sk-toast]')!);
    expect(queue.calls).toEqual(['pause']);
    await userEvent.hover(screen.getByText('Page'));
    expect(queue.calls).toEqual(['pause', 'resume']);
  });

  test('under reduced motion a toast has no transition or animation', async () => {
    const { cdp } = await import('vitest/browser');
    const session = cdp();
    await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value: 'reduce' }] });
    try {
      render(<ToasterView snapshot={snapshot([order])} queue={recordingQueue()} />);
      const style = getComputedStyle(document.querySelector('[data-sk-toast]')!);
      expect(style.animationName).toBe('none');
      expect(style.transitionDuration).toBe('0s');
    } finally {
      await session.send('Emulation.setEmulatedMedia', { features: [] });
    }
  });
});

function Center({ count, unread }: { count: number; unread: number }) {
  const [items, setItems] = useState(() => many(count));
  return (
    <NotificationCenterView
      notifications={items}
      unreadCount={unread}
      preferences={PREFERENCES}
      locale="en-US"
      onMarkRead={(id) => setItems((all) => all.map((item) => (item.id === id ? { ...item, read: true } : item)))}
      onMarkAllRead={noop}
      onArchive={(id) => setItems((all) => all.filter((item) => item.id !== id))}
    />
  );
}

describe('NotificationCenter', () => {
  test('the bell names the unread count; filters narrow the list; 1,000 items render one page of DOM nodes; axe clean', async () => {
    const { container } = render(<Center count={1000} unread={500} />);
    const bell = screen.getByRole('button', { name: 'Notifications, 500 unread' });
    const closedNodes = container.querySelectorAll('*').length;
    await userEvent.click(bell);
    expect(screen.getByRole('heading', { name: 'Notifications' })).toHaveFocus();
    expect(document.querySelectorAll('[data-sk-notification]')).toHaveLength(20);
    // One page of rows, whatever the history holds.
    expect(container.querySelectorAll('*').length - closedNodes).toBeLessThan(400);

    await userEvent.selectOptions(screen.getByLabelText('Type'), 'inventory');
    await userEvent.selectOptions(screen.getByLabelText('Importance'), 'high');
    await userEvent.selectOptions(screen.getByLabelText('Show'), 'unread');
    const rows = [...document.querySelectorAll('[data-sk-notification]')];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.getAttribute('data-type') === 'inventory' && row.getAttribute('data-importance') === 'high' && row.getAttribute('data-read') === 'false')).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Preferences' }));
    await expectNoAxeViolations(container);

    await userEvent.keyboard('{Escape}');
    expect(bell).toHaveFocus();
    expect(bell).toHaveAttribute('aria-expanded', 'false');
  });

  test('marking read moves a row out of the unread filter; archiving removes it', async () => {
    render(<Center count={6} unread={3} />);
    await userEvent.click(screen.getByRole('button', { name: 'Notifications, 3 unread' }));
    await userEvent.selectOptions(screen.getByLabelText('Show'), 'unread');
    expect(document.querySelectorAll('[data-sk-notification]')).toHaveLength(3);
    await userEvent.click(screen.getByRole('button', { name: 'Mark as read: Item 0' }));
    expect(document.querySelectorAll('[data-sk-notification]')).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Archive: Item 2' }));
    expect(document.querySelectorAll('[data-sk-notification]')).toHaveLength(1);
    act(() => {});
  });
});
