import { expect, userEvent, waitFor, within } from 'storybook/test';
import preview from '../.storybook/preview.js';
import { flakySocket, roomsServer, socketFeed } from '../src/msw/index.js';
import { SocketInspector } from './components/SocketInspector.js';

/** Order updates the kitchen pushes over the socket. */
const orderUpdates = [
  { type: 'welcome', text: '¡Conectado al streaming en tiempo real!' },
  { type: 'order', step: 'received', order: 'PED-123456' },
  { type: 'order', step: 'preparing', order: 'PED-123456' },
  { type: 'order', step: 'ready', order: 'PED-123456' },
  { type: 'order', step: 'on_the_way', order: 'PED-123456', eta: 12 },
  { type: 'order', step: 'delivered', order: 'PED-123456' },
];

// Each story has its own URL and registers a fresh scenario in beforeEach, so connection
// counters start over on every view and stories on one docs page never share a server.
const urls = {
  feed: 'wss://kitchen.streamkit.test/feed',
  flaky: 'wss://kitchen.streamkit.test/flaky',
  outbox: 'wss://kitchen.streamkit.test/outbox',
  auth: 'wss://kitchen.streamkit.test/auth',
  rooms: 'wss://kitchen.streamkit.test/rooms',
};

/**
 * `useSocketStream` against mocked WebSocket servers (MSW `ws.link`): a live feed, a server
 * that drops and recovers, an auth rejection, the offline outbox and rooms.
 */
const meta = preview.meta({
  title: 'Hooks/useSocketStream',
  component: SocketInspector,
  args: { url: urls.feed, retry: { initialDelayMs: 300, maxDelayMs: 1_000 } },
});
export default meta;

const LONG = { timeout: 8_000 };
const text = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`);

/** Connected: messages stream in; the heartbeat measures the round trip. */
export const Connected = meta.story({
  args: { heartbeat: { intervalMs: 1_000, timeoutMs: 1_000 } },
  beforeEach: ({ msw }) => {
    msw.use(socketFeed(urls.feed, orderUpdates, { intervalMs: 250 }));
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(text(canvasElement, 'message-count')).toHaveTextContent('6'), LONG);
    await expect(text(canvasElement, 'status')).toHaveTextContent('open');
  },
});

/** The server drops the connection (1006) after three ticks; the hook reconnects by itself. */
export const Reconnecting = meta.story({
  args: { url: urls.flaky },
  beforeEach: ({ msw }) => {
    msw.use(flakySocket(urls.flaky, { dropAfter: 3, dropConnections: 1, intervalMs: 200 }));
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(text(canvasElement, 'reconnects')).toHaveTextContent('1'), LONG);
    await waitFor(() => expect(Number(text(canvasElement, 'message-count')?.textContent)).toBeGreaterThan(3), LONG);
    await expect(text(canvasElement, 'status')).toHaveTextContent('open');
    await expect(text(canvasElement, 'close-code')).toHaveTextContent('1006');
  },
});

/** Sending while disconnected queues the message; it is flushed, once, when the socket opens. */
export const OfflineOutbox = meta.story({
  args: { url: urls.outbox, enabled: false },
  beforeEach: ({ msw }) => {
    msw.use(roomsServer(urls.outbox));
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Message'), 'Sin cebolla, por favor{Enter}');
    await expect(text(canvasElement, 'outbox')).toHaveTextContent('1 queued, 0 dropped; last send: queued');
    await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(text(canvasElement, 'messages')).toHaveTextContent('Sin cebolla, por favor'), LONG);
    await expect(text(canvasElement, 'outbox')).toHaveTextContent(/^0 queued/);
  },
});

/** The server closes with 1008 (policy violation: bad token): an `auth` error, no reconnect. */
export const AuthRejected = meta.story({
  args: { url: urls.auth },
  beforeEach: ({ msw }) => {
    msw.use(flakySocket(urls.auth, { dropAfter: 0, dropCode: 1008, dropConnections: 99, intervalMs: 100 }));
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(text(canvasElement, 'error')).toHaveAttribute('data-kind', 'auth'), LONG);
    await expect(text(canvasElement, 'status')).toHaveTextContent('error');
    await expect(text(canvasElement, 'error')).toHaveTextContent('Not reconnecting');
  },
});

/** Rooms: join `cocina`, and a message to the room is broadcast back to its members. */
export const RoomsAndBroadcast = meta.story({
  args: { url: urls.rooms, showRooms: true, title: 'Kitchen rooms' },
  beforeEach: ({ msw }) => {
    msw.use(roomsServer(urls.rooms));
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(text(canvasElement, 'status')).toHaveTextContent('open'), LONG);
    await userEvent.click(canvas.getByRole('button', { name: 'Join cocina' }));
    await waitFor(() => expect(text(canvasElement, 'rooms')).toHaveTextContent('cocina'), LONG);
    await userEvent.type(canvas.getByLabelText('Message'), '¡Orden lista!{Enter}');
    await waitFor(() => expect(text(canvasElement, 'messages')).toHaveTextContent('¡Orden lista!'), LONG);
  },
});
