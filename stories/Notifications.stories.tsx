import { useState, type ComponentType } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import preview from '../.storybook/preview.js';
import { NotificationCenter } from '../src/components/notifications/NotificationCenter.js';
import { Toaster } from '../src/components/notifications/Toaster.js';
import type { StreamEnvironment } from '../src/core/environment.js';
import { socketFeedTransport } from '../src/core/feed/socket-transport.js';
import { createNotificationFeed } from '../src/core/notifications/notification-feed.js';
import { memoryPreferenceStorage } from '../src/core/notifications/preferences.js';
import { createToastQueue, type ToastQueue } from '../src/core/notifications/toast-queue.js';
import { notificationScenario, notificationSocketHandler, notificationSSEHandler } from '../src/msw/notifications.js';

/**
 * `<NotificationCenter>` and `<Toaster>` on one mocked notification stream (MSW: SSE, or a
 * WebSocket for the urgent alert), each story with its own URL, toast queue and in-memory
 * preferences (stories must not share state). Play functions check what is shown and announced;
 * axe checks every story.
 */

const CLIENT = 'cliente-7';
const urls = {
  promotion: '/api/notifications/story-promotion',
  orders: '/api/notifications/story-orders',
  burst: '/api/notifications/story-burst',
  preferences: '/api/notifications/story-preferences',
  away: '/api/notifications/story-away',
  urgent: 'ws://localhost/api/notifications/story-urgent',
} as const;

/** A tab whose visibility the story's buttons set (headless browsers cannot hide a page). */
function switchableTab(): StreamEnvironment & { setHidden(hidden: boolean): void } {
  let hidden = false;
  const listeners = new Set<() => void>();
  return {
    isOnline: () => true,
    onOnline: () => () => {},
    isHidden: () => hidden,
    onVisibilityChange(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    setHidden(value) {
      hidden = value;
      for (const listener of [...listeners]) listener();
    },
  };
}

interface DemoProps {
  url: string;
  locale?: string;
  theme?: 'light' | 'dark';
  /** Over a WebSocket instead of SSE. */
  socket?: boolean;
  /** Start with the tab "hidden", with buttons to switch it. */
  hiddenTab?: boolean;
  maxVisible?: number;
}

function Demo({ url, locale = 'es', theme = 'light', socket = false, hiddenTab = false, maxVisible = 3 }: DemoProps) {
  const [tab] = useState(() => {
    const environment = switchableTab();
    environment.setHidden(hiddenTab);
    return environment;
  });
  const [queue] = useState<ToastQueue>(() => createToastQueue({ maxVisible, environment: tab }));
  const [storage] = useState(() => memoryPreferenceStorage());
  const [feed] = useState(() =>
    socket ? createNotificationFeed({ transport: socketFeedTransport({ client: { url } }), clientId: CLIENT }) : undefined,
  );
  const source = feed === undefined ? { url, clientId: CLIENT } : { feed };
  return (
    <div style={{ minHeight: 520 }}>
      {hiddenTab && (
        <p>
          <button type="button" onClick={() => tab.setHidden(true)}>
            Ocultar pestaña
          </button>{' '}
          <button type="button" onClick={() => tab.setHidden(false)}>
            Volver a la pestaña
          </button>
        </p>
      )}
      <NotificationCenter {...source} toasts={queue} storage={storage} locale={locale} theme={theme} />
      <Toaster queue={queue} locale={locale} theme={theme} />
    </div>
  );
}

const meta = preview.meta({
  title: 'Components/Notifications',
  component: Demo as ComponentType<Partial<DemoProps>>,
  args: { url: urls.promotion, locale: 'es', theme: 'light' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'es'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
  },
});
export default meta;

const LONG = { timeout: 10_000 };
const toasts = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('[data-sk-toast]')];
const polite = (root: HTMLElement) => root.querySelector('[data-sk-toast-announcer=""]')!;
const assertive = (root: HTMLElement) => root.querySelector('[data-sk-toast-announcer="assertive"]')!;

/** Every text written to a region from now on. */
function recordWrites(region: Element): string[] {
  const writes: string[] = [];
  new MutationObserver(() => writes.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
  return writes;
}

/** A promotion broadcast to every client: a toast with its link, announced politely, and one unread in the bell. */
export const BroadcastPromotion = meta.story({
  args: { url: urls.promotion },
  beforeEach: ({ msw }) => {
    msw.use(notificationSSEHandler(urls.promotion, { entries: () => notificationScenario('promotion', { clientId: CLIENT }) }));
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(toasts(canvasElement)).toHaveLength(1), LONG);
    await expect(canvas.getByRole('link', { name: 'Ver menú' })).toHaveAttribute('href', expect.stringMatching(/\/menu$/));
    await waitFor(() => expect(polite(canvasElement).textContent).toBe('2x1 en tacos al pastor. Solo hoy, de 18:00 a 20:00.'), LONG);
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Notificaciones, 1 sin leer' })).toBeInTheDocument(), LONG);
  },
});

/** Order updates for this client (one order updated in place); one for another client is ignored. */
export const TargetedOrderUpdate = meta.story({
  args: { url: urls.orders },
  beforeEach: ({ msw }) => {
    msw.use(notificationSSEHandler(urls.orders, { entries: () => notificationScenario('orders', { clientId: CLIENT, intervalMs: 300 }) }));
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvasElement.querySelector('[data-sk-toast-body]')).toHaveTextContent('Tu pedido va en camino.'), LONG);
    const bell = canvas.getByRole('button', { name: 'Notificaciones, 1 sin leer' });
    await userEvent.click(bell);
    const rows = canvasElement.querySelectorAll('[data-sk-notification]');
    await expect(rows).toHaveLength(1);
    await expect(rows[0]).toHaveTextContent('Tu pedido va en camino.');
    await expect(canvas.queryByText('Pedido de otro cliente.')).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Marcar como leída: Pedido #101' }));
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Notificaciones, ninguna sin leer' })).toBeInTheDocument());
  },
});

/** 200 order notifications back to back: a few toasts (coalesced into "N nuevas"), one page of rows in the centre. */
export const Burst = meta.story({
  args: { url: urls.burst },
  beforeEach: ({ msw }) => {
    msw.use(notificationSSEHandler(urls.burst, { entries: () => notificationScenario('burst', { clientId: CLIENT, count: 200 }) }));
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Notificaciones, 200 sin leer' })).toBeInTheDocument(), LONG);
    await expect(toasts(canvasElement).length).toBeLessThanOrEqual(3);
    await waitFor(() => expect(toasts(canvasElement).some((toast) => toast.getAttribute('data-kind') === 'burst')).toBe(true), LONG);
    await userEvent.click(canvas.getByRole('button', { name: 'Notificaciones, 200 sin leer' }));
    await expect(canvasElement.querySelectorAll('[data-sk-notification]')).toHaveLength(20);
    await expect(canvas.getByRole('button', { name: 'Mostrar 20 más (quedan 180)' })).toBeInTheDocument();
  },
});

/** Preferences: promotions only in the list (silently), orders muted for an hour. */
export const Preferences = meta.story({
  args: { url: urls.preferences },
  beforeEach: ({ msw }) => {
    msw.use(notificationSSEHandler(urls.preferences, { entries: () => notificationScenario('mixed', { clientId: CLIENT, intervalMs: 200 }) }));
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvasElement.querySelector('[data-sk-notification-center]')).toHaveAttribute('data-unread', '4'), LONG);
    await userEvent.click(canvas.getByRole('button', { name: 'Notificaciones, 4 sin leer' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Preferencias' }));
    await userEvent.selectOptions(canvas.getByLabelText('promotion: cómo avisar'), 'silent');
    await waitFor(() => expect(canvas.getByLabelText('promotion: cómo avisar')).toHaveValue('silent'));
    await userEvent.selectOptions(canvas.getByLabelText('Silenciar order'), String(3_600_000));
    await waitFor(() => expect(canvasElement.querySelector('[data-sk-notification-preference][data-type="order"]')).toHaveAttribute('data-muted', 'true'));
    await userEvent.selectOptions(canvas.getByLabelText('Tipo'), 'inventory');
    await expect(canvasElement.querySelectorAll('[data-sk-notification]')).toHaveLength(1);
  },
});

/** The tab was hidden while five updates arrived: on return, one summary toast instead of five. */
export const HiddenTabReturn = meta.story({
  args: { url: urls.away, hiddenTab: true },
  beforeEach: ({ msw }) => {
    msw.use(notificationSSEHandler(urls.away, { entries: () => notificationScenario('burst', { clientId: CLIENT, count: 5 }) }));
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Notificaciones, 5 sin leer' })).toBeInTheDocument(), LONG);
    await expect(toasts(canvasElement)).toHaveLength(0);
    const said = recordWrites(polite(canvasElement));
    await userEvent.click(canvas.getByRole('button', { name: 'Volver a la pestaña' }));
    await waitFor(() => expect(toasts(canvasElement)).toHaveLength(1), LONG);
    await expect(toasts(canvasElement)[0]).toHaveAttribute('data-kind', 'away');
    await expect(toasts(canvasElement)[0]).toHaveTextContent('Mientras no estabas: 5 nuevas: order');
    await waitFor(() => expect(said).toEqual(['Mientras no estabas: 5 nuevas: order']), LONG);
  },
});

/** An urgent inventory alert over a WebSocket: assertive, and it stays until dismissed. */
export const UrgentAlert = meta.story({
  args: { url: urls.urgent, socket: true, theme: 'dark' },
  beforeEach: ({ msw }) => {
    msw.use(notificationSocketHandler(urls.urgent, notificationScenario('inventory', { clientId: CLIENT }), { intervalMs: 200 }));
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(assertive(canvasElement).textContent).toBe('Sin existencias: aguacate. Las órdenes con guacamole quedan en pausa.'), LONG);
    const urgent = toasts(canvasElement).find((toast) => toast.getAttribute('data-importance') === 'urgent')!;
    await expect(urgent).toHaveAttribute('data-type', 'inventory');
    await userEvent.click(canvas.getByRole('button', { name: 'Descartar: Sin existencias: aguacate' }));
    await waitFor(() => expect(toasts(canvasElement).some((toast) => toast.getAttribute('data-importance') === 'urgent')).toBe(false));
  },
});
