import '../../src/styles.css';
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createNotify } from '../../src/core/notifications/notify.js';
import { createToastQueue, type ToastQueue } from '../../src/core/notifications/toast-queue.js';
import { Toaster } from '../../src/components/notifications/Toaster.js';
import { FakeClock, FakeEnvironment } from '../unit/support/fakes.js';

/**
 * `<Toaster>` over a real toast queue in Chromium: `notify()` to screen and to the always-mounted
 * regions with the queue's exact announcement text, maxVisible, hover pausing the real timers,
 * and the hidden-tab summary (visibility injected: headless Chromium cannot hide a page).
 */

function recordWrites(region: Element): string[] {
  const writes: string[] = [];
  new MutationObserver(() => writes.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
  return writes;
}

let queue: ToastQueue | null = null;
afterEach(() => queue?.destroy());

const polite = () => document.querySelector('[data-sk-toast-announcer=""]')!;
const assertive = () => document.querySelector('[data-sk-toast-announcer="assertive"]')!;
const toasts = () => [...document.querySelectorAll('[data-sk-toast]')];

describe('Toaster over the real queue', () => {
  test('notify() shows a toast and announces its exact text; urgent goes to the assertive region and stays', async () => {
    queue = createToastQueue({ announceIntervalMs: 0 });
    const notify = createNotify(() => queue!);
    render(<Toaster queue={queue} locale="en-US" />);
    const said = recordWrites(polite());
    const alerted = recordWrites(assertive());

    notify({ title: '20% off today', body: 'Tacos al pastor', type: 'promotion' });
    await waitFor(() => expect(polite().textContent).toBe('20% off today. Tacos al pastor'));
    notify({ title: 'Kitchen closed', body: 'Orders paused', type: 'inventory', importance: 'urgent' });
    await waitFor(() => expect(assertive().textContent).toBe('Kitchen closed. Orders paused'));
    expect(said).toEqual(['20% off today. Tacos al pastor']);
    expect(alerted).toEqual(['Kitchen closed. Orders paused']);
    const urgent = toasts().find((toast) => toast.getAttribute('data-importance') === 'urgent')!;
    expect(urgent).toHaveAttribute('data-type', 'inventory');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss: Kitchen closed' }));
    await waitFor(() => expect(toasts()).toHaveLength(1));
  });

  test('at most maxVisible toasts are in the DOM; dismissing one brings the next', async () => {
    queue = createToastQueue({ maxVisible: 3, burstWindowMs: 0 });
    const notify = createNotify(() => queue!);
    render(<Toaster queue={queue} />);
    for (let index = 0; index < 10; index++) notify({ title: `Message ${index}` });
    await waitFor(() => expect(toasts()).toHaveLength(3));
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss: Message 0' }));
    await waitFor(() => expect(screen.getByText('Message 3')).toBeInTheDocument());
    expect(toasts()).toHaveLength(3);
  });

  test('hovering the stack pauses the real timer: the toast outlives its duration while hovered and leaves after', async () => {
    const clock = new FakeClock();
    queue = createToastQueue({ clock, durations: { normal: 300 } });
    const notify = createNotify(() => queue!);
    render(
      <>
        <p>Page</p>
        <Toaster queue={queue} />
      </>,
    );
    notify({ title: 'Short-lived' });
    await waitFor(() => expect(toasts()).toHaveLength(1));
    await userEvent.hover(toasts()[0]!);
    await waitFor(() => expect(toasts()[0]).toHaveAttribute('data-paused', 'true'));
    clock.advance(10_000);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(toasts()).toHaveLength(1);
    await userEvent.hover(screen.getByText('Page'));
    clock.advance(300);
    await waitFor(() => expect(toasts()).toHaveLength(0));
  });

  test('closing a toast with the mouse does not leave the stack paused: the others still expire', async () => {
    const clock = new FakeClock();
    queue = createToastQueue({ clock, durations: { normal: 300 }, burstWindowMs: 0 });
    const notify = createNotify(() => queue!);
    render(
      <>
        <p>Page</p>
        <Toaster queue={queue} />
      </>,
    );
    notify({ title: 'First' });
    notify({ title: 'Second' });
    await waitFor(() => expect(toasts()).toHaveLength(2));
    // The click focuses the close button, which then leaves the DOM with its toast.
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss: First' }));
    await waitFor(() => expect(toasts()).toHaveLength(1));
    await userEvent.hover(screen.getByText('Page'));
    await waitFor(() => expect(toasts()[0]).not.toHaveAttribute('data-paused'));
    expect(document.querySelector('[data-sk-toaster]')!.contains(document.activeElement)).toBe(false);
    clock.advance(300);
    await waitFor(() => expect(toasts()).toHaveLength(0));
  });

  test('closing a toast from the keyboard moves focus to the next toast; Escape then leaves and the timers run again', async () => {
    const clock = new FakeClock();
    queue = createToastQueue({ clock, durations: { normal: 300 }, burstWindowMs: 0 });
    const notify = createNotify(() => queue!);
    render(
      <>
        <button type="button">Page button</button>
        <Toaster queue={queue} />
      </>,
    );
    notify({ title: 'First' });
    notify({ title: 'Second' });
    await waitFor(() => expect(toasts()).toHaveLength(2));
    screen.getByRole('button', { name: 'Page button' }).focus();
    await userEvent.keyboard('{F8}');
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Dismiss: First' }));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(toasts()).toHaveLength(1));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Dismiss: Second' }));
    // Focus is still inside: the toast holds.
    clock.advance(1_000);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(toasts()).toHaveLength(1);
    await userEvent.keyboard('{Escape}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Page button' }));
    await waitFor(() => expect(toasts()[0]).not.toHaveAttribute('data-paused'));
    clock.advance(300);
    await waitFor(() => expect(toasts()).toHaveLength(0));
  });

  test('what arrives while the tab is hidden is one summary toast on return, announced once', async () => {
    const tab = new FakeEnvironment();
    queue = createToastQueue({ environment: tab, announceIntervalMs: 0 });
    const notify = createNotify(() => queue!);
    render(<Toaster queue={queue} locale="es" />);
    const said = recordWrites(polite());
    tab.setHidden(true);
    for (let index = 0; index < 5; index++) notify({ title: `Pedido ${index}`, type: 'order' });
    notify({ title: 'Promo', type: 'promotion' });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(toasts()).toHaveLength(0);
    tab.setHidden(false);
    await waitFor(() => expect(toasts()).toHaveLength(1));
    expect(toasts()[0]).toHaveAttribute('data-kind', 'away');
    expect(toasts()[0]!.querySelector('[data-sk-toast-title]')!.textContent).toBe('Mientras no estabas: 5 nuevas: order, 1 nueva: promotion');
    await waitFor(() => expect(said.length).toBeGreaterThan(0));
    expect(said).toEqual(['Mientras no estabas: 5 nuevas: order, 1 nueva: promotion']);
  });
});
