import type { StreamError } from '../errors.js';
import type { FinishReason, Source, Usage } from '../protocols/types.js';

/** Visible reply text. */
export interface TextPart {
  type: 'text';
  text: string;
}

/** Reasoning ("thinking") text, shown apart from the answer. */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
}

/** Where a tool call is in its life. */
export type ToolState = 'input-streaming' | 'input-available' | 'output-available' | 'output-error';

/** A tool or agent step: its input as it streams, then its output. */
export interface ToolPart {
  type: 'tool';
  toolCallId: string;
  toolName: string;
  state: ToolState;
  /** The raw JSON text of the input received so far (grows while `input-streaming`). */
  inputText: string;
  /** The parsed input, once complete. */
  input?: unknown;
  output?: unknown;
  errorText?: string;
}

/** A cited document or page. */
export interface SourcePart {
  type: 'source';
  source: Source;
}

/** A domain event carried in the reply (order status, a chart's data …). */
export interface DataPart {
  type: 'data';
  name: string;
  payload: unknown;
}

export type MessagePart = TextPart | ReasoningPart | ToolPart | SourcePart | DataPart;

/**
 * Where an assistant message is: `streaming` while tokens arrive, `done` after a normal finish,
 * `stopped` when you called `stop()` (the partial text is kept exactly), `error` when the
 * provider reported an error or the stream broke (the text received is kept).
 */
export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error';

/** Timing of one reply. */
export interface MessageMetrics {
  /** From sending to the first text or reasoning token. */
  timeToFirstTokenMs: number | null;
  /** Text+reasoning deltas per second between the first and the last token. */
  tokensPerSecond: number | null;
  /** From sending to the end of the reply. */
  durationMs: number | null;
  /** Text+reasoning deltas received. */
  deltas: number;
}

/**
 * One chat message, shaped like the AI SDK's UI message (`{ id, role, parts }`) so its users
 * feel at home. Finished messages are immutable: the same object until they change again.
 */
export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant' | 'system';
  parts: readonly MessagePart[];
  /** Epoch milliseconds. */
  createdAt: number;
  /** Assistant messages only. */
  status?: MessageStatus;
  /** Why it failed, when `status === 'error'`. */
  error?: StreamError;
  usage?: Usage;
  finishReason?: FinishReason;
  /** The provider's own finish reason (`end_turn`, `tool_calls` …). */
  rawFinishReason?: string;
  metrics?: MessageMetrics;
}

/** The whole text of a message's text parts (what a copy button or a screen reader wants). */
export function messageText(message: Pick<ChatMessage, 'parts'>): string {
  let text = '';
  for (const part of message.parts) if (part.type === 'text') text += part.text;
  return text;
}
