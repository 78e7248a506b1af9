/** Order tracking, React-free: events → log → order state, over the live feed. */
export { TAQUERIA_STEPS, stepIndex } from './steps.js';
export type { StepIndex } from './steps.js';
export { orderEventMapper, mapOrderEvent } from './map-event.js';
export type { OrderEventMapperOptions } from './map-event.js';
export { createOrderReducer, reduceOrder, emptyOrderLog, orderLogOf, DEFAULT_MAX_SKEW_MS, DEFAULT_MAX_ETA_EVENTS } from './log.js';
export type { OrderLog, LoggedEvent, OrderLogOptions } from './log.js';
export { deriveOrderFacts, finishOrderState, nextClockChange, orderDeadline, positionAge } from './derive.js';
export type { OrderFacts, OrderClockOptions } from './derive.js';
export { createOrderFeed } from './order-feed.js';
export type { OrderFeedOptions } from './order-feed.js';
export { createOrderTracker, DEFAULT_POSITION_STALE_MS, DEFAULT_POSITION_THROTTLE_MS } from './tracker.js';
export type { OrderTracker, OrderTrackerOptions } from './tracker.js';
export { createOrderReplay } from './replay.js';
export type { OrderReplay, OrderReplayOptions, OrderReplaySnapshot } from './replay.js';
export { wallClock } from './wall-clock.js';
export { sharedOrderFeed } from './shared-feed.js';
export type * from './types.js';
