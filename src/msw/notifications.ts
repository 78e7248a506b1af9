import type { HttpHandler, WebSocketHandler } from 'msw';
import { sseHandler, type SSEHandlerOptions } from './sse.js';
import { socketFeed, type SocketFeedOptions } from './ws.js';

/** The notification scenarios a story can play. */
export type NotificationScenarioKind =
  /** One promotion broadcast to everyone, with a link action. */
  | 'promotion'
  /** An urgent inventory alert (stays until dismissed, announced assertively) and a low-stock warning. */
  | 'inventory'
  /** Order updates for `clientId` (one order updated in place: same id, new text) and one for another client (ignored). */
  | 'orders'
  /** `count` order notifications in a burst (coalesced "N new orders"; bounded history and toasts). */
  | 'burst'
  /** A little of everything, spread out: promotion, orders, inventory, a low-importance tip. */
  | 'mixed';

/** Options of {@link notificationScenario}. */
export interface NotificationScenarioOptions {
  /** The client targeted messages go to. Default `cliente-1`. */
  clientId?: string | undefined;
  /** `seed` sends seed 000's `{ mensaje, timestamp }` (no id, no type: the defaults apply). Default `english`. */
  format?: 'english' | 'seed' | undefined;
  /** Notifications in a `burst`. Default 1,000. */
  count?: number | undefined;
  /** Wait before each message, ms (a burst sends back to back). Default 800. */
  intervalMs?: number | undefined;
  /** `createdAt` of the first message, epoch ms. Default `Date.now()` when built. */
  start?: number | undefined;
}

/** One scripted server message: the payload and how long to wait before sending it. */
export interface NotificationScriptEntry {
  delayMs: number;
  payload: Record<string, unknown>;
}

/**
 * The server messages of a scenario, in order. English payloads carry `id`, `type`, `importance`,
 * `title`, `body`, `target` (a client id or `broadcast`), `createdAt` and `actions`; the seed
 * shape is `{ mensaje, timestamp }` only (targeted ones add `clienteId`).
 */
export function notificationScenario(kind: NotificationScenarioKind, options: NotificationScenarioOptions = {}): NotificationScriptEntry[] {
  const { clientId = 'cliente-1', format = 'english', count = 1_000, intervalMs = 800 } = options;
  const start = options.start ?? Date.now();
  const list: Omit<Record<string, unknown>, 'createdAt'>[] = [];
  const promotion = { id: 'promo-2x1', type: 'promotion', importance: 'normal', title: '2x1 en tacos al pastor', body: 'Solo hoy, de 18:00 a 20:00.', target: 'broadcast', actions: [{ label: 'Ver menú', href: '/menu' }] };
  const order = (n: number, body: string, target = clientId, id = `pedido-${n}`) => ({ id, type: 'order', importance: 'normal', title: `Pedido #${n}`, body, target, actions: [{ label: 'Seguir pedido', id: `track:${n}` }] });
  switch (kind) {
    case 'promotion':
      list.push(promotion);
      break;
    case 'inventory':
      list.push(
        { id: 'inv-aguacate', type: 'inventory', importance: 'urgent', title: 'Sin existencias: aguacate', body: 'Las órdenes con guacamole quedan en pausa.', target: 'broadcast' },
        { id: 'inv-tortillas', type: 'inventory', importance: 'high', title: 'Quedan pocas tortillas', body: 'Quedan 40 piezas.', target: 'broadcast' },
      );
      break;
    case 'orders':
      list.push(
        order(101, 'Recibimos tu pedido.'),
        order(101, 'Tu pedido se está preparando.'),
        order(202, 'Pedido de otro cliente.', 'cliente-otro'),
        order(101, 'Tu pedido va en camino.'),
      );
      break;
    case 'burst':
      for (let n = 1; n <= count; n++) list.push(order(n, `Pedido ${n} recibido.`, clientId));
      break;
    case 'mixed':
      list.push(
        promotion,
        order(301, 'Recibimos tu pedido.'),
        { id: 'tip-1', type: 'tip', importance: 'low', title: 'Consejo', body: 'Puedes silenciar las promociones en Preferencias.', target: 'broadcast' },
        order(301, 'Tu pedido va en camino.'),
        { id: 'inv-salsa', type: 'inventory', importance: 'high', title: 'Salsa verde agotada', body: 'Se sustituye por salsa roja.', target: 'broadcast' },
      );
      break;
  }
  const gap = kind === 'burst' ? 0 : intervalMs;
  return list.map((entry, i) => {
    const createdAt = start + i * gap;
    if (format === 'seed') {
      const payload: Record<string, unknown> = { mensaje: [entry['title'], entry['body']].filter(Boolean).join(': '), timestamp: seedTime(createdAt, i) };
      if (entry['target'] !== 'broadcast') payload['clienteId'] = entry['target'];
      return { delayMs: i === 0 ? 0 : gap, payload };
    }
    return { delayMs: i === 0 ? 0 : gap, payload: { ...entry, createdAt } };
  });
}

/** Seed 000 stamps `new Date().toLocaleTimeString()`: a wall time with no date. The index keeps re-sent copies identical. */
function seedTime(at: number, index: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${index}`;
}

/** Options of {@link notificationSSEHandler}. */
export interface NotificationSSEHandlerOptions extends Omit<SSEHandlerOptions, 'delayMs'> {
  /** The messages, built per connection (so their times are "now" when the story opens). */
  entries: readonly NotificationScriptEntry[] | (() => readonly NotificationScriptEntry[]);
}

/**
 * An MSW handler streaming notifications as SSE: SSE ids are positions (`1`, `2` …), so a
 * reconnect resumes after the last one received (`dropAfter` simulates a drop).
 *
 * ```ts
 * parameters: { msw: { handlers: [notificationSSEHandler('/api/notifications', { entries: () => notificationScenario('mixed') })] } }
 * ```
 */
export function notificationSSEHandler(path: string, options: NotificationSSEHandlerOptions): HttpHandler {
  const { entries, ...rest } = options;
  return sseHandler(
    path,
    () => (typeof entries === 'function' ? entries() : entries).map((entry, i) => ({ id: String(i + 1), data: entry.payload, delayMs: entry.delayMs })),
    rest,
  );
}

/** An MSW WebSocket handler sending a scenario's payloads, one per `intervalMs`. */
export function notificationSocketHandler(url: string, entries: readonly NotificationScriptEntry[], options: SocketFeedOptions = {}): WebSocketHandler {
  return socketFeed(url, entries.map((entry) => entry.payload), options);
}
