import type { StreamError } from '../errors.js';
import type { WireFrame } from '../protocols/types.js';

/** What the chat store asks a transport to send for one reply. */
export interface ReplyRequest {
  /** JSON-serialisable request body (the whole history, by default). */
  body: unknown;
  /** Extra headers (HTTP transports). */
  headers?: HeadersInit;
}

/** What a transport reports while one reply streams. */
export interface ReplyHandlers {
  /** The server answered; `contentType`/`headers` help detect the protocol. */
  onOpen(info: { contentType: string | null; headers: Headers | null }): void;
  /** One frame of the reply, in order. */
  onFrame(frame: WireFrame): void;
  /** The reply ended normally (its terminal frame, or the end of a plain text body). */
  onEnd(): void;
  /** The reply failed; no more frames follow. */
  onError(error: StreamError): void;
}

/** What the chat store knows about the reply a transport carries (to resume it, to log it). */
export interface ReplyContext {
  /** The conversation's id (the `id` option), if it has one. */
  readonly conversationId: string | undefined;
  /**
   * The reply's id as the server named it — the message id of the stream's start (Anthropic's
   * `message_start`, the OpenAI Responses id, the AI SDK's `messageId` …) — once it has; read it
   * when you need it (it is set while the reply streams).
   */
  readonly replyId: string | undefined;
}

/**
 * Carries one reply at a time over some wire. `isTerminal` lets the transport know which frame
 * ends a reply (the protocol decides). Returns the function that aborts the reply (after which
 * it reports nothing more). Reporting an `aborted` error instead ends the reply as stopped.
 */
export interface ReplyTransport {
  send(
    request: ReplyRequest,
    handlers: ReplyHandlers,
    isTerminal: (frame: WireFrame) => boolean,
    reply: ReplyContext,
  ): () => void;
  /** Releases long-lived resources (a WebSocket). */
  dispose?(): void;
}
