import type { Clock } from '../clock.js';
import { createLiveFeed, type LiveFeed, type LiveFeedOptions } from '../feed/live-feed.js';
import { createOrderReducer, type OrderLog, type OrderLogOptions } from './log.js';
import { orderEventMapper } from './map-event.js';
import type { OrderEvent, OrderSteps } from './types.js';
import { wallClock } from './wall-clock.js';

/** Options of {@link createOrderFeed}: the live feed's, with order defaults for `mapEvent` and `reduce`. */
export interface OrderFeedOptions<Raw = unknown>
  extends Omit<LiveFeedOptions<OrderEvent, OrderLog, Raw>, 'reduce' | 'clock'>,
    OrderLogOptions {
  /** The flow the default `mapEvent` maps step names to. Default: the taquería flow. */
  steps?: OrderSteps | undefined;
  /** Wall clock (epoch ms): stamps `receivedAt` and runs the feed's timers. Default {@link wallClock}. */
  clock?: Clock | undefined;
  /** For servers whose messages name no order (seed 000's WebSocket stream): the order they belong to. */
  orderId?: string | undefined;
}

/**
 * A live feed of orders: every order is a topic, its state an {@link OrderLog} (read it with
 * `createOrderTracker` or `useOrderTracking`). `mapEvent` defaults to {@link orderEventMapper}
 * (seed 000's shapes and the English default); `loadSnapshot` may return an `OrderLog`.
 */
export function createOrderFeed<Raw = unknown>(options: OrderFeedOptions<Raw>): LiveFeed<OrderEvent, OrderLog> {
  const { steps, clock = wallClock, orderId, maxSkewMs, maxEtaEvents, mapEvent, ...rest } = options;
  return createLiveFeed<OrderEvent, OrderLog, Raw>({
    ...rest,
    clock,
    mapEvent: mapEvent ?? (orderEventMapper({ steps, now: () => clock.now(), orderId }) as (raw: Raw) => OrderEvent | null),
    reduce: createOrderReducer({ maxSkewMs, maxEtaEvents }),
  });
}
