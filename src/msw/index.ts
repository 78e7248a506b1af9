/**
 * react-streamkit/msw: mock streaming servers with Mock Service Worker, for stories and tests.
 * Requires `msw` (a peer dependency of this entry only).
 */
export { encodeEvent, scriptedStream, sseResponse, sseHandler } from './sse.js';
export type { ScriptedEvent, ScriptOptions, ScriptContext, Script, SSEHandlerOptions } from './sse.js';
export { socketFeed, flakySocket, roomsServer } from './ws.js';
export type { SocketScenarioOptions, SocketFeedOptions, FlakySocketOptions, RoomsServerOptions } from './ws.js';
