import { act, render, screen, within } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, test } from 'vitest';
import { StreamError } from '../../../src/core/errors.js';
import type { OrderState } from '../../../src/core/order/types.js';
import { orderAnnouncement } from '../../../src/components/order/announce.js';
import { OrderViewContext, defaultOrderViewOptions, type OrderViewOptions } from '../../../src/components/order/context.js';
import { orderDictionaries, resolveOrderLabels } from '../../../src/components/order/labels.js';
import { OrderConnectionBadge } from '../../../src/components/order/OrderConnectionBadge.js';
import { OrderCourierStatus } from '../../../src/components/order/OrderCourierStatus.js';
import { OrderSummary } from '../../../src/components/order/OrderSummary.js';
import { OrderTimeline } from '../../../src/components/order/OrderTimeline.js';
import { OrderTrackerView } from '../../../src/components/order/OrderTrackerView.js';
import { at, courier, MIN, NOON, orderAt, wallFakeClock } from './order-fixtures.js';

function view(overrides: Partial<OrderViewOptions> & { locale?: string } = {}): OrderViewOptions {
  const locale = overrides.locale ?? 'en-US';
  return { ...defaultOrderViewOptions, labels: resolveOrderLabels(locale), ...overrides, locale };
}

function renderPart(node: React.ReactNode, options: Partial<OrderViewOptions> & { locale?: string } = {}) {
  const value = view(options);
  return render(<OrderViewContext.Provider value={value}>{node}</OrderViewContext.Provider>);
}

const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim();

describe('labels', () => {
  test('both dictionaries define every key, errors included', () => {
    const keys = Object.keys(orderDictionaries.en).sort();
    expect(Object.keys(orderDictionaries['es']!).sort()).toEqual(keys);
    expect(Object.keys(orderDictionaries['es']!.errors).sort()).toEqual(Object.keys(orderDictionaries.en.errors).sort());
    expect(resolveOrderLabels('es-MX').now).toBe('Ahora');
    expect(resolveOrderLabels('es', { now: 'Ya' }).now).toBe('Ya');
    expect(resolveOrderLabels('es', { stepStates: { done: 'listo' } }).stepStates.current).toBe('en curso');
  });
});

describe('OrderTimeline', () => {
  test('an <ol> of the steps; the current one has aria-current="step"; every state is spelled out', () => {
    const { clock } = wallFakeClock(at(12));
    renderPart(<OrderTimeline state={orderAt(2, {}, [1])} />, { clock });
    const list = screen.getByRole('list', { name: 'Order progress' });
    expect(list.tagName).toBe('OL');
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('data-state'))).toEqual(['done', 'skipped', 'current', 'upcoming', 'upcoming', 'upcoming']);
    expect(items.map((item) => item.getAttribute('aria-current'))).toEqual([null, null, 'step', null, null, null]);
    expect(text(items[0]!.querySelector('[data-sk-step-label]'))).toBe('Order received, done');
    expect(text(items[1]!.querySelector('[data-sk-step-label]'))).toBe('Preparing, skipped');
    expect(text(items[2]!.querySelector('[data-sk-step-label]'))).toBe('Food ready, in progress');
    expect(text(items[3]!.querySelector('[data-sk-step-label]'))).toBe('Courier assigned, upcoming');
  });

  test('times are relative, tick on the clock, and carry the absolute time (Spanish too)', () => {
    const { clock, fake } = wallFakeClock(at(12));
    const { rerender } = renderPart(<OrderTimeline state={orderAt(2)} />, { clock, locale: 'es' });
    const time = () => screen.getAllByRole('listitem')[0]!.querySelector('time')!;
    expect(text(time().querySelector('[data-sk-relative]'))).toBe('hace 12 min');
    expect(time().getAttribute('dateTime')).toBe(new Date(NOON).toISOString());
    expect(text(time().querySelector('[data-sk-absolute]'))).toBe('(12:00)');
    expect(time().tabIndex).toBe(0);
    act(() => fake.advance(3 * MIN));
    expect(text(time().querySelector('[data-sk-relative]'))).toBe('hace 15 min');
    rerender(
      <OrderViewContext.Provider value={view({ clock, locale: 'en-US' })}>
        <OrderTimeline state={orderAt(2)} />
      </OrderViewContext.Provider>,
    );
    expect(text(time())).toBe('15 min. ago (12:00 PM)');
  });
});

describe('OrderSummary', () => {
  test('answers the three questions: now, the courier, the arrival window and latest-by', () => {
    renderPart(<OrderSummary state={orderAt(1)} />);
    const answers = [...document.querySelectorAll('dd')].map(text);
    expect(answers).toEqual(['Preparing', 'No courier assigned yet', 'Arrives 12:40 PM–12:50 PM, latest by 12:55 PM']);
    expect([...document.querySelectorAll('dt')].map(text)).toEqual(['Now', 'Courier', 'Arrival']);
  });

  test('a "latest by" that reads the same as the window\'s end is not said twice (English and Spanish)', () => {
    const state = orderAt(1, { eta: { from: at(40), to: at(40) }, latestBy: at(40) + 20_000 });
    renderPart(<OrderSummary state={state} />);
    expect(text(document.querySelectorAll('dd')[2]!)).toBe('Arrives around 12:40 PM');
    renderPart(<OrderSummary state={state} />, { locale: 'es' });
    expect(text(document.querySelectorAll('dd')[5]!)).toBe('Llega hacia las 12:40');
  });

  test('in Spanish, with a delay, a revision and its reason, and late from the state', () => {
    const state = orderAt(4, {
      status: 'delayed',
      delay: { at: at(22), reason: 'tráfico intenso' },
      eta: { from: at(45), to: at(55) },
      revisions: [{ at: at(22), previous: { from: at(40), to: at(50) }, eta: { from: at(45), to: at(55) }, latestBy: at(60), reason: 'tráfico intenso' }],
      late: true,
      courier: courier({ position: { lat: undefined, lng: undefined, progress: 0.6 }, positionAt: at(21) }),
    });
    renderPart(<OrderSummary state={state} />, { locale: 'es' });
    const answers = [...document.querySelectorAll('dd')].map(text);
    expect(answers[0]).toBe('En camino, con retraso: tráfico intenso');
    expect(answers[1]).toBe('Ana lleva el 60 % del trayecto');
    expect(answers[2]).toBe(
      'Va con retraso. Llega entre las 12:45 y las 12:55Eran las 12:40, ahora las 12:45: tráfico intenso',
    );
    expect(document.querySelector('[data-sk-order-summary]')).toHaveAttribute('data-late', 'true');
  });

  test('delivered: when, and no courier or arrival any more; before any step: loading, then waiting', () => {
    const { unmount } = renderPart(<OrderSummary state={orderAt(5)} />);
    expect([...document.querySelectorAll('dd')].map(text)).toEqual(['Delivered at 12:25 PM']);
    unmount();
    const loading = orderAt(-1, { connection: { status: 'connecting', topic: 'loading', error: null, stale: false } });
    const again = renderPart(<OrderSummary state={loading} />);
    expect(text(document.querySelector('[data-sk-order-status]'))).toBe('Loading your order…');
    again.unmount();
    renderPart(<OrderSummary state={orderAt(-1)} />);
    expect(text(document.querySelector('[data-sk-order-status]'))).toBe('Waiting for the restaurant to confirm');
  });
});

describe('OrderCourierStatus', () => {
  test('no position: a timer since assignment; with progress: a bar and "updated … ago", faded once stale', () => {
    const { clock, fake } = wallFakeClock(at(20));
    const { rerender } = renderPart(<OrderCourierStatus state={orderAt(3, { courier: courier() })} />, { clock });
    const root = () => document.querySelector('[data-sk-order-courier]')!;
    expect(root()).toHaveAttribute('data-state', 'assigned');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(text(root().querySelector('[data-sk-courier-timer] [data-sk-relative]'))).toBe('assigned 5 min. ago');

    const positioned = (progress: number, stale: boolean) =>
      orderAt(4, { courier: courier({ position: { lat: 19.4, lng: -99.1, progress }, positionAt: at(20) - 40_000, stale }) });
    const show = (state: OrderState) =>
      rerender(
        <OrderViewContext.Provider value={view({ clock })}>
          <OrderCourierStatus state={state} />
        </OrderViewContext.Provider>,
      );
    show(positioned(0.6, false));
    const bar = screen.getByRole('progressbar', { name: 'Route progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '60');
    expect(bar).toHaveAttribute('aria-valuetext', '60%');
    expect(text(root().querySelector('[data-sk-courier-text]'))).toBe('Ana is 60% of the way');
    expect(text(root().querySelector('[data-sk-courier-updated] [data-sk-relative]'))).toBe('updated 40 sec. ago');
    expect(root()).not.toHaveAttribute('data-stale');
    act(() => fake.advance(30_000));
    expect(text(root().querySelector('[data-sk-courier-updated] [data-sk-relative]'))).toBe('updated 1 min. ago');
    show(positioned(0.6, true));
    expect(root()).toHaveAttribute('data-stale', 'true');
    expect(root().querySelector('[data-sk-courier-stale]')).toHaveTextContent('Position may be out of date');
  });

  test('renderMap replaces the bar once a courier is assigned', () => {
    const state = orderAt(4, { courier: courier({ position: { lat: 19.4, lng: -99.1, progress: 0.5 }, positionAt: at(20) }) });
    renderPart(<OrderCourierStatus state={state} renderMap={(c) => <div data-testid="map">{`${c.name} @ ${c.position?.lat}`}</div>} />);
    expect(screen.getByTestId('map')).toHaveTextContent('Ana @ 19.4');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});

describe('OrderConnectionBadge', () => {
  const badge = () => document.querySelector('[data-sk-order-badge]')!;
  test('live, reconnecting with "data from", offline, and stale with the error in the language', () => {
    const { rerender } = renderPart(<OrderConnectionBadge state={orderAt(2)} />);
    expect(badge()).toHaveAttribute('data-state', 'live');
    expect(badge()).toHaveTextContent('Live');
    const show = (state: OrderState, locale = 'en-US') =>
      rerender(
        <OrderViewContext.Provider value={view({ locale })}>
          <OrderConnectionBadge state={state} />
        </OrderViewContext.Provider>,
      );
    show(orderAt(2, { connection: { status: 'reconnecting', topic: 'live', error: null, stale: true } }));
    expect(badge()).toHaveAttribute('data-state', 'reconnecting');
    expect(text(badge())).toBe('Reconnecting, data from 12:10 PM');
    show(orderAt(2, { connection: { status: 'closed', topic: 'live', error: null, stale: true } }), 'es');
    expect(text(badge())).toBe('Sin conexión, datos de las 12:10');
    const error = new StreamError('http', 'HTTP 503', { status: 503 });
    show(orderAt(2, { connection: { status: 'open', topic: 'stale', error, stale: true } }), 'es');
    expect(badge()).toHaveAttribute('data-state', 'stale');
    expect(text(badge())).toBe('Puede estar desactualizado, datos de las 12:10. El servidor no pudo responder (HTTP 503).');
  });
});

describe('announcements', () => {
  const labels = resolveOrderLabels('en-US');
  const say = (previous: OrderState | undefined, next: OrderState) => orderAnnouncement(previous, next, labels, 'en-US');
  const withPosition = (progress: number) =>
    orderAt(4, { courier: courier({ position: { lat: 19.4, lng: -99.1, progress }, positionAt: at(20) + progress * MIN }) });

  test('a new step is announced politely; the first state and position ticks are not', () => {
    expect(say(undefined, orderAt(1))).toBeNull();
    expect(say(orderAt(0), orderAt(1))).toEqual({ text: 'Preparing', politeness: 'polite' });
    expect(say(withPosition(0.2), withPosition(0.3))).toBeNull();
  });

  test('an ETA nudge under 5 min is not news; a bigger one is, with its reason', () => {
    const base = orderAt(2);
    const nudged = orderAt(2, { eta: { from: at(42), to: at(52) } });
    expect(say(base, nudged)).toBeNull();
    const revised = orderAt(2, {
      eta: { from: at(50), to: at(60) },
      revisions: [{ at: at(12), previous: base.eta, eta: { from: at(50), to: at(60) }, latestBy: at(55), reason: 'heavy traffic' }],
    });
    expect(say(base, revised)).toEqual({ text: 'New estimate: Arrives 12:50 PM–1:00 PM. heavy traffic', politeness: 'polite' });
  });

  test('cancellation and failed delivery are assertive; a new courier and running late are polite', () => {
    expect(say(orderAt(2), orderAt(2, { status: 'cancelled', exception: { type: 'cancelled', at: at(12), reason: 'out of tortillas' } }))).toEqual({
      text: 'Order cancelled: out of tortillas',
      politeness: 'assertive',
    });
    expect(say(orderAt(4), orderAt(4, { status: 'delivery-failed', exception: { type: 'delivery-failed', at: at(30), reason: undefined } }))).toEqual({
      text: 'Delivery failed',
      politeness: 'assertive',
    });
    const first = orderAt(4, { courier: courier() });
    const second = orderAt(4, { courier: courier({ name: 'Luis', assignedAt: at(25), previous: { id: 'c1', name: 'Ana' }, reassignReason: 'flat tyre' }) });
    expect(say(first, second)?.text).toBe('New courier: Luis (was Ana). flat tyre');
    expect(say(orderAt(4), orderAt(4, { late: true }))?.text).toBe('Running late');
  });
});

describe('OrderTrackerView', () => {
  const polite = () => document.querySelector('[data-sk-order-announcer=""]')!;
  const assertive = () => document.querySelector('[data-sk-order-announcer="assertive"]')!;

  test('announces through one polite region: the status change, not the position tick; cancellation assertively', () => {
    const { clock } = wallFakeClock(at(20));
    const props = { clock, locale: 'en-US' } as const;
    const state = (progress: number) =>
      orderAt(4, { courier: courier({ position: { lat: 1, lng: 2, progress }, positionAt: at(20) }) });
    const { rerender } = render(<OrderTrackerView {...props} state={orderAt(3)} />);
    expect(polite()).toHaveAttribute('role', 'status');
    expect(assertive()).toHaveAttribute('role', 'alert');
    expect(polite()).toBeEmptyDOMElement();
    rerender(<OrderTrackerView {...props} state={state(0.1)} />);
    expect(polite().textContent).toBe('On the way');
    rerender(<OrderTrackerView {...props} state={orderAt(4, { ...state(0.1), revisions: [] })} />);
    rerender(<OrderTrackerView {...props} state={state(0.5)} />);
    expect(polite().textContent).toBe('On the way');
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50');
    rerender(<OrderTrackerView {...props} state={orderAt(4, { status: 'cancelled', exception: { type: 'cancelled', at: at(21), reason: undefined } })} />);
    expect(assertive().textContent).toBe('Order cancelled');
    expect(polite().textContent).toBe('On the way');
  });

  test('root: theme, classNames, data-* states, ref and extra props; parts take their slots', () => {
    const ref = createRef<HTMLDivElement>();
    render(
      <OrderTrackerView
        ref={ref}
        state={orderAt(2, { late: true })}
        theme={{ base: 'dark', accent: 'rgb(1, 2, 3)' }}
        classNames={{ root: 'r', timeline: 't', step: 's', summary: 'm', badge: 'b' }}
        className="extra"
        data-testid="tracker"
        locale="en-US"
      />,
    );
    const root = screen.getByTestId('tracker');
    expect(ref.current).toBe(root);
    expect(root).toHaveAttribute('role', 'group');
    expect(root).toHaveAccessibleName('Order 1042');
    expect(root).toHaveAttribute('data-sk-theme', 'dark');
    expect(root).toHaveAttribute('data-status', 'in-progress');
    expect(root).toHaveAttribute('data-step', 'ready');
    expect(root).toHaveAttribute('data-late', 'true');
    expect(root).toHaveAttribute('data-connection', 'open');
    expect(root.style.getPropertyValue('--sk-accent')).toBe('rgb(1, 2, 3)');
    expect(root.className).toBe('r extra');
    expect(root.querySelector('ol')).toHaveClass('t');
    expect(root.querySelectorAll('li.s')).toHaveLength(6);
    expect(root.querySelector('[data-sk-order-summary]')).toHaveClass('m');
    expect(root.querySelector('[data-sk-order-badge]')).toHaveClass('b');
  });

  test('100 compact rows render one line each, without live regions; 100 full trackers share one timer', () => {
    const { clock, fake } = wallFakeClock(at(20));
    const states = Array.from({ length: 100 }, (_, i) => orderAt(i % 6, { orderId: `A${i}` }));
    const { unmount } = render(
      <div>
        {states.map((state) => (
          <OrderTrackerView key={state.orderId} state={state} variant="compact" clock={clock} locale="en-US" />
        ))}
      </div>,
    );
    const rows = document.querySelectorAll('[data-sk-order-tracker][data-variant="compact"]');
    expect(rows).toHaveLength(100);
    expect(document.querySelectorAll('[data-sk-announcer]')).toHaveLength(0);
    expect(text(rows[7]!)).toBe('Order A7 Preparing Arrives 12:40 PM–12:50 PM, latest by 12:55 PM Live');
    expect(text(rows[5]!)).toBe('Order A5 Delivered at 12:25 PM Live');
    unmount();
    render(
      <div>
        {states.map((state) => (
          <OrderTrackerView key={state.orderId} state={state} clock={clock} locale="en-US" />
        ))}
      </div>,
    );
    expect(document.querySelectorAll('time[data-sk-order-time]').length).toBeGreaterThan(200);
    expect(fake.pending).toBe(1);
  });
});
