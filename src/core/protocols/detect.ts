import { arrayField, parseJsonObject, stringField } from './json.js';
import { isLlamaIndexAgentEvent } from './llamaindex.js';
import type { ProtocolName, WireFrame } from './types.js';

/** What is known about a response when choosing its protocol. */
export interface DetectProtocolInput {
  /** The response's `Content-Type`. */
  contentType?: string | null;
  /** The response's headers (a `Headers` or a plain record; names are case-insensitive). */
  headers?: Headers | Readonly<Record<string, string | undefined>> | null;
  /** The first frame of the body, when detection waits for it. */
  firstFrame?: WireFrame;
}

const GENERIC_TYPES = new Set(['chunk', 'token', 'sources', 'tool_start', 'metadata']);

/**
 * Guesses the wire format from what is unambiguous, or returns `undefined`:
 *
 * 1. header `x-vercel-ai-ui-message-stream` → `ai-sdk`
 * 2. content type `text/plain` → `text`
 * 3. the first frame: SSE event `message_start` → `anthropic`; events named `response.*` →
 *    `openai-responses`; events named `start` / `chunk` → `chunk-events`; for unnamed events the
 *    JSON decides: `type` `message_start` → `anthropic`, `response.*` → `openai-responses`,
 *    `object: "chat.completion.chunk"` or a `choices` array → `openai`, a LlamaIndex agent event
 *    type (`AgentStream`, `ToolCall` … in any casing) → `llamaindex`, a `content` string or a
 *    generic message type (`chunk`, `token`, `sources`, `tool_start`, `metadata`) → `generic`.
 *
 * WebSocket formats (`ws-chat`) are not guessed: the caller knows it opened a socket. An
 * explicit `protocol` option must win over this; applying it is the caller's job.
 */
export function detectProtocol(input: DetectProtocolInput): ProtocolName | undefined {
  const { headers, firstFrame } = input;
  if (header(headers, 'x-vercel-ai-ui-message-stream') !== undefined) return 'ai-sdk';
  const contentType = input.contentType ?? header(headers, 'content-type');
  if (contentType !== undefined && /^\s*text\/plain\b/i.test(contentType)) return 'text';
  return firstFrame === undefined ? undefined : fromFrame(firstFrame);
}

function fromFrame(frame: WireFrame): ProtocolName | undefined {
  if (frame.type === 'message_start') return 'anthropic';
  if (frame.type.startsWith('response.')) return 'openai-responses';
  if (frame.type === 'start' || frame.type === 'chunk') return 'chunk-events';
  if (frame.type !== 'message') return undefined;
  const json = parseJsonObject(frame.data);
  if (json === undefined) return undefined;
  const type = stringField(json.type);
  if (type === 'message_start') return 'anthropic';
  if (type?.startsWith('response.')) return 'openai-responses';
  if (json.object === 'chat.completion.chunk' || arrayField(json.choices) !== undefined) return 'openai';
  if (isLlamaIndexAgentEvent(json)) return 'llamaindex';
  if (typeof json.content === 'string' || (type !== undefined && GENERIC_TYPES.has(type))) return 'generic';
  return undefined;
}

function header(headers: DetectProtocolInput['headers'], name: string): string | undefined {
  if (headers === undefined || headers === null) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | undefined>>;
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() === name) return record[key];
  }
  return undefined;
}
