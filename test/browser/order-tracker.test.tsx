import '../../src/styles.css';
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import type { OrderState } from '../../src/core/order/types.js';
import { OrderTrackerView, type OrderTrackerViewProps } from '../../src/components/order/OrderTrackerView.js';
import { at, courier, orderAt, wallFakeClock } from '../unit/components/order-fixtures.js';

/**
 * The tracker in real Chromium with the real stylesheet: what screen readers are told (the live
 * regions' exact text, every write recorded), aria-current, absolute times on keyboard focus,
 * reduced motion and the painted colours of both schemes.
 */

/** Every text the region was given, in order (a write of the same text is not a change). */
function recordWrites(region: Element): string[] {
  const writes: string[] = [];
  const observer = new MutationObserver(() => writes.push(region.textContent ?? ''));
  observer.observe(region, { childList: true, characterData: true, subtree: true });
  return writes;
}

const polite = () => document.querySelector('[data-sk-order-announcer=""]')!;
const assertive = () => document.querySelector('[data-sk-order-announcer="assertive"]')!;
const onTheWay = (progress: number, positionAt = at(20)) =>
  orderAt(4, { courier: courier({ position: { lat: 19.43, lng: -99.13, progress }, positionAt }) });

function renderTracker(props: Omit<OrderTrackerViewProps, 'clock'> & { clock?: OrderTrackerViewProps['clock'] }) {
  const { clock } = wallFakeClock(at(20));
  const utils = render(<OrderTrackerView clock={clock} locale="en-US" {...props} />);
  const show = (state: OrderState, extra: Partial<OrderTrackerViewProps> = {}) =>
    utils.rerender(<OrderTrackerView clock={clock} locale="en-US" {...props} {...extra} state={state} />);
  return { ...utils, show };
}

describe('announcements', () => {
  test('a status change is announced with its exact text; position ticks are never written to the region', async () => {
    const { show } = renderTracker({ state: orderAt(3, { courier: courier() }) });
    const writes = recordWrites(polite());
    const alerts = recordWrites(assertive());
    expect(polite()).toHaveAttribute('aria-live', 'polite');
    expect(polite().textContent).toBe('');

    show(onTheWay(0.1));
    await waitFor(() => expect(polite().textContent).toBe('On the way'));
    for (const progress of [0.2, 0.3, 0.45, 0.6]) show(onTheWay(progress, at(20) + progress * 60_000));
    await waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '60'));
    expect(writes).toEqual(['On the way']);

    show(orderAt(4, { ...onTheWay(0.6), eta: { from: at(55), to: at(65) }, revisions: [
      { at: at(21), previous: { from: at(40), to: at(50) }, eta: { from: at(55), to: at(65) }, latestBy: at(55), reason: 'heavy traffic' },
    ] }));
    await waitFor(() => expect(polite().textContent).toBe('New estimate: Arrives 12:55 PM–1:05 PM. heavy traffic'));
    expect(writes).toEqual(['On the way', 'New estimate: Arrives 12:55 PM–1:05 PM. heavy traffic']);
    expect(alerts).toEqual([]);
  });

  test('cancellation goes to the assertive region (role alert), in Spanish too', async () => {
    const { show } = renderTracker({ state: orderAt(2), locale: 'es' });
    const writes = recordWrites(polite());
    show(orderAt(2, { status: 'cancelled', exception: { type: 'cancelled', at: at(12), reason: 'se acabaron las tortillas' } }), { locale: 'es' });
    await waitFor(() => expect(assertive().textContent).toBe('Pedido cancelado: se acabaron las tortillas'));
    expect(assertive()).toHaveAttribute('role', 'alert');
    expect(writes).toEqual([]);
  });
});

describe('timeline', () => {
  test('aria-current="step" follows the current step', () => {
    const { show } = renderTracker({ state: orderAt(1) });
    const current = () => [...document.querySelectorAll('[data-sk-order-step][aria-current="step"]')];
    expect(current()).toHaveLength(1);
    expect(current()[0]).toHaveAttribute('data-step', 'preparing');
    show(orderAt(3));
    expect(current()).toHaveLength(1);
    expect(current()[0]).toHaveAttribute('data-step', 'courier-assigned');
  });

  test('keyboard focus on a step time shows its absolute time; blur hides it again', async () => {
    renderTracker({ state: orderAt(2) });
    const time = document.querySelector<HTMLElement>('[data-sk-order-step] time')!;
    const absolute = time.querySelector<HTMLElement>('[data-sk-absolute]')!;
    expect(absolute.textContent).toBe('(12:00 PM)');
    expect(absolute.getBoundingClientRect().width).toBeLessThanOrEqual(1);
    await userEvent.tab();
    expect(document.activeElement).toBe(time);
    await waitFor(() => expect(absolute.getBoundingClientRect().width).toBeGreaterThan(20));
    expect(time.textContent).toBe('20 min. ago (12:00 PM)');
    await userEvent.tab();
    expect(document.activeElement).not.toBe(time);
    await waitFor(() => expect(absolute.getBoundingClientRect().width).toBeLessThanOrEqual(1));
  });

  test('relative times tick on the injected clock', () => {
    const { clock, fake } = wallFakeClock(at(20));
    render(<OrderTrackerView state={onTheWay(0.5, at(20) - 40_000)} clock={clock} locale="es" />);
    const updated = () => document.querySelector('[data-sk-courier-updated] [data-sk-relative]')!.textContent;
    expect(updated()).toBe('actualizado hace 40 s');
    act(() => fake.advance(20_000));
    expect(updated()).toBe('actualizado hace 1 min');
  });
});

describe('styles', () => {
  test('the route bar animates, but not under prefers-reduced-motion (inside a root and headless)', async () => {
    renderTracker({ state: onTheWay(0.5) });
    const fill = document.querySelector<HTMLElement>('[data-sk-route-progress-fill]')!;
    expect(getComputedStyle(fill).transitionDuration).toBe('0.6s, 0.3s');
    const session = cdp();
    await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value: 'reduce' }] });
    try {
      await waitFor(() => expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(true));
      expect(getComputedStyle(fill).transitionDuration).toBe('0s');
      // A bare fill outside any root (a custom layout) follows its own rule.
      const bare = document.createElement('span');
      bare.setAttribute('data-sk-route-progress-fill', '');
      document.body.append(bare);
      expect(getComputedStyle(bare).transitionProperty).toBe('none');
      bare.remove();
    } finally {
      await session.send('Emulation.setEmulatedMedia', { features: [] });
    }
    await waitFor(() => expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(false));
    expect(getComputedStyle(fill).transitionDuration).toBe('0.6s, 0.3s');
  });

  test('dark and light schemes paint their colours; the stale position fades', () => {
    const { unmount } = renderTracker({ state: onTheWay(0.5), theme: 'dark' });
    const root = () => document.querySelector<HTMLElement>('[data-sk-order-tracker]')!;
    const current = () => document.querySelector<HTMLElement>('[data-sk-order-step][data-state="current"]')!;
    expect(getComputedStyle(root()).backgroundColor).toBe('rgb(13, 17, 23)');
    expect(getComputedStyle(root()).color).toBe('rgb(230, 237, 243)');
    expect(getComputedStyle(current()).borderInlineStartColor).toBe('rgb(68, 147, 248)');
    expect(getComputedStyle(document.querySelector('[data-sk-route-progress-fill]')!).backgroundColor).toBe('rgb(68, 147, 248)');
    unmount();
    renderTracker({ state: orderAt(4, { courier: courier({ position: { lat: 1, lng: 2, progress: 0.5 }, positionAt: at(10), stale: true }) }) });
    expect(getComputedStyle(root()).backgroundColor).toBe('rgb(255, 255, 255)');
    expect(getComputedStyle(root()).color).toBe('rgb(27, 31, 36)');
    expect(getComputedStyle(current()).borderInlineStartColor).toBe('rgb(10, 102, 194)');
    expect(getComputedStyle(document.querySelector('[data-sk-route-progress-fill]')!).opacity).toBe('0.45');
  });

  test('a plain class beats the default styles without !important', () => {
    const style = document.createElement('style');
    style.textContent = '.my-step { border-inline-start-color: rgb(9, 9, 9); }';
    document.head.append(style);
    try {
      renderTracker({ state: orderAt(2), classNames: { step: 'my-step' } });
      expect(getComputedStyle(document.querySelector('[data-sk-order-step][data-state="current"]')!).borderInlineStartColor).toBe('rgb(9, 9, 9)');
    } finally {
      style.remove();
    }
  });
});

describe('dashboard scale', () => {
  test('100 compact trackers render, one row each', () => {
    const { clock } = wallFakeClock(at(20));
    render(
      <div>
        {Array.from({ length: 100 }, (_, i) => (
          <OrderTrackerView key={i} state={orderAt(i % 6, { orderId: `B${i}` })} variant="compact" clock={clock} locale="en-US" />
        ))}
      </div>,
    );
    const rows = [...document.querySelectorAll<HTMLElement>('[data-sk-order-tracker][data-variant="compact"]')];
    expect(rows).toHaveLength(100);
    // One row each: no tracker wraps onto a second line of text.
    const lineHeight = parseFloat(getComputedStyle(rows[0]!.querySelector('[data-sk-order-status]')!).lineHeight) || 20;
    for (const row of rows) {
      for (const cell of row.querySelectorAll('[data-sk-order-status], [data-sk-order-title]')) {
        expect(cell.getBoundingClientRect().height).toBeLessThan(lineHeight * 1.5);
      }
    }
  });
});
