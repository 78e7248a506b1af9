/**
 * The one event model every wire format is reduced to. Protocol adapters turn frames into
 * these; the chat store turns these into messages. Unknown wire events produce nothing.
 */

/** Why a reply ended, normalised across providers (`raw` keeps the provider's own word). */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'aborted' | 'other';

/** Token counts as reported by the provider (cumulative: the latest report wins). */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  /** Provider specific extra counters (cache reads, reasoning tokens …). */
  extra?: Record<string, number>;
}

/** A cited document or page (RAG sources, web search results). */
export interface Source {
  id?: string;
  title?: string;
  url?: string;
  /** Free text shown with the source (a snippet, a filename). */
  text?: string;
}

/**
 * One step of a streamed reply. Per-token events carry only the new fragment (`delta`), never
 * the accumulated text, so consumers can keep work O(delta).
 */
export type ChatStreamEvent =
  /** A reply started. `messageId` is the server's id when it sends one. */
  | { type: 'start'; messageId?: string; model?: string }
  /** More visible text. `partId` separates text blocks when the format has several. */
  | { type: 'text-delta'; delta: string; partId?: string }
  /** More reasoning ("thinking") text. */
  | { type: 'reasoning-delta'; delta: string; partId?: string }
  /** A tool call began (its input may follow as deltas). */
  | { type: 'tool-start'; toolCallId: string; toolName: string }
  /** A fragment of the tool call's JSON input. Concatenate; parse once at `tool-input-end`. */
  | { type: 'tool-input-delta'; toolCallId: string; delta: string }
  /**
   * The tool call's input is complete. `input` is set when the wire format sends it whole;
   * otherwise consumers parse the concatenated deltas once.
   */
  | { type: 'tool-input-end'; toolCallId: string; input?: unknown }
  /** A tool returned (agent frameworks that run tools server-side report this). */
  | { type: 'tool-result'; toolCallId: string; output: unknown; isError?: boolean; toolName?: string }
  /** Documents the reply cites. */
  | { type: 'sources'; sources: Source[] }
  /** Token usage so far (cumulative). */
  | { type: 'usage'; usage: Usage }
  /** The reply ended normally; `reason` normalised, `raw` as the provider said it. */
  | { type: 'finish'; reason: FinishReason; raw?: string }
  /** The provider reported an error in the stream. The reply stops here. */
  | { type: 'error'; message: string; code?: string }
  /** A domain event that is not chat text (order status, courier position, notification). */
  | { type: 'data'; name: string; payload: unknown };

/** One frame from a transport: an SSE event, or a WebSocket text message (`type: 'message'`). */
export interface WireFrame {
  /** SSE `event:` name (`'message'` by default); `'message'` for WebSocket frames. */
  type: string;
  /** The frame's text: SSE `data`, or the WebSocket message text. */
  data: string;
}

/** Names of the built-in protocols (the `protocol` option of useChatStream). */
export type ProtocolName =
  | 'generic'
  | 'text'
  | 'chunk-events'
  | 'anthropic'
  | 'openai'
  | 'openai-responses'
  | 'ai-sdk'
  | 'llamaindex'
  | 'ws-chat';

/** Per-stream decoding state of one protocol. Create one per reply. */
export interface ProtocolDecoder {
  /**
   * Decodes one frame, calling `emit` for each resulting event (zero or more). Must be O(frame):
   * no re-parsing of earlier frames. Throws nothing for unknown frames; malformed JSON in a frame
   * emits an `error` event only if the protocol cannot continue, otherwise the frame is skipped.
   */
  decode(frame: WireFrame, emit: (event: ChatStreamEvent) => void): void;
  /** True when this frame ends the reply (`[DONE]`, `message_stop`, `end` …). */
  isTerminal(frame: WireFrame): boolean;
}

/**
 * A wire format: a name and a factory of per-stream decoders. The built-in ones are exported
 * (`anthropicProtocol`, `openaiProtocol` …); write your own for a format of your own and pass it
 * as `protocol` — no detection runs then, and no other adapter is loaded.
 */
export interface ProtocolAdapter {
  /** A built-in {@link ProtocolName}, or any name of yours (for your logs; nothing looks it up). */
  name: ProtocolName | (string & {});
  createDecoder(): ProtocolDecoder;
}
