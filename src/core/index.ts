/**
 * `react-streamkit/core`: the React-free part of react-streamkit, for server code, workers,
 * scripts and other UI libraries. Nothing reachable from this entry imports React, touches a
 * browser global at import time or carries `"use client"`; the root entry re-exports all of it
 * next to the hooks and components.
 */

// Errors and the one retry rule.
export { StreamError, isStreamError, isRetryableError } from './errors.js';
export type { StreamErrorKind, StreamErrorInit, ShouldRetry } from './errors.js';
export { DEFAULT_BACKOFF } from './backoff.js';
export type { BackoffOptions } from './backoff.js';

// Server-Sent Events over fetch.
export {
  SSEClient,
  isDefaultTerminalEvent,
  DEFAULT_FIRST_BYTE_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_EVENT_SIZE,
} from './transport/sse-client.js';
export type {
  SSEClientOptions,
  SSEOpenInfo,
  SSERequestOptions,
  SSEResumeRequest,
  SSEResumeContext,
  SSESnapshot,
  SSEEvent,
  Resolvable,
} from './transport/sse-client.js';
export type { StreamStatus } from './transport/status.js';

// WebSocket.
export {
  SocketClient,
  NORMAL_CLOSURE,
  DEFAULT_AUTH_CLOSE_CODES,
  DEFAULT_CONNECT_TIMEOUT_MS,
  CLIENT_TIMEOUT_CLOSE_CODE,
} from './transport/socket-client.js';
export type {
  SendResult,
  SocketClientOptions,
  SocketSnapshot,
  SocketMetrics,
  SocketCloseInfo,
  SocketAuthQueryParam,
  SocketRoomsConvention,
  WebSocketLike,
  WebSocketConstructor,
  HeartbeatOptions,
  OutboundQueueOptions,
  QueueFullPolicy,
  SocketRequestOptions,
  SocketDecode,
  SocketEncode,
  SocketFrameData,
  SocketWireData,
} from './transport/socket-client.js';
export { DEFAULT_HEARTBEAT } from './transport/socket-heartbeat.js';
export { DEFAULT_OUTBOUND_QUEUE } from './transport/socket-queue.js';
export { DEFAULT_REQUEST_TIMEOUT_MS } from './transport/socket-requests.js';
// Cross-tab sharing of one connection (bundled only by apps that import `acrossTabs`).
export { acrossTabs } from './share/across-tabs.js';
export { DEFAULT_LEADER_TIMEOUT_MS } from './share/types.js';
export type { TabSharing, ShareHandle, ShareAcrossTabsOptions, LockManagerLike, ChannelLike, ChannelConstructor } from './share/types.js';

// Chat: the conversation store, how a reply travels, and the wire-format adapters.
export { ChatStore } from './chat/chat-store.js';
export type { ChatStatus, ChatSnapshot, ChatStoreOptions, ChatRequestContext } from './chat/chat-store.js';
export { messageText } from './chat/types.js';
export type {
  ChatMessage,
  MessagePart,
  TextPart,
  ReasoningPart,
  ToolPart,
  ToolState,
  SourcePart,
  DataPart,
  MessageStatus,
  MessageMetrics,
} from './chat/types.js';
export { localStoragePersistence } from './chat/persistence.js';
export type { ChatPersistence } from './chat/persistence.js';
export type { ReplyTransport, ReplyRequest, ReplyHandlers, ReplyContext } from './chat/transport.js';
export { sseReplyTransport } from './chat/sse-reply-transport.js';
export type { SSEReplyOptions, ChatResume, ChatResumeContext } from './chat/sse-reply-transport.js';
export { socketReplyTransport } from './chat/socket-reply-transport.js';
export type { SocketReplyOptions } from './chat/socket-reply-transport.js';
// The protocol registry's public surface as a whole, so an adapter added there is public in
// both entries at once.
export * from './protocols/index.js';

// Live feed: many topics over one connection, every event applied exactly once.
export { createLiveFeed, DEFAULT_FEED_GRACE_MS, DEFAULT_FEED_REORDER_MS, DEFAULT_FEED_LIMITS } from './feed/live-feed.js';
export type { LiveFeed, LiveFeedOptions, TopicSubscribeOptions } from './feed/live-feed.js';
export type {
  FeedEvent,
  FeedSnapshotData,
  FeedSnapshotContext,
  TopicStatus,
  TopicSnapshot,
  FeedStatusSnapshot,
  FeedStats,
} from './feed/types.js';
export type { FeedTransport, FeedTransportSink, FeedTopicChange, FeedOpenInfo } from './feed/transport.js';
export { sseFeedTransport, DEFAULT_TOPIC_URL_DEBOUNCE_MS } from './feed/sse-transport.js';
export type { SSEFeedTransportOptions } from './feed/sse-transport.js';
export { socketFeedTransport } from './feed/socket-transport.js';
export type { SocketFeedTransportOptions } from './feed/socket-transport.js';
export { jsonEventMapper, jsonFeedEvent } from './feed/map-event.js';
export type { JsonEventFields, JsonFeedEvent } from './feed/map-event.js';
export { fetchSnapshot } from './feed/fetch-snapshot.js';
export type { FetchSnapshotOptions } from './feed/fetch-snapshot.js';

// Order tracking: orders are topics of a live feed; state derived from the applied events.
export { TAQUERIA_STEPS } from './order/steps.js';
export { orderEventMapper, mapOrderEvent } from './order/map-event.js';
export type { OrderEventMapperOptions } from './order/map-event.js';
export { createOrderReducer, reduceOrder, emptyOrderLog, orderLogOf, DEFAULT_MAX_SKEW_MS, DEFAULT_MAX_ETA_EVENTS } from './order/log.js';
export type { OrderLog, LoggedEvent, OrderLogOptions } from './order/log.js';
export { positionAge } from './order/derive.js';
export { createOrderFeed } from './order/order-feed.js';
export type { OrderFeedOptions } from './order/order-feed.js';
export { sharedOrderFeed } from './order/shared-feed.js';
export { createOrderTracker, DEFAULT_POSITION_STALE_MS, DEFAULT_POSITION_THROTTLE_MS } from './order/tracker.js';
export type { OrderTracker, OrderTrackerOptions } from './order/tracker.js';
export { createOrderReplay } from './order/replay.js';
export type { OrderReplay, OrderReplayOptions, OrderReplaySnapshot } from './order/replay.js';
export { wallClock } from './order/wall-clock.js';
export type * from './order/types.js';

// Notifications: a store over the live feed, the toast queue and notify() (README "Notifications").
export * from './notifications/index.js';

// What the clients take injected (time, frames, page signals) and report.
export type { StreamMetrics } from './metrics.js';
export type { Clock } from './clock.js';
export type { StreamEnvironment } from './environment.js';
export type { FrameSource } from './frames.js';
