import { arrayField, isJsonObject, parseJsonObject, stringField, type JsonObject } from './json.js';
import type { ChatStreamEvent, Source } from './types.js';

/**
 * The small JSON message vocabulary home-made chat servers use, shared by the `generic` (SSE)
 * and `ws-chat` (WebSocket) adapters, which differ only in framing:
 *
 * - `{"content": "…"}` (no type), `{"type":"chunk","content"}`, `{"type":"token","content"}`: text
 * - `{"type":"sources","sources":[{title,url,…}]}`: cited documents (a RAG pipeline sends them first)
 * - `{"type":"tool_start","tool","input"?}` / `{"type":"tool_end","tool","result"}`: agent tool runs
 * - `{"type":"metadata",…}`: a `data` event named `metadata` with the other fields as payload
 * - `{"type":"done"}`: the reply ended; `{"type":"error","error"|"message"}`: it failed
 * - anything else (`ping`, unknown types, non-object JSON): ignored
 */
export class ChatMessageDecoder {
  // Tool runs carry a name but usually no id: ids are made up per run, and a `tool_end` closes
  // the oldest open run of that tool (runs of one tool finish in the order they started).
  private readonly openRuns = new Map<string, string[]>();
  private runCount = 0;
  private ended = false;

  /** Decodes one message object. */
  decode(message: JsonObject, emit: (event: ChatStreamEvent) => void): void {
    const type = message.type;
    switch (type) {
      case undefined:
      case 'chunk':
      case 'token': {
        const content = stringField(message.content);
        if (content !== undefined && content !== '') emit({ type: 'text-delta', delta: content });
        return;
      }
      case 'sources': {
        const sources = readSources(message.sources);
        if (sources.length > 0) emit({ type: 'sources', sources });
        return;
      }
      case 'tool_start':
        this.toolStart(message, emit);
        return;
      case 'tool_end':
        this.toolEnd(message, emit);
        return;
      case 'metadata': {
        const { type: _type, ...payload } = message;
        emit({ type: 'data', name: 'metadata', payload });
        return;
      }
      case 'done':
        this.finish(emit);
        return;
      case 'error':
        if (this.ended) return;
        this.ended = true;
        emit(readError(message));
        return;
      default:
        return;
    }
  }

  /** Emits `finish` unless the reply already ended (`{"type":"done"}` is often followed by `[DONE]`). */
  finish(emit: (event: ChatStreamEvent) => void): void {
    if (this.ended) return;
    this.ended = true;
    emit({ type: 'finish', reason: 'stop' });
  }

  private toolStart(message: JsonObject, emit: (event: ChatStreamEvent) => void): void {
    const toolName = stringField(message.tool) ?? 'tool';
    const toolCallId = stringField(message.id) ?? `${toolName}-${++this.runCount}`;
    const queue = this.openRuns.get(toolName);
    if (queue === undefined) this.openRuns.set(toolName, [toolCallId]);
    else queue.push(toolCallId);
    emit({ type: 'tool-start', toolCallId, toolName });
    if (message.input !== undefined) emit({ type: 'tool-input-end', toolCallId, input: message.input });
  }

  private toolEnd(message: JsonObject, emit: (event: ChatStreamEvent) => void): void {
    const toolName = stringField(message.tool) ?? 'tool';
    const queue = this.openRuns.get(toolName);
    const explicitId = stringField(message.id);
    let toolCallId: string | undefined;
    if (explicitId !== undefined) {
      toolCallId = explicitId;
      const at = queue?.indexOf(explicitId) ?? -1;
      if (at >= 0) queue!.splice(at, 1);
    } else {
      toolCallId = queue?.shift();
    }
    if (toolCallId === undefined) {
      // A result for a run we never saw start: still show it, as its own call.
      toolCallId = `${toolName}-${++this.runCount}`;
      emit({ type: 'tool-start', toolCallId, toolName });
    }
    const isError = message.error !== undefined && message.error !== null && message.error !== false;
    const output = message.result !== undefined ? message.result : isError ? message.error : message.output;
    emit(isError ? { type: 'tool-result', toolCallId, toolName, output, isError } : { type: 'tool-result', toolCallId, toolName, output });
  }
}

/** True when the message text is a JSON `done` or `error` message. Parses only frames that could be. */
export function isTerminalChatMessage(text: string): boolean {
  // Prefilter: most frames are text chunks, and only a frame containing one of these words can
  // be terminal, so the common case costs a substring scan instead of a second JSON parse.
  if (!text.includes('"done"') && !text.includes('"error"')) return false;
  const message = parseJsonObject(text);
  return message !== undefined && (message.type === 'done' || message.type === 'error');
}

function readSources(value: unknown): Source[] {
  const sources: Source[] = [];
  for (const item of arrayField(value) ?? []) {
    if (!isJsonObject(item)) continue;
    const source: Source = {};
    const id = stringField(item.id);
    const title = stringField(item.title);
    const url = stringField(item.url);
    const text = stringField(item.text) ?? stringField(item.snippet);
    if (id !== undefined) source.id = id;
    if (title !== undefined) source.title = title;
    if (url !== undefined) source.url = url;
    if (text !== undefined) source.text = text;
    sources.push(source);
  }
  return sources;
}

function readError(message: JsonObject): ChatStreamEvent {
  const error = message.error;
  const text =
    stringField(error) ??
    (isJsonObject(error) ? stringField(error.message) : undefined) ??
    stringField(message.message) ??
    'The server reported an error.';
  const code = stringField(message.code) ?? (isJsonObject(error) ? stringField(error.code) : undefined);
  return code === undefined ? { type: 'error', message: text } : { type: 'error', message: text, code };
}
