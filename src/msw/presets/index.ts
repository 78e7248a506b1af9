import type { HttpHandler } from 'msw';
import type { ProtocolName } from '../../core/protocols/types.js';
import { sseHandler, sseResponse, type Script, type ScriptContext, type ScriptedEvent, type ScriptOptions, type SSEHandlerOptions } from '../sse.js';
import { aiSdkPreset } from './ai-sdk.js';
import { anthropicPreset } from './anthropic.js';
import { chunkEventsPreset } from './chunk-events.js';
import { genericPreset } from './generic.js';
import { llamaindexPreset } from './llamaindex.js';
import { openaiResponsesPreset } from './openai-responses.js';
import { openaiPreset } from './openai.js';
import { chatReply, type ChatReplyInit, type PresetOptions, type PresetSupport, type ProtocolPreset } from './reply.js';

export { chatReply } from './reply.js';
export type { ChatReply, ChatReplyInit, ChatReplyToolCall, ChatReplySource, ChatReplyUsage, ChatReplyFinishReason, PresetOptions, PresetSupport } from './reply.js';

/** The wire formats a preset can speak: the SSE formats of the `protocol` option that carry chat events. */
export type PresetFormat = Extract<ProtocolName, 'anthropic' | 'openai' | 'openai-responses' | 'ai-sdk' | 'generic' | 'chunk-events' | 'llamaindex'>;

const PRESETS: Readonly<Record<PresetFormat, ProtocolPreset>> = {
  anthropic: anthropicPreset,
  openai: openaiPreset,
  'openai-responses': openaiResponsesPreset,
  'ai-sdk': aiSdkPreset,
  generic: genericPreset,
  'chunk-events': chunkEventsPreset,
  llamaindex: llamaindexPreset,
};

/**
 * What each format carries of a reply. Text always; the rest only where the format has a place
 * for it (a part it has none for is not sent):
 *
 * | format | reasoning | tool calls | tool outputs | sources | usage | finish reason | error code |
 * | --- | --- | --- | --- | --- | --- | --- | --- |
 * | `anthropic` | ✓ | ✓ | ✓ (as server tools) | | ✓ | ✓ | ✓ |
 * | `openai` | ✓ (`reasoning_content`) | ✓ | | | ✓ | ✓ | ✓ |
 * | `openai-responses` | ✓ (summary) | ✓ | | | ✓ | ✓ | ✓ |
 * | `ai-sdk` | ✓ | ✓ | ✓ | ✓ | | ✓ | |
 * | `generic` | | ✓ | ✓ | ✓ | | | ✓ |
 * | `chunk-events` | | | | | | | |
 * | `llamaindex` | ✓ | ✓ | ✓ | | | | ✓ (`error_type`) |
 *
 * Every format carries an in-band error (LlamaIndex's is the workflow's `WorkflowFailedEvent`).
 */
export const presetSupport: Readonly<Record<PresetFormat, PresetSupport>> = Object.fromEntries(
  Object.entries(PRESETS).map(([format, preset]) => [format, preset.support]),
) as Record<PresetFormat, PresetSupport>;

/**
 * A reply as the scripted SSE events `format`'s server sends, for {@link sseHandler},
 * {@link sseResponse} or your own handler. Text and reasoning go out `chunkWords` words per
 * delta; tool input JSON in short pieces.
 *
 * ```ts
 * const events = presetEvents('anthropic', { text: '¿Quieres 3 tacos al pastor? 🌮' });
 * ```
 */
export function presetEvents(format: PresetFormat, reply: ChatReplyInit, options: PresetOptions = {}): ScriptedEvent[] {
  return PRESETS[format].events(chatReply(reply), options);
}

/** The response headers `format`'s server sends (the AI SDK's `x-vercel-ai-ui-message-stream: v1`), then yours over them. */
function presetHeaders(format: PresetFormat, own: HeadersInit | undefined): Headers {
  const headers = new Headers(PRESETS[format].headers);
  new Headers(own).forEach((value, name) => headers.set(name, value));
  return headers;
}

/** Options of {@link chatHandler}: the scripted stream's (pacing, faults) and the preset's. Method default `post`. */
export interface ChatHandlerOptions extends SSEHandlerOptions, PresetOptions {}

/** A reply, or a function of the request it answers (called once per request: a regenerate can differ). */
export type ChatReplyScript = ChatReplyInit | ((context: ScriptContext) => ChatReplyInit);

/**
 * An MSW handler answering `path` (POST by default) the way a `format` server streams `reply`:
 * a mocked backend in one line, with the pacing and faults of {@link sseHandler}.
 *
 * ```ts
 * chatHandler('/api/chat', 'openai', { text: '¡Claro! Tus 3 tacos al pastor salen en 12 minutos.' }, { delayMs: 40 })
 * chatHandler('/api/chat', 'ai-sdk', ({ connection }) => ({ text: `Respuesta ${connection}` }))
 * ```
 *
 * The function form is synchronous (it receives the request, the connection number and the
 * `Last-Event-ID`); for a reply built from the request body, answer from your own `http.post`
 * handler with {@link chatResponse}.
 */
export function chatHandler(path: string, format: PresetFormat, reply: ChatReplyScript, options: ChatHandlerOptions = {}): HttpHandler {
  const { chunkWords, headers, method = 'post', ...stream } = options;
  const preset = { chunkWords };
  const script: Script = typeof reply === 'function' ? (context) => presetEvents(format, reply(context), preset) : presetEvents(format, reply, preset);
  return sseHandler(path, script, { ...stream, method, headers: presetHeaders(format, headers) });
}

/**
 * The streamed `Response` of a `format` server answering `reply`, for your own MSW handlers:
 *
 * ```ts
 * http.post('/api/chat', async ({ request }) => {
 *   const { message } = (await request.json()) as { message: string };
 *   return chatResponse('anthropic', { text: `Pediste: ${message}` }, { delayMs: 40 }, request.signal);
 * })
 * ```
 */
export function chatResponse(format: PresetFormat, reply: ChatReplyInit, options: ScriptOptions & PresetOptions = {}, signal?: AbortSignal): Response {
  const { chunkWords, headers, ...stream } = options;
  return sseResponse(presetEvents(format, reply, { chunkWords }), { ...stream, headers: presetHeaders(format, headers) }, signal);
}
