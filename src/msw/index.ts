/**
 * react-streamkit/msw: mock streaming servers with Mock Service Worker, for stories and tests.
 * Requires `msw` (a peer dependency of this entry only).
 */
export { encodeEvent, scriptedStream, sseResponse, sseHandler } from './sse.js';
export type { ScriptedEvent, ScriptOptions, ScriptClock, ScriptContext, Script, SSEHandlerOptions } from './sse.js';
export { NETWORK_CONDITIONS, setNetworkConditions, getNetworkConditions, onNetworkConditionsChange } from './network.js';
export type { NetworkConditions } from './network.js';
export { socketFeed, flakySocket, roomsServer, scriptedSocket, refuseSocket, topicFeed } from './ws.js';
export type {
  SocketScenarioOptions,
  SocketFeedOptions,
  FlakySocketOptions,
  RoomsServerOptions,
  ScriptedSocketOptions,
  SocketReply,
  SocketStep,
  SocketMessageMatch,
  RefuseSocketOptions,
  TopicFeedOptions,
  TopicFrame,
} from './ws.js';
export { orderScenario, orderEvents, orderDashboardEvents, toWire, toSocketWire } from './order.js';
export type { OrderScenarioKind, OrderScriptEntry, OrderScenarioOptions, OrderWireFormat } from './order.js';
export { orderSSEHandler, orderSocketHandler } from './order-handlers.js';
export type { OrderSSEHandlerOptions, OrderSocketHandlerOptions } from './order-handlers.js';
export { notificationScenario, notificationSSEHandler, notificationSocketHandler } from './notifications.js';
export type { NotificationScenarioKind, NotificationScenarioOptions, NotificationScriptEntry, NotificationSSEHandlerOptions } from './notifications.js';
export { chatReply, presetEvents, chatHandler, chatResponse, presetSupport } from './presets/index.js';
export type { PresetFormat, ChatReply, ChatReplyInit, ChatReplyToolCall, ChatReplySource, ChatReplyUsage, ChatReplyFinishReason, ChatReplyScript, ChatHandlerOptions, PresetOptions, PresetSupport } from './presets/index.js';
