import type { OrderEtaEvent, OrderEvent, OrderPositionEvent } from './types.js';

/** Default {@link OrderLogOptions.maxSkewMs}: server times up to 5 s ahead of ours are believed. */
export const DEFAULT_MAX_SKEW_MS = 5_000;
/** Default {@link OrderLogOptions.maxEtaEvents}: ETA estimates kept per order (the latest by time). */
export const DEFAULT_MAX_ETA_EVENTS = 20;

/**
 * A topic's state in an order feed: the order's events as a set, in one canonical order (by
 * time, then by content), so the same events in any arrival order, repeated or not, give the
 * same log, and the order state derived from it is the same. Positions are not logged: only
 * the latest one by time is kept (memory stays flat under a position stream).
 */
export interface OrderLog {
  readonly orderId: string;
  /** Every event but positions, de-duplicated by content, in canonical order. */
  readonly events: readonly LoggedEvent[];
  /** The latest position by time, or `null`. */
  readonly position: LoggedEvent<OrderPositionEvent> | null;
}

/** An event in the log with its effective time: `at`, clamped when it was in the future. */
export interface LoggedEvent<E extends OrderEvent = OrderEvent> {
  readonly event: E;
  /** `event.at`, or `receivedAt` when `at` was more than `maxSkewMs` ahead of it. */
  readonly at: number;
  /** `at` was clamped (the server's clock is ahead of ours). */
  readonly clamped: boolean;
  /** Identity for de-duplication and the tie-break of the canonical order. */
  readonly key: string;
}

/** Options of {@link createOrderReducer}. */
export interface OrderLogOptions {
  /** How far a server time may be ahead of `receivedAt` before it is clamped to it. Default 5,000 ms. */
  maxSkewMs?: number | undefined;
  /** ETA events kept per order (the latest by time). Default 20. */
  maxEtaEvents?: number | undefined;
}

/** An empty log for `orderId`. */
export function emptyOrderLog(orderId: string): OrderLog {
  return { orderId, events: [], position: null };
}

/**
 * The order feed's reducer: adds one event to the log. Pure, and commutative and idempotent
 * over events (the property tests check it). O(n) in the order's logged events, which stay few
 * (its milestones plus at most `maxEtaEvents` estimates); positions, the frequent kind, are O(1).
 */
export function createOrderReducer(options: OrderLogOptions = {}): (log: OrderLog | undefined, event: OrderEvent) => OrderLog {
  const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const maxEta = options.maxEtaEvents ?? DEFAULT_MAX_ETA_EVENTS;
  return (log, event) => {
    const current = log ?? emptyOrderLog(event.topic);
    const logged = toLogged(event, maxSkewMs);
    if (logged.event.type === 'position') {
      const previous = current.position;
      if (previous !== null && compare(previous, logged) >= 0) return current;
      return { ...current, position: logged as LoggedEvent<OrderPositionEvent> };
    }
    const events = insert(current.events, logged);
    if (events === current.events) return current;
    return { ...current, events: logged.event.type === 'eta' ? capEta(events, maxEta) : events };
  };
}

/** {@link createOrderReducer} with the default options. */
export const reduceOrder = createOrderReducer();

/**
 * An order's log from a list of its events (e.g. a snapshot endpoint returning the order's
 * history, mapped with `orderEventMapper`): what `loadSnapshot` resolves with as `state`.
 * Events of other orders and `null`s (unmapped messages) are skipped.
 */
export function orderLogOf(
  orderId: string,
  events: Iterable<OrderEvent | null | undefined>,
  reduce: (log: OrderLog | undefined, event: OrderEvent) => OrderLog = reduceOrder,
): OrderLog {
  let log = emptyOrderLog(orderId);
  for (const event of events) if (event != null && event.topic === orderId) log = reduce(log, event);
  return log;
}

function toLogged(event: OrderEvent, maxSkewMs: number): LoggedEvent {
  const clamped = event.receivedAt !== undefined && event.at > event.receivedAt + maxSkewMs;
  return { event, at: clamped ? event.receivedAt! : event.at, clamped, key: contentKey(event) };
}

/** Canonical order: by effective time, then by key (content), so ties break the same way everywhere. */
function compare(a: LoggedEvent, b: LoggedEvent): number {
  return a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Inserts keeping canonical order; a repeat (same content key) keeps the copy with the earliest
 * effective time, so which copy arrived first does not matter. Returns `events` itself when
 * nothing changed.
 */
function insert(events: readonly LoggedEvent[], logged: LoggedEvent): readonly LoggedEvent[] {
  const existing = events.findIndex((e) => e.key === logged.key);
  if (existing !== -1) {
    if (compare(events[existing]!, logged) <= 0) return events;
    const without = events.slice();
    without.splice(existing, 1);
    return insert(without, logged);
  }
  let i = events.length;
  while (i > 0 && compare(events[i - 1]!, logged) > 0) i--;
  const next = events.slice();
  next.splice(i, 0, logged);
  return next;
}

/** Keeps the latest `max` ETA events by canonical order (a top-k, so arrival order does not matter). */
function capEta(events: readonly LoggedEvent[], max: number): readonly LoggedEvent[] {
  let count = 0;
  for (const e of events) if (e.event.type === 'eta') count++;
  if (count <= max) return events;
  let drop = count - max;
  return events.filter((e) => !(e.event.type === 'eta' && drop-- > 0));
}

/**
 * What makes two events the same event, whatever id or `receivedAt` they carry: the type, the
 * server time and the fields that matter for the type.
 */
function contentKey(event: OrderEvent): string {
  const head = `${event.type}|${event.at}|`;
  switch (event.type) {
    case 'step':
      return head + event.step;
    case 'correction':
      return head + event.step + '|' + (event.reason ?? '');
    case 'eta':
      return head + etaKey(event);
    case 'courier':
      return head + (event.courier.id ?? '') + '|' + (event.courier.name ?? '');
    case 'position':
      return head + `${event.lat}|${event.lng}|${event.progress}`;
    default:
      return head + (event.reason ?? '');
  }
}

function etaKey(event: OrderEtaEvent): string {
  return `${event.eta.from}-${event.eta.to}|${event.latestBy ?? ''}|${event.reason ?? ''}`;
}
