import { parseJsonObject, stringField, type JsonObject } from './json.js';
import type { ChatStreamEvent, FinishReason, ProtocolAdapter, ProtocolDecoder, Source, WireFrame } from './types.js';

const DONE = '[DONE]';

// A Map, not an object literal: a provider string like "constructor" must not hit Object.prototype.
const FINISH_REASONS = new Map<string, FinishReason>([
  ['stop', 'stop'],
  ['length', 'length'],
  ['content-filter', 'content-filter'],
  ['tool-calls', 'tool-calls'],
  ['error', 'error'],
  ['other', 'other'],
]);

/**
 * Vercel AI SDK UI message stream, v1 (response header `x-vercel-ai-ui-message-stream: v1`), per
 * the AI SDK "Stream Protocols" page (https://ai-sdk.dev/docs/ai-sdk-ui/stream-protocol): every
 * SSE `data:` is one JSON part, and the stream ends with `data: [DONE]` (the only terminal frame).
 *
 * - `start` → `start`; `start-step`, `finish-step`, `text-start`/`-end`, `reasoning-start`/`-end` carry nothing to show
 * - `text-delta` / `reasoning-delta` (`id`, `delta`) → text / reasoning, part = the part's `id`
 * - `tool-input-start` → `tool-start`; `tool-input-delta` (`inputTextDelta`) → `tool-input-delta`;
 *   `tool-input-available` (`input`, sent whole) → `tool-input-end` with that input;
 *   `tool-input-error` → `tool-input-end` and an error `tool-result`
 * - `tool-output-available` → `tool-result`; `tool-output-error` (`errorText`) → error `tool-result`
 * - `source-url` / `source-document` → `sources`
 * - `data-<name>` parts → `data` events named `<name>`; `message-metadata` (and the metadata of
 *   `start`/`finish`) → `data` named `message-metadata`
 * - `finish` → `finish` (its optional `finishReason`, else `stop`); `abort` → `finish` `aborted`;
 *   `error` (`errorText`) → `error`
 *
 * Files, custom parts and tool approvals are ignored; malformed JSON frames are skipped.
 */
export const aiSdkProtocol: ProtocolAdapter = {
  name: 'ai-sdk',
  createDecoder: (): ProtocolDecoder => new AiSdkDecoder(),
};

class AiSdkDecoder implements ProtocolDecoder {
  // Tool calls already announced: `tool-input-available` may come without `tool-input-start`
  // (tools whose input is not streamed), and consumers need a `tool-start` first.
  private readonly startedTools = new Set<string>();

  decode(frame: WireFrame, emit: (event: ChatStreamEvent) => void): void {
    if (frame.data.trim() === DONE) return;
    const part = parseJsonObject(frame.data);
    if (part === undefined) return;
    const type = stringField(part.type) ?? '';
    switch (type) {
      case 'start': {
        const messageId = stringField(part.messageId);
        emit(messageId === undefined ? { type: 'start' } : { type: 'start', messageId });
        this.metadata(part, emit);
        return;
      }
      case 'text-delta':
      case 'reasoning-delta': {
        const delta = stringField(part.delta);
        if (!delta) return;
        const partId = stringField(part.id);
        const kind = type === 'text-delta' ? 'text-delta' : 'reasoning-delta';
        emit(partId === undefined ? { type: kind, delta } : { type: kind, delta, partId });
        return;
      }
      case 'tool-input-start':
        this.toolStart(part, emit);
        return;
      case 'tool-input-delta': {
        const toolCallId = stringField(part.toolCallId);
        const delta = stringField(part.inputTextDelta);
        if (toolCallId !== undefined && delta) emit({ type: 'tool-input-delta', toolCallId, delta });
        return;
      }
      case 'tool-input-available':
      case 'tool-input-error': {
        const toolCallId = this.toolStart(part, emit);
        if (toolCallId === undefined) return;
        emit(part.input === undefined ? { type: 'tool-input-end', toolCallId } : { type: 'tool-input-end', toolCallId, input: part.input });
        if (type === 'tool-input-error') {
          emit({ type: 'tool-result', toolCallId, output: stringField(part.errorText) ?? 'Invalid tool input.', isError: true });
        }
        return;
      }
      case 'tool-output-available': {
        const toolCallId = stringField(part.toolCallId);
        if (toolCallId !== undefined) emit({ type: 'tool-result', toolCallId, output: part.output });
        return;
      }
      case 'tool-output-error': {
        const toolCallId = stringField(part.toolCallId);
        if (toolCallId !== undefined) {
          emit({ type: 'tool-result', toolCallId, output: stringField(part.errorText) ?? 'The tool failed.', isError: true });
        }
        return;
      }
      case 'source-url':
      case 'source-document':
        emit({ type: 'sources', sources: [readSource(part)] });
        return;
      case 'message-metadata':
        this.metadata(part, emit);
        return;
      case 'finish': {
        this.metadata(part, emit);
        const raw = stringField(part.finishReason);
        emit(raw === undefined ? { type: 'finish', reason: 'stop' } : { type: 'finish', reason: FINISH_REASONS.get(raw) ?? 'other', raw });
        return;
      }
      case 'abort': {
        const reason = stringField(part.reason);
        emit(reason === undefined ? { type: 'finish', reason: 'aborted' } : { type: 'finish', reason: 'aborted', raw: reason });
        return;
      }
      case 'error':
        emit({ type: 'error', message: stringField(part.errorText) ?? 'The server reported an error.' });
        return;
      default:
        if (type.startsWith('data-') && type.length > 5) emit({ type: 'data', name: type.slice(5), payload: part.data });
        return;
    }
  }

  isTerminal(frame: WireFrame): boolean {
    return frame.data.trim() === DONE;
  }

  /** Emits `tool-start` once per call; returns the call id. */
  private toolStart(part: JsonObject, emit: (event: ChatStreamEvent) => void): string | undefined {
    const toolCallId = stringField(part.toolCallId);
    if (toolCallId === undefined || this.startedTools.has(toolCallId)) return toolCallId;
    this.startedTools.add(toolCallId);
    emit({ type: 'tool-start', toolCallId, toolName: stringField(part.toolName) ?? 'tool' });
    return toolCallId;
  }

  private metadata(part: JsonObject, emit: (event: ChatStreamEvent) => void): void {
    if (part.messageMetadata !== undefined) emit({ type: 'data', name: 'message-metadata', payload: part.messageMetadata });
  }
}

function readSource(part: JsonObject): Source {
  const source: Source = {};
  const id = stringField(part.sourceId);
  const title = stringField(part.title);
  const url = stringField(part.url);
  const text = stringField(part.filename);
  if (id !== undefined) source.id = id;
  if (title !== undefined) source.title = title;
  if (url !== undefined) source.url = url;
  if (text !== undefined) source.text = text;
  return source;
}
