import { StreamError } from '../errors.js';
import { readFeedMessage } from '../feed/map-event.js';
import type { NotificationAction, NotificationImportance, NotificationTarget, StreamNotification } from './types.js';

/** What a notification `mapEvent` is given besides the raw message. */
export interface MapNotificationContext {
  /** Now, epoch ms: `createdAt` of payloads without a readable time (seed 000 sends "10:15:32"). */
  now(): number;
}

/** Adapts one raw server message to a notification; `null` for messages that are not one (acks, pings). Throw for malformed ones. */
export type NotificationMapper<Raw = unknown> = (raw: Raw, context: MapNotificationContext) => StreamNotification | null;

const IMPORTANCE: Readonly<Record<string, NotificationImportance>> = {
  low: 'low',
  baja: 'low',
  normal: 'normal',
  media: 'normal',
  high: 'high',
  alta: 'high',
  important: 'high',
  importante: 'high',
  urgent: 'urgent',
  urgente: 'urgent',
  critical: 'urgent',
};

const BROADCAST: NotificationTarget = Object.freeze({ kind: 'broadcast' });
const BROADCAST_NAMES = new Set(['broadcast', 'all', 'todos', '*']);

/**
 * The default notification mapper. Reads an SSE event's `data` (its `event:` name is the type when
 * the payload has none), a decoded WebSocket message, or a JSON string, and accepts English or
 * seed 000's Spanish fields: `id`; `type`|`tipo`; `importance`|`importancia`|`priority`;
 * `title`|`titulo`; `body`|`mensaje`|`message`; `target`|`clienteId`|`clientId` (absent, `all`
 * or `broadcast`: everyone); `createdAt`|`timestamp` (epoch ms or ISO; anything else: now);
 * `read`; `actions` (`{ label, href | url | id }`, unsafe links dropped); `data`.
 *
 * An object with no title or body is not a notification (`null`). Unreadable JSON, a non-object,
 * or a text field of the wrong type throws a `parse` error (that message only). A missing id is
 * derived from the content, so the same message re-sent after a reconnect has the same id.
 */
export const defaultNotificationMapper: NotificationMapper = (raw, context) => {
  const { payload, eventName } = readFeedMessage(raw, 'A notification message');
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new StreamError('parse', 'A notification payload is not an object; it was skipped.');
  }
  const record = payload as Record<string, unknown>;
  const title = text(record, ['title', 'titulo']);
  const body = text(record, ['body', 'mensaje', 'message']);
  if (title === undefined && body === undefined) return null;
  const type = text(record, ['type', 'tipo']) || eventName || 'general';
  const importanceName = text(record, ['importance', 'importancia', 'priority']);
  const importance = (importanceName !== undefined && IMPORTANCE[importanceName.toLowerCase()]) || 'normal';
  const target = targetOf(record['target'] ?? record['clienteId'] ?? record['clientId']);
  const createdAt = timeOf(record['createdAt'] ?? record['timestamp'], context);
  const actions = actionsOf(record['actions']);
  const notification: StreamNotification = {
    id: '',
    type,
    importance,
    title: title ?? '',
    body: body ?? '',
    target,
    createdAt,
    read: record['read'] === true,
    archived: false,
  };
  if (actions !== undefined) notification.actions = actions;
  if (record['data'] !== undefined) notification.data = record['data'];
  const id = record['id'];
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') {
    throw new StreamError('parse', 'A notification id is neither a string nor a number.');
  }
  // Derived from what the server sent (its own time text included), not from receipt time: a
  // re-send after a reconnect gets the same id.
  notification.id =
    id !== undefined ? String(id) : `h${hash(JSON.stringify([type, importance, title, body, record['target'] ?? record['clienteId'] ?? record['clientId'], record['createdAt'] ?? record['timestamp']]))}`;
  return notification;
};

/**
 * A short stable digest of a notification's content: equal digests, same notification (no update).
 * `createdAt` is left out: for payloads without a readable time it is the receipt time, and a
 * re-send must not count as an update.
 */
export function contentDigest(notification: StreamNotification): string {
  const { type, importance, title, body, target, actions, data } = notification;
  return hash(JSON.stringify([type, importance, title, body, target, actions, data]));
}

/** Whether a link may be rendered: http(s), mailto, tel, or relative. `javascript:` and the rest are refused. */
export function isSafeHref(href: string): boolean {
  const trimmed = href.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed.replace(/[\u0000-\u0020]/g, ''));
  if (scheme === null) return true;
  return ['http', 'https', 'mailto', 'tel'].includes(scheme[1]!.toLowerCase());
}

function text(record: Record<string, unknown>, fields: readonly string[]): string | undefined {
  for (const field of fields) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    throw new StreamError('parse', `A notification's ${field} is not text.`);
  }
  return undefined;
}

function targetOf(value: unknown): NotificationTarget {
  if (typeof value === 'object' && value !== null) {
    const kind = (value as { kind?: unknown }).kind;
    const id = (value as { id?: unknown }).id;
    if (kind === 'client' && (typeof id === 'string' || typeof id === 'number')) return { kind: 'client', id: String(id) };
    return BROADCAST;
  }
  if ((typeof value === 'string' || typeof value === 'number') && !BROADCAST_NAMES.has(String(value))) {
    return { kind: 'client', id: String(value) };
  }
  return BROADCAST;
}

function timeOf(value: unknown, context: MapNotificationContext): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const parsed = Date.parse(value);
    if (Number.isFinite(parsed)) return parsed;
  }
  return context.now();
}

function actionsOf(value: unknown): NotificationAction[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const actions: NotificationAction[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { label, href, url, id } = item as Record<string, unknown>;
    if (typeof label !== 'string' || label === '') continue;
    const link = typeof href === 'string' ? href : typeof url === 'string' ? url : undefined;
    if (link !== undefined) {
      if (isSafeHref(link)) actions.push({ label, href: link });
    } else if (typeof id === 'string' || typeof id === 'number') {
      actions.push({ label, id: String(id) });
    }
  }
  return actions;
}


/** FNV-1a, two lanes (64 bits in all), base 36: stable across reloads and runtimes. */
function hash(source: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(36) + (b >>> 0).toString(36);
}
