import type { HttpHandler, WebSocketHandler } from 'msw';
import type { OrderEvent } from '../core/order/types.js';
import { toSocketWire, toWire, type OrderWireFormat } from './order.js';
import { sseHandler, type SSEHandlerOptions } from './sse.js';
import { socketFeed } from './ws.js';

/** Options of {@link orderSSEHandler}. */
export interface OrderSSEHandlerOptions extends Omit<SSEHandlerOptions, 'delayMs'> {
  /** The wire shape. Default `english`. */
  format?: OrderWireFormat | undefined;
  /**
   * Events to send, built per connection (so their times are "now" when the story opens), e.g.
   * `() => orderEvents('delay', { speed: 60 })`. Each is sent when its time comes (from the first).
   */
  events: readonly OrderEvent[] | (() => readonly OrderEvent[]);
}

/**
 * An MSW handler serving order events as SSE, each at its `at` (relative to the first): event
 * ids are `orderId/seq`, so a reconnect resumes after the last one received (`dropAfter`
 * simulates a drop). One stream carries every order in `events`.
 */
export function orderSSEHandler(path: string, options: OrderSSEHandlerOptions): HttpHandler {
  const { format = 'english', events, ...rest } = options;
  return sseHandler(
    path,
    () => {
      const list = typeof events === 'function' ? events() : events;
      let previous = list[0]?.at ?? 0;
      return list.map((event) => {
        const delayMs = Math.max(0, event.at - previous);
        previous = event.at;
        return { id: event.id ?? `${event.topic}/${event.seq}`, data: toWire(event, format), delayMs };
      });
    },
    rest,
  );
}

/** Options of {@link orderSocketHandler}. */
export interface OrderSocketHandlerOptions {
  /** `seed` sends seed 000's `{ tipo: 'stream', data: { evento, mensaje, pedidoId }, timestamp }`. Default `english`. */
  format?: OrderWireFormat | undefined;
  /** Wait between messages. Default 1,000 ms. */
  intervalMs?: number | undefined;
}

/** An MSW WebSocket handler sending order events, one per `intervalMs`. */
export function orderSocketHandler(url: string, events: readonly OrderEvent[], options: OrderSocketHandlerOptions = {}): WebSocketHandler {
  const { format = 'english', intervalMs } = options;
  const messages = events.map((event) => (format === 'english' ? toWire(event) : toSocketWire(event)));
  return socketFeed(url, messages, { intervalMs });
}
