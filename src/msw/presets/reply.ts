import type { ScriptedEvent } from '../sse.js';

/**
 * A tool call in a mocked reply. With an `output` it is a call the server ran (an agent's step:
 * the call, then its result, then the answer); without one it is a call the model asks your app
 * to run (it comes after the text, and the reply ends with the `tool-calls` finish reason).
 */
export interface ChatReplyToolCall {
  /** The call's id. Default: `call_<n>`, counting the reply's calls from 1. */
  id?: string;
  /** The tool's name. */
  name: string;
  /** The call's arguments, sent as JSON (streamed in pieces where the format streams them). */
  input: unknown;
  /** What the tool returned, for formats that carry tool results (see {@link presetSupport}). */
  output?: unknown;
  /** How long the tool "runs": the wait before its output is sent. Default: the stream's pacing. */
  delayMs?: number;
}

/** A cited document or page, for formats that carry sources (generic, AI SDK). */
export interface ChatReplySource {
  /** Default: `source-<n>`, counting the reply's sources from 1. */
  id?: string;
  url: string;
  title?: string;
}

/** Token counts, for formats that carry usage (Anthropic, OpenAI Chat Completions and Responses). */
export interface ChatReplyUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Why a reply ended, where the format says it; default `tool-calls` when it asks for tool calls, else `stop`. */
export type ChatReplyFinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter';

/** What a mocked assistant answers, format-neutral: {@link chatReply} fills in the defaults. */
export interface ChatReplyInit {
  /** The answer's text, streamed in word-sized pieces (see `chunkWords`). May be `''`. */
  text: string;
  /** Reasoning ("thinking") text, streamed before the answer where the format carries it. */
  reasoning?: string;
  /** Tool calls: those with an `output` before the text, those without after it. */
  toolCalls?: readonly ChatReplyToolCall[];
  /** Sources the answer cites, sent after the text where the format carries them. */
  sources?: readonly ChatReplySource[];
  /** Token usage, reported at the end where the format carries it. */
  usage?: ChatReplyUsage;
  /** Overrides the finish reason where the format has one. */
  finishReason?: ChatReplyFinishReason;
  /**
   * Fail the reply after its text, with the format's own in-band error event (the client's
   * `provider` error). A string is the message; `code` goes where the format puts one.
   */
  error?: string | { message: string; code?: string };
  /** The reply's id (message or response id). Default: a fixed id in the format's style. */
  id?: string;
  /** The model name, where the format sends one. Default: a model name in the format's style. */
  model?: string;
  /** The conversation id of the `chunk-events` format. Default `conv_mock`. */
  conversationId?: string;
}

/** A reply with every default filled in: what the presets read. */
export interface ChatReply extends ChatReplyInit {
  readonly reasoning: string;
  readonly toolCalls: ReadonlyArray<ChatReplyToolCall & { id: string }>;
  readonly sources: ReadonlyArray<ChatReplySource & { id: string }>;
  readonly error: { message: string; code?: string } | undefined;
  readonly conversationId: string;
}

/** How a preset cuts a reply into events. */
export interface PresetOptions {
  /** Words per text (and reasoning) delta. Default 1, as a model streams tokens. */
  chunkWords?: number;
}

/**
 * A format-neutral mocked reply with its defaults filled in (tool call and source ids). Pass it,
 * or the plain object, to {@link presetEvents} or {@link chatHandler}.
 *
 * ```ts
 * const reply = chatReply({
 *   text: '¿Quieres 3 tacos al pastor? 🌮',
 *   reasoning: 'The customer asks about tacos.',
 *   toolCalls: [{ name: 'check_stock', input: { dish: 'pastor' }, output: { left: 12 } }],
 *   usage: { inputTokens: 42, outputTokens: 12 },
 * });
 * ```
 */
export function chatReply(init: ChatReplyInit): ChatReply {
  const error = typeof init.error === 'string' ? { message: init.error } : init.error;
  return {
    ...init,
    reasoning: init.reasoning ?? '',
    // A call without input is sent as `{}`, as providers send a tool without parameters.
    toolCalls: (init.toolCalls ?? []).map((call, index) => ({ ...call, id: call.id ?? `call_${index + 1}`, input: call.input ?? {} })),
    sources: (init.sources ?? []).map((source, index) => ({ ...source, id: source.id ?? `source-${index + 1}` })),
    error,
    conversationId: init.conversationId ?? 'conv_mock',
  };
}

/** A reply's tool calls split by where they go: run by the server (before the text) or asked of the app (after). */
export function splitToolCalls(reply: ChatReply, carriesOutputs: boolean): { ran: ChatReply['toolCalls']; asked: ChatReply['toolCalls'] } {
  if (!carriesOutputs) return { ran: [], asked: reply.toolCalls };
  return {
    ran: reply.toolCalls.filter((call) => call.output !== undefined),
    asked: reply.toolCalls.filter((call) => call.output === undefined),
  };
}

/** The finish reason: the reply's own, else `tool-calls` when calls are left for the app, else `stop`. */
export function finishReasonOf(reply: ChatReply, asked: number): ChatReplyFinishReason {
  return reply.finishReason ?? (asked > 0 ? 'tool-calls' : 'stop');
}

/**
 * Cuts text into pieces of `words` words, each keeping its following whitespace (the first also
 * its leading whitespace), so the pieces join back to exactly the text. Whitespace-only text is
 * one piece; empty text none.
 */
export function textPieces(text: string, words = 1): string[] {
  const tokens = text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
  const size = Math.max(1, Math.floor(words));
  if (size === 1) return tokens;
  const pieces: string[] = [];
  for (let index = 0; index < tokens.length; index += size) pieces.push(tokens.slice(index, index + size).join(''));
  return pieces;
}

/** Code points per streamed piece of tool input JSON (models stream arguments a few tokens at a time). */
const INPUT_PIECE = 16;

/** A tool input as the JSON text a model streams, cut into pieces (never inside a character). */
export function inputPieces(input: unknown): { json: string; pieces: string[] } {
  const json = JSON.stringify(input);
  const points = Array.from(json);
  const pieces: string[] = [];
  for (let index = 0; index < points.length; index += INPUT_PIECE) pieces.push(points.slice(index, index + INPUT_PIECE).join(''));
  return { json, pieces };
}

/** One wire format's preset: what it can carry, the headers its server sends, and its events. */
export interface ProtocolPreset {
  /** Response headers the format's server sends besides the SSE content type. */
  headers?: Readonly<Record<string, string>>;
  /** Which parts of a reply the format carries; the others are not sent. */
  support: PresetSupport;
  /** The reply as this format's events, in order. */
  events(reply: ChatReply, options: PresetOptions): ScriptedEvent[];
}

/** Which parts of a {@link ChatReplyInit} a wire format carries (parts it cannot carry are not sent). */
export interface PresetSupport {
  /** Reasoning ("thinking") text. */
  reasoning: boolean;
  /** Tool calls with their input. */
  toolCalls: boolean;
  /** Tool results (a server-run tool's `output`). */
  toolOutputs: boolean;
  /** Cited sources. */
  sources: boolean;
  /** Token usage. */
  usage: boolean;
  /** A finish reason other than `stop`. */
  finishReason: boolean;
  /** An in-band error event (the client's `provider` error). */
  error: boolean;
  /** An error code beside the message. */
  errorCode: boolean;
}
