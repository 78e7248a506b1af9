import { useEffect, useMemo, useRef, useState } from 'react';
import { ws } from 'msw';
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test';
import preview from '../.storybook/preview.js';
import {
  createNotify,
  createOrderFeed,
  createToastQueue,
  LiveOrderTracker,
  memoryPreferenceStorage,
  NotificationCenter,
  sseFeedTransport,
  StreamChat,
  StreamError,
  Toaster,
  type NotificationPage,
  type StreamNotification,
} from '../src/index.js';
import { orderEvents, orderSSEHandler, socketFeed, type OrderScriptEntry } from '../src/msw/index.js';
import { SocketInspector } from './components/SocketInspector.js';
import { SSEInspector } from './components/SSEInspector.js';
import { chatUrls } from './mocks/chat-scenarios.js';
import { orderUrls } from './mocks/order-scenarios.js';
import { networkDown, oversizedEventHandler, quietStream, refused, retryAfterFeedHandler, stateUrls } from './mocks/recipes.js';
import { orderEvents as feedEvents, sseUrls } from './mocks/sse-scenarios.js';

/**
 * The states the other story files do not show, one story each, with a play function asserting
 * what is visible (and announced) in that state: the chat offline, disabled, or scrolled up
 * mid-reply; the order tracker connecting, offline, stale, late, with a stale courier position,
 * after a failed delivery; toasts with actions and promise toasts; the notification centre
 * empty, failing and loading older items; useSSEStream idle, stopped, waiting out a Retry-After,
 * timing out, refusing an oversized event and a throwing `headers`; useSocketStream disconnected
 * and missing its heartbeat. Each story has its own URL and its own feed/queue.
 */
const meta = preview.meta({
  title: 'Components/More states',
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 640, minHeight: 320 }}>
        <Story />
      </div>
    ),
  ],
});
export default meta;

const LONG = { timeout: 10_000 };
const q = (root: HTMLElement, selector: string) => root.querySelector<HTMLElement>(selector);

/** A resource made once for this story view and closed when it unmounts. */
function useOwned<T extends { close(): void }>(create: () => T): T {
  const [owned] = useState(create);
  useEffect(() => () => owned.close(), [owned]);
  return owned;
}

// ---- StreamChat ------------------------------------------------------------------------------

/** The chat server cannot be reached (a network error, as offline): the error, announced, with Retry. */
export const ChatOffline = meta.story({
  render: () => <StreamChat api={stateUrls.chatOffline} retry={false} />,
  beforeEach: ({ msw }) => {
    msw.use(networkDown(stateUrls.chatOffline, 'post'));
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox'), '¿Cuánto falta?{Enter}');
    await waitFor(() => expect(q(canvasElement, '[data-sk-error]')).toHaveAttribute('data-kind', 'network'), LONG);
    await expect(q(canvasElement, '[data-sk-error]')).toHaveTextContent('The connection failed or was interrupted.');
    await expect(q(canvasElement, '[data-sk-root]')).toHaveAttribute('data-status', 'error');
    await expect(canvas.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    await waitFor(() => expect(q(canvasElement, '[data-sk-announcer]')).toHaveTextContent(/^Error: The connection failed/), LONG);
  },
});

/** `disabled` (e.g. until signed in): the message box and Send cannot be used. */
export const ChatDisabled = meta.story({
  render: () => <StreamChat api={stateUrls.chatOffline} disabled />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('textbox')).toBeDisabled();
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled();
  },
});

/**
 * The reader scrolled up while a reply streams: the transcript stops following (`data-following`)
 * and offers "Jump to latest", which follows the reply again.
 */
export const ChatScrolledUp = meta.story({
  render: () => <StreamChat api={chatUrls.slow} retry={false} theme={{ chatHeight: '12rem' }} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const log = q(canvasElement, '[data-sk-log]')!;
    await userEvent.type(canvas.getByRole('textbox'), 'Explícame{Enter}');
    // Once the reply overflows the transcript, scroll up as a reader would (wheel, then the scroll).
    await waitFor(() => expect(log.scrollHeight).toBeGreaterThan(log.clientHeight + 40), LONG);
    await expect(log).toHaveAttribute('data-following', 'true');
    fireEvent.wheel(log, { deltaY: -400 });
    log.scrollTop = 0;
    await waitFor(() => expect(log).toHaveAttribute('data-following', 'false'), LONG);
    await userEvent.click(canvas.getByRole('button', { name: 'Jump to latest' }));
    await waitFor(() => expect(log).toHaveAttribute('data-following', 'true'), LONG);
    await expect(canvas.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
  },
});

// ---- LiveOrderTracker ------------------------------------------------------------------------

const tracker = (root: HTMLElement) => q(root, '[data-sk-order-tracker]');
const badge = (root: HTMLElement) => q(root, '[data-sk-order-badge]');

/** The first byte has not come yet: "Connecting…", nothing to show but the wait. */
export const TrackerConnecting = meta.story({
  render: () => <LiveOrderTracker orderId="pedido-1" url={stateUrls.orderConnecting} locale="en" />,
  beforeEach: ({ msw }) => {
    msw.use(orderSSEHandler(stateUrls.orderConnecting, { events: () => orderEvents('happy', { speed: 600 }), firstByteDelayMs: 60_000 }));
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(badge(canvasElement)).toHaveAttribute('data-state', 'connecting'), LONG);
    await expect(badge(canvasElement)).toHaveTextContent('Connecting…');
    await expect(q(canvasElement, '[data-sk-order-step][data-state="done"]')).toBeNull();
  },
});

/** A tracker on its own order feed with the given client options (retry, URL). */
function OwnFeedTracker({ url, retry, loadSnapshot }: { url: string; retry?: false; loadSnapshot?: () => Promise<never> }) {
  const feed = useOwned(() =>
    createOrderFeed({ transport: sseFeedTransport({ client: { url, ...(retry === false ? { retry } : {}) } }), ...(loadSnapshot ? { loadSnapshot } : {}) }),
  );
  return <LiveOrderTracker orderId="pedido-1" feed={feed} locale="en" />;
}

/** The connection broke and is not retried: "Offline, data from …", the steps received kept. */
export const TrackerOffline = meta.story({
  render: () => <OwnFeedTracker url={stateUrls.orderOffline} retry={false} />,
  beforeEach: ({ msw }) => {
    msw.use(orderSSEHandler(stateUrls.orderOffline, { events: () => orderEvents('happy', { speed: 600 }), dropAfter: 4 }));
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(badge(canvasElement)).toHaveAttribute('data-state', 'offline'), LONG);
    await expect(badge(canvasElement)).toHaveTextContent(/^Offline, data from /);
    await expect(tracker(canvasElement)).toHaveAttribute('data-step', 'ready');
    await expect(tracker(canvasElement)).toHaveAttribute('data-connection', 'error');
  },
});

/** The order's snapshot could not be loaded (HTTP 503): live events apply, but the badge says the data may be out of date. */
export const TrackerStale = meta.story({
  render: () => (
    <OwnFeedTracker
      url={stateUrls.orderStale}
      loadSnapshot={() => Promise.reject(new StreamError('http', 'The server answered HTTP 503.', { status: 503 }))}
    />
  ),
  beforeEach: ({ msw }) => {
    msw.use(orderSSEHandler(stateUrls.orderStale, { events: () => orderEvents('happy', { speed: 600 }) }));
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(badge(canvasElement)).toHaveAttribute('data-state', 'stale'), LONG);
    // The badge is stale while the snapshot loads, a frame before the 503 shows: wait for the text.
    await waitFor(() => expect(badge(canvasElement)).toHaveTextContent(/503/));
  },
});

/** Past the promised time with the order still on its way: "Running late". */
const LATE_SCRIPT: OrderScriptEntry[] = [
  { offsetMs: 0, type: 'step', step: 'received' },
  // Due 30 s after the order (1 s at this speed); nothing arrives after the food is being prepared.
  { offsetMs: 0, type: 'eta', eta: { from: 15_000, to: 25_000 }, latestBy: 30_000 },
  { offsetMs: 3_000, type: 'step', step: 'preparing' },
];

export const TrackerLate = meta.story({
  render: () => <LiveOrderTracker orderId="pedido-1" url={stateUrls.orderLate} locale="en" />,
  beforeEach: ({ msw }) => {
    msw.use(orderSSEHandler(stateUrls.orderLate, { events: () => orderEvents(LATE_SCRIPT, { speed: 30 }), stallAfter: LATE_SCRIPT.length }));
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(tracker(canvasElement)).toHaveAttribute('data-late', 'true'), LONG);
    await expect(q(canvasElement, '[data-sk-late]')).toHaveTextContent('Running late');
    await expect(tracker(canvasElement)).toHaveAttribute('data-step', 'preparing');
  },
});

/** The courier's last position is older than `staleAfterMs` (here 1 s): flagged as possibly out of date. */
const POSITION_SCRIPT: OrderScriptEntry[] = [
  { offsetMs: 0, type: 'step', step: 'received' },
  { offsetMs: 1_000, type: 'courier', courier: { id: 'c-luis', name: 'Luis' } },
  { offsetMs: 2_000, type: 'step', step: 'on-the-way' },
  { offsetMs: 3_000, type: 'position', progress: 0.3, lat: 19.43, lng: -99.13 },
];

export const TrackerCourierPositionStale = meta.story({
  render: () => <LiveOrderTracker orderId="pedido-1" url={stateUrls.orderPositionStale} locale="en" staleAfterMs={1_000} />,
  beforeEach: ({ msw }) => {
    msw.use(orderSSEHandler(stateUrls.orderPositionStale, { events: () => orderEvents(POSITION_SCRIPT, { speed: 10 }), stallAfter: POSITION_SCRIPT.length }));
  },
  play: async ({ canvasElement }) => {
    const courier = () => q(canvasElement, '[data-sk-order-courier]');
    await waitFor(() => expect(courier()).toHaveAttribute('data-state', 'positioned'), LONG);
    await waitFor(() => expect(courier()).toHaveAttribute('data-stale', 'true'), LONG);
    await expect(q(canvasElement, '[data-sk-courier-stale]')).toHaveTextContent('Position may be out of date');
  },
});

/** Nobody home: the delivery failed, said assertively with its reason. */
export const TrackerDeliveryFailed = meta.story({
  render: () => <LiveOrderTracker orderId="pedido-1" url={orderUrls.failed} locale="en" />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(tracker(canvasElement)).toHaveAttribute('data-status', 'delivery-failed'), { timeout: 15_000 });
    await waitFor(() => expect(q(canvasElement, '[data-sk-order-announcer="assertive"]')).toHaveTextContent(/Nadie en casa/), LONG);
    await expect(q(canvasElement, '[data-sk-order-status]')).toHaveTextContent(/^Delivery failed/);
  },
});

// ---- Toaster ---------------------------------------------------------------------------------

const toasts = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('[data-sk-toast]')];

/** A toast queue of this story's own, `notify` bound to it, and the Toaster showing it. */
function useStoryToasts() {
  const [queue] = useState(() => createToastQueue({ maxVisible: 3 }));
  useEffect(() => () => queue.destroy(), [queue]);
  const notify = useMemo(() => createNotify(() => queue), [queue]);
  return { queue, notify };
}

function ActionToastDemo() {
  const { queue, notify } = useStoryToasts();
  const [chosen, setChosen] = useState('none');
  return (
    <div style={{ minHeight: 360 }}>
      <button
        type="button"
        onClick={() =>
          notify({
            title: 'Pedido #102 cancelado',
            body: 'Puedes deshacerlo durante un minuto.',
            durationMs: null,
            actions: [
              { label: 'Deshacer', id: 'undo' },
              { label: 'Ver pedido', href: '/pedidos/102' },
              { label: 'Enlace peligroso', href: 'javascript:window.__toastXss=1' },
            ],
          })
        }
      >
        Cancelar pedido
      </button>{' '}
      <output data-testid="chosen">{chosen}</output>
      <Toaster queue={queue} locale="es" onAction={(_toast, id) => setChosen(id)} />
    </div>
  );
}

/** A toast with a button (reported to `onAction`) and a link; a `javascript:` link is refused, not shown. */
export const ToastWithActions = meta.story({
  render: () => <ActionToastDemo />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Cancelar pedido' }));
    await waitFor(() => expect(toasts(canvasElement)).toHaveLength(1), LONG);
    const toast = within(toasts(canvasElement)[0]!);
    await expect(toast.getByRole('link', { name: 'Ver pedido' })).toHaveAttribute('href', '/pedidos/102');
    await expect(toast.queryByText('Enlace peligroso')).toBeNull();
    await userEvent.click(toast.getByRole('button', { name: 'Deshacer' }));
    await expect(canvas.getByTestId('chosen')).toHaveTextContent('undo');
    // Pointing at the stack holds its timers.
    await userEvent.hover(toasts(canvasElement)[0]!);
    await waitFor(() => expect(toasts(canvasElement)[0]).toHaveAttribute('data-paused', 'true'), LONG);
  },
});

function PromiseToastDemo() {
  const { queue, notify } = useStoryToasts();
  const pending = useRef<{ resolve: (order: string) => void; reject: (error: Error) => void }[]>([]);
  const send = () =>
    void notify
      .promise(
        new Promise<string>((resolve, reject) => pending.current.push({ resolve, reject })),
        {
          loading: 'Enviando pedido…',
          success: (order) => ({ title: `Pedido ${order} enviado`, durationMs: null }),
          error: { title: 'No se pudo enviar el pedido', durationMs: null },
        },
      )
      .catch(() => {});
  return (
    <div style={{ minHeight: 360 }}>
      <button type="button" onClick={send}>
        Enviar pedido
      </button>{' '}
      <button type="button" onClick={() => pending.current.shift()?.resolve('#103')}>
        La cocina acepta
      </button>{' '}
      <button type="button" onClick={() => pending.current.shift()?.reject(new Error('rechazado'))}>
        La cocina rechaza
      </button>
      <Toaster queue={queue} locale="es" />
    </div>
  );
}

/** `notify.promise`: a loading toast that becomes success, and another that becomes an error. */
export const PromiseToast = meta.story({
  render: () => <PromiseToastDemo />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Enviar pedido' }));
    await waitFor(() => expect(toasts(canvasElement)[0]).toHaveAttribute('data-promise', 'loading'), LONG);
    await expect(toasts(canvasElement)[0]).toHaveTextContent('Enviando pedido…');
    await userEvent.click(canvas.getByRole('button', { name: 'La cocina acepta' }));
    await waitFor(() => expect(toasts(canvasElement)[0]).toHaveAttribute('data-promise', 'success'), LONG);
    await expect(toasts(canvasElement)[0]).toHaveTextContent('Pedido #103 enviado');

    await userEvent.click(canvas.getByRole('button', { name: 'Enviar pedido' }));
    await waitFor(() => expect(toasts(canvasElement).some((toast) => toast.getAttribute('data-promise') === 'loading')).toBe(true), LONG);
    await userEvent.click(canvas.getByRole('button', { name: 'La cocina rechaza' }));
    await waitFor(() => expect(toasts(canvasElement).find((toast) => toast.getAttribute('data-promise') === 'error')).toHaveTextContent('No se pudo enviar el pedido'), LONG);
    await expect(toasts(canvasElement).find((toast) => toast.getAttribute('data-promise') === 'error')).toHaveAttribute('data-importance', 'high');
  },
});

// ---- NotificationCenter ----------------------------------------------------------------------

const CLIENT = 'cliente-7';

/** A centre on its own URL, toast queue and in-memory preferences, its panel open. */
function Centre({ url, loadPage }: { url: string; loadPage?: (cursor: string | null) => Promise<NotificationPage> }) {
  const { queue } = useStoryToasts();
  const [storage] = useState(() => memoryPreferenceStorage());
  return (
    <div style={{ minHeight: 420 }}>
      <NotificationCenter url={url} clientId={CLIENT} toasts={queue} storage={storage} locale="en" defaultOpen {...(loadPage ? { loadPage } : {})} />
      <Toaster queue={queue} locale="en" />
    </div>
  );
}

/** Nothing has arrived: the empty state, and a bell with nothing unread. */
export const NotificationsEmpty = meta.story({
  render: () => <Centre url={stateUrls.notificationsQuiet} />,
  beforeEach: ({ msw }) => {
    msw.use(quietStream(stateUrls.notificationsQuiet));
  },
  play: async ({ canvasElement }) => {
    await expect(q(canvasElement, '[data-sk-notification-empty]')).toBeInTheDocument();
    await expect(q(canvasElement, '[data-sk-notification-list]')).toBeNull();
    await expect(q(canvasElement, '[data-sk-notification-center]')).toHaveAttribute('data-unread', '0');
  },
});

/** The notification stream is refused (HTTP 401, never retried): the panel shows the error as an alert. */
export const NotificationsError = meta.story({
  render: () => <Centre url={stateUrls.notificationsRefused} />,
  beforeEach: ({ msw }) => {
    msw.use(refused(stateUrls.notificationsRefused, 401));
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, '[data-sk-notification-error]')).toBeInTheDocument(), LONG);
    const alert = q(canvasElement, '[data-sk-notification-error]')!;
    await expect(alert).toHaveAttribute('role', 'alert');
    await expect(alert).toHaveTextContent(/401/);
    await expect(q(canvasElement, '[data-sk-notification-empty]')).toBeNull();
  },
});

/** Older notifications of the history page the story serves. */
const olderPage: StreamNotification[] = [1, 2, 3].map((n) => ({
  id: `old-${n}`,
  type: 'order',
  importance: 'normal',
  title: `Pedido #9${n} entregado`,
  body: 'Entregado ayer.',
  target: { kind: 'client', id: CLIENT },
  createdAt: Date.UTC(2026, 10, 30, 12, n),
  read: true,
  archived: false,
}));

function HistoryDemo() {
  const answer = useRef<(page: NotificationPage) => void>(() => {});
  const [asked, setAsked] = useState(0);
  const loadPage = () =>
    new Promise<NotificationPage>((resolve) => {
      answer.current = resolve;
      setAsked((n) => n + 1);
    });
  return (
    <>
      <p>
        History requests: <output data-testid="asked">{asked}</output>{' '}
        <button type="button" onClick={() => answer.current({ items: olderPage, next: null })}>
          Answer the history request
        </button>
      </p>
      <Centre url={stateUrls.notificationsQuiet} loadPage={loadPage} />
    </>
  );
}

/** Loading older notifications (`loadPage`): the button is busy until the page arrives, then the items are listed. */
export const NotificationsLoadingHistory = meta.story({
  render: () => <HistoryDemo />,
  beforeEach: ({ msw }) => {
    msw.use(quietStream(stateUrls.notificationsQuiet));
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const more = () => q(canvasElement, '[data-sk-notification-more]');
    await waitFor(() => expect(more()).toBeInTheDocument(), LONG);
    await userEvent.click(more()!);
    await waitFor(() => expect(more()).toHaveAttribute('aria-busy', 'true'), LONG);
    await expect(more()).toBeDisabled();
    await expect(canvas.getByTestId('asked')).toHaveTextContent('1');
    await userEvent.click(canvas.getByRole('button', { name: 'Answer the history request' }));
    await waitFor(() => expect(canvasElement.querySelectorAll('[data-sk-notification]')).toHaveLength(3), LONG);
    await expect(more()).toBeNull();
  },
});

// ---- useSSEStream ----------------------------------------------------------------------------

const text = (root: HTMLElement, id: string) => q(root, `[data-testid="${id}"]`);
const statusIs = (root: HTMLElement, status: string) => waitFor(() => expect(text(root, 'status')).toHaveTextContent(status), LONG);

/** `enabled: false`: idle until Connect, then it streams. */
export const SSEIdle = meta.story({
  render: () => <SSEInspector url={sseUrls.streaming} enabled={false} title="Idle feed" />,
  play: async ({ canvasElement }) => {
    await expect(text(canvasElement, 'status')).toHaveTextContent('idle');
    await expect(text(canvasElement, 'event-count')).toHaveTextContent('0');
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Connect' }));
    await statusIs(canvasElement, 'closed');
    await expect(text(canvasElement, 'event-count')).toHaveTextContent('7');
  },
});

/** `stop()` mid-stream: closed, no error, the events received kept. */
export const SSEStopped = meta.story({
  render: () => <SSEInspector url={sseUrls.streaming} title="Stopped feed" />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(Number(text(canvasElement, 'event-count')?.textContent)).toBeGreaterThan(0), LONG);
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Stop' }));
    await statusIs(canvasElement, 'closed');
    await expect(Number(text(canvasElement, 'event-count')?.textContent)).toBeLessThan(7);
    await expect(text(canvasElement, 'error')).toBeNull();
  },
});

/** Dropped, then a 503 with `Retry-After: 1`: `reconnecting` (the error says it retries), then resumed to the end. */
export const SSEReconnecting = meta.story({
  render: () => <SSEInspector url={stateUrls.sseRetryAfter} title="Reconnecting feed" retry={{ initialDelayMs: 100, maxDelayMs: 500, maxAttempts: 3 }} />,
  beforeEach: ({ msw }) => {
    msw.use(retryAfterFeedHandler(stateUrls.sseRetryAfter, feedEvents));
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(text(canvasElement, 'error')).toHaveTextContent(/HTTP 503.*Retrying/), LONG);
    await expect(text(canvasElement, 'status')).toHaveTextContent('reconnecting');
    await statusIs(canvasElement, 'closed');
    const ids = [...canvasElement.querySelectorAll('[data-testid="events"] li')].map((li) => li.getAttribute('data-event-id'));
    await expect(ids).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  },
});

/** No first byte within `firstByteTimeoutMs` (0.5 s; the server takes 2 s): `first-byte-timeout`. */
export const SSEFirstByteTimeout = meta.story({
  render: () => <SSEInspector url={sseUrls.slowFirstByte} title="Slow server" firstByteTimeoutMs={500} retry={false} />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(text(canvasElement, 'error')).toHaveAttribute('data-kind', 'first-byte-timeout'), LONG);
    await statusIs(canvasElement, 'error');
  },
});

/** One event bigger than `maxEventSize` (1,000 characters): `too-large`, the connection closed, never retried. */
export const SSETooLarge = meta.story({
  render: () => <SSEInspector url={stateUrls.sseTooLarge} title="Oversized event" maxEventSize={1_000} />,
  beforeEach: ({ msw }) => {
    msw.use(oversizedEventHandler(stateUrls.sseTooLarge, 5_000));
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(text(canvasElement, 'error')).toHaveAttribute('data-kind', 'too-large'), LONG);
    await expect(text(canvasElement, 'error')).toHaveTextContent('Not retrying.');
    await expect(text(canvasElement, 'event-count')).toHaveTextContent('0');
  },
});

/** The `headers` function throws (no token): a `callback` error, nothing sent, never retried. */
export const SSEHeadersThrow = meta.story({
  render: () => (
    <SSEInspector
      url={sseUrls.streaming}
      title="No token"
      headers={() => {
        throw new Error('No session token');
      }}
    />
  ),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(text(canvasElement, 'error')).toHaveAttribute('data-kind', 'callback'), LONG);
    await statusIs(canvasElement, 'error');
    await expect(text(canvasElement, 'error')).not.toHaveTextContent('No session token');
  },
});

// ---- useSocketStream -------------------------------------------------------------------------

/** Disconnected by the user: `closed`, no error; Connect opens it again. */
export const SocketDisconnected = meta.story({
  render: () => <SocketInspector url={stateUrls.socketFeed} title="Kitchen socket" />,
  beforeEach: ({ msw }) => {
    msw.use(socketFeed(stateUrls.socketFeed, [{ type: 'welcome' }, { type: 'order', step: 'received' }], { intervalMs: 100 }));
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await statusIs(canvasElement, 'open');
    await userEvent.click(canvas.getByRole('button', { name: 'Disconnect' }));
    await statusIs(canvasElement, 'closed');
    await expect(text(canvasElement, 'error')).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
    await statusIs(canvasElement, 'open');
  },
});

/** The server accepts the socket and then never answers a ping: `idle-timeout`, and the hook reconnects. */
export const SocketHeartbeatMissed = meta.story({
  render: () => (
    <SocketInspector
      url={stateUrls.socketSilent}
      title="Silent socket"
      heartbeat={{ intervalMs: 300, timeoutMs: 300 }}
      retry={{ initialDelayMs: 200, maxDelayMs: 500 }}
    />
  ),
  beforeEach: ({ msw }) => {
    msw.use(ws.link(stateUrls.socketSilent).addEventListener('connection', () => {}));
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(text(canvasElement, 'error')).toHaveAttribute('data-kind', 'idle-timeout'), LONG);
    await expect(text(canvasElement, 'error')).toHaveTextContent('Reconnecting.');
    await waitFor(() => expect(Number(text(canvasElement, 'reconnects')?.textContent)).toBeGreaterThan(0), LONG);
  },
});
