'use client';
/**
 * react-streamkit: React hooks and components for streaming UIs.
 *
 * The React-free core (`SSEClient`, errors, backoff) is exported alongside the hooks so it can
 * be used from non-React code too.
 */
export { useSSEStream } from './hooks/useSSEStream.js';
export type { UseSSEStreamOptions, UseSSEStreamResult } from './hooks/useSSEStream.js';

export {
  SSEClient,
  isDefaultTerminalEvent,
  DEFAULT_FIRST_BYTE_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
} from './core/transport/sse-client.js';
export type {
  SSEClientOptions,
  SSEOpenInfo,
  SSERequestOptions,
  SSESnapshot,
  SSEEvent,
  Resolvable,
} from './core/transport/sse-client.js';
export type { StreamStatus } from './core/transport/status.js';
export { StreamError, isStreamError } from './core/errors.js';
export type { StreamErrorKind, StreamErrorInit } from './core/errors.js';
export { DEFAULT_BACKOFF, fullJitterDelay } from './core/backoff.js';
export type { BackoffOptions } from './core/backoff.js';
export type { StreamMetrics } from './core/metrics.js';
export type { Clock } from './core/clock.js';
export type { StreamEnvironment } from './core/environment.js';
export type { FrameSource } from './core/frames.js';

// WebSocket transport.
export { useSocketStream } from './hooks/useSocketStream.js';
export type { UseSocketStreamOptions, UseSocketStreamResult } from './hooks/useSocketStream.js';
export {
  SocketClient,
  NORMAL_CLOSURE,
  DEFAULT_AUTH_CLOSE_CODES,
  DEFAULT_CONNECT_TIMEOUT_MS,
  CLIENT_TIMEOUT_CLOSE_CODE,
} from './core/transport/socket-client.js';
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
} from './core/transport/socket-client.js';
export { DEFAULT_HEARTBEAT } from './core/transport/socket-heartbeat.js';
export { DEFAULT_OUTBOUND_QUEUE } from './core/transport/socket-queue.js';
export { DEFAULT_REQUEST_TIMEOUT_MS } from './core/transport/socket-requests.js';

// Chat: protocol adapters, the chat store and useChatStream.
export { useChatStream } from './hooks/useChatStream.js';
export type { UseChatStreamOptions, UseChatStreamResult } from './hooks/useChatStream.js';
export { ChatStore } from './core/chat/chat-store.js';
export type { ChatStatus, ChatSnapshot, ChatStoreOptions, ChatRequestContext } from './core/chat/chat-store.js';
export { messageText } from './core/chat/types.js';
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
} from './core/chat/types.js';
export { localStoragePersistence } from './core/chat/persistence.js';
export type { ChatPersistence } from './core/chat/persistence.js';
export type { ReplyTransport, ReplyRequest, ReplyHandlers } from './core/chat/transport.js';
export { sseReplyTransport } from './core/chat/sse-reply-transport.js';
export type { SSEReplyOptions } from './core/chat/sse-reply-transport.js';
export { socketReplyTransport } from './core/chat/socket-reply-transport.js';
export type { SocketReplyOptions } from './core/chat/socket-reply-transport.js';
export {
  protocols,
  getProtocol,
  detectProtocol,
  genericProtocol,
  textProtocol,
  chunkEventsProtocol,
  anthropicProtocol,
  openaiProtocol,
  openaiResponsesProtocol,
  aiSdkProtocol,
  llamaindexProtocol,
  wsChatProtocol,
} from './core/protocols/index.js';
export type {
  DetectProtocolInput,
  ChatStreamEvent,
  FinishReason,
  ProtocolAdapter,
  ProtocolDecoder,
  ProtocolName,
  Source,
  Usage,
  WireFrame,
} from './core/protocols/index.js';

// Chat UI: StreamChat and its headless parts (message list, streaming text, cursor, composer,
// status announcer …), labels (English, Spanish) and theming.
export * from './components/index.js';
