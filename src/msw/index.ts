/**
 * react-streamkit/msw: mock streaming servers with Mock Service Worker, for stories and tests.
 * Requires `msw` (a peer dependency of this entry only).
 */
export { encodeEvent, scriptedStream, sseResponse, sseHandler } from './sse.js';
export type { ScriptedEvent, ScriptOptions, ScriptClock, ScriptContext, Script, SSEHandlerOptions } from './sse.js';
export { NETWORK_CONDITIONS, setNetworkConditions, getNetworkConditions, onNetworkConditionsChange } from './network.js';
export type { NetworkConditions } from './network.js';
export { socketFeed, flakySocket, roomsServer } from './ws.js';
export type { SocketScenarioOptions, SocketFeedOptions, FlakySocketOptions, RoomsServerOptions } from './ws.js';
export { orderScenario, orderEvents, orderDashboardEvents, toWire, toSocketWire } from './order.js';
export type { OrderScenarioKind, OrderScriptEntry, OrderScenarioOptions, OrderWireFormat } from './order.js';
export { orderSSEHandler, orderSocketHandler } from './order-handlers.js';
export type { OrderSSEHandlerOptions, OrderSocketHandlerOptions } from './order-handlers.js';
export { notificationScenario, notificationSSEHandler, notificationSocketHandler } from './notifications.js';
export type { NotificationScenarioKind, NotificationScenarioOptions, NotificationScriptEntry, NotificationSSEHandlerOptions } from './notifications.js';
