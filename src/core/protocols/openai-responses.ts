import { numberField, objectField, parseJsonObject, stringField, type JsonObject } from './json.js';
import { ToolInputBuffers } from './tool-input.js';
import type { ChatStreamEvent, FinishReason, ProtocolAdapter, ProtocolDecoder, Usage, WireFrame } from './types.js';

const TERMINAL = new Set(['response.completed', 'response.failed', 'response.incomplete', 'error']);

/**
 * OpenAI Responses API streaming (`stream: true`), per OpenAI's "Streaming API responses" guide
 * and the streaming events reference (https://platform.openai.com/docs/api-reference/responses-streaming).
 * SSE event names equal the payload's `type`; there is no `[DONE]`:
 *
 * - `response.created` → `start` (response id, model)
 * - `response.output_item.added` with a `function_call` item (`call_id`, `name`) → `tool-start`;
 *   later argument events name the item by `item_id`, mapped here to its `call_id`
 * - `response.output_text.delta` / `response.refusal.delta` → text (part = output item id)
 * - `response.reasoning_summary_text.delta` / `response.reasoning_text.delta` → reasoning
 * - `response.function_call_arguments.delta` → `tool-input-delta`; `.done` (or the item's
 *   `response.output_item.done`, whichever comes first) → `tool-input-end`, parsed once
 * - `response.completed` → usage, `finish` (`tool-calls` when the response called functions);
 *   `response.incomplete` → usage, `finish` (`length` for max_output_tokens, `content-filter`,
 *   else `other`); `response.failed` and `error` → `error`. All four are terminal.
 *
 * Other events (content parts, annotations, built-in tool progress) are ignored; malformed
 * JSON frames are skipped.
 */
export const openaiResponsesProtocol: ProtocolAdapter = {
  name: 'openai-responses',
  createDecoder: (): ProtocolDecoder => new ResponsesDecoder(),
};

class ResponsesDecoder implements ProtocolDecoder {
  private readonly callIds = new Map<string, string>();
  private readonly tools = new ToolInputBuffers();
  private calledFunctions = false;

  decode(frame: WireFrame, emit: (event: ChatStreamEvent) => void): void {
    const event = parseJsonObject(frame.data);
    if (event === undefined) return;
    switch (stringField(event.type) ?? frame.type) {
      case 'response.created': {
        const response = objectField(event.response);
        const start: Extract<ChatStreamEvent, { type: 'start' }> = { type: 'start' };
        const id = stringField(response?.id);
        const model = stringField(response?.model);
        if (id !== undefined) start.messageId = id;
        if (model !== undefined) start.model = model;
        emit(start);
        return;
      }
      case 'response.output_item.added':
        this.itemAdded(objectField(event.item), emit);
        return;
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        this.textual('text-delta', event, emit);
        return;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        this.textual('reasoning-delta', event, emit);
        return;
      case 'response.function_call_arguments.delta': {
        const toolCallId = this.callIds.get(stringField(event.item_id) ?? '');
        const delta = stringField(event.delta);
        if (toolCallId !== undefined && delta !== undefined) this.tools.append(toolCallId, delta, emit);
        return;
      }
      case 'response.function_call_arguments.done':
        this.endCall(stringField(event.item_id), event.arguments, emit);
        return;
      case 'response.output_item.done': {
        const item = objectField(event.item);
        if (item?.type === 'function_call') this.endCall(stringField(item.id), item.arguments, emit);
        return;
      }
      case 'response.completed':
        this.finish(objectField(event.response), this.calledFunctions ? 'tool-calls' : 'stop', 'completed', emit);
        return;
      case 'response.incomplete': {
        const response = objectField(event.response);
        const why = stringField(objectField(response?.incomplete_details)?.reason);
        const reason: FinishReason = why === 'max_output_tokens' ? 'length' : why === 'content_filter' ? 'content-filter' : 'other';
        this.finish(response, reason, why ?? 'incomplete', emit);
        return;
      }
      case 'response.failed': {
        const error = objectField(objectField(event.response)?.error);
        emit(errorEvent(stringField(error?.message), stringField(error?.code)));
        return;
      }
      case 'error':
        emit(errorEvent(stringField(event.message), stringField(event.code)));
        return;
      default:
        return;
    }
  }

  isTerminal(frame: WireFrame): boolean {
    if (TERMINAL.has(frame.type)) return true;
    if (frame.type !== 'message') return false;
    // Unnamed events (a proxy that dropped `event:` lines): look at the payload's type.
    if (!frame.data.includes('response.') && !frame.data.includes('error')) return false;
    return TERMINAL.has(stringField(parseJsonObject(frame.data)?.type) ?? '');
  }

  private itemAdded(item: JsonObject | undefined, emit: (event: ChatStreamEvent) => void): void {
    if (item?.type !== 'function_call') return;
    const itemId = stringField(item.id);
    const toolCallId = stringField(item.call_id) ?? itemId;
    if (toolCallId === undefined) return;
    if (itemId !== undefined) this.callIds.set(itemId, toolCallId);
    this.calledFunctions = true;
    this.tools.open(toolCallId);
    emit({ type: 'tool-start', toolCallId, toolName: stringField(item.name) ?? 'tool' });
    const initial = stringField(item.arguments);
    if (initial) this.tools.append(toolCallId, initial, emit);
  }

  private textual(type: 'text-delta' | 'reasoning-delta', event: JsonObject, emit: (event: ChatStreamEvent) => void): void {
    const delta = stringField(event.delta);
    if (!delta) return;
    const partId = stringField(event.item_id);
    emit(partId === undefined ? { type, delta } : { type, delta, partId });
  }

  /** Ends a call once; the whole `arguments` of the done events stand in when no delta came. */
  private endCall(itemId: string | undefined, whole: unknown, emit: (event: ChatStreamEvent) => void): void {
    const toolCallId = this.callIds.get(itemId ?? '');
    if (toolCallId === undefined || !this.tools.isOpen(toolCallId)) return;
    // Parse the repeated whole arguments only when no delta came: otherwise the fragments are
    // the input, and parsing both would do the work twice.
    let fallback: unknown;
    const text = stringField(whole);
    if (text && !this.tools.hasFragments(toolCallId)) {
      const parsed = parseJsonValue(text);
      if (parsed.ok) fallback = parsed.value;
    }
    this.tools.close(toolCallId, emit, fallback);
  }

  private finish(response: JsonObject | undefined, reason: FinishReason, raw: string, emit: (event: ChatStreamEvent) => void): void {
    // Calls the server never closed still get their input (a truncated response).
    for (const toolCallId of this.tools.openIds()) this.tools.close(toolCallId, emit);
    const usage = objectField(response?.usage);
    if (usage !== undefined) emit({ type: 'usage', usage: readUsage(usage) });
    emit({ type: 'finish', reason, raw });
  }
}

function parseJsonValue(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function errorEvent(message: string | undefined, code: string | undefined): ChatStreamEvent {
  const text = message ?? 'The model provider reported an error.';
  return code === undefined ? { type: 'error', message: text } : { type: 'error', message: text, code };
}

function readUsage(report: JsonObject): Usage {
  const usage: Usage = {};
  const input = numberField(report.input_tokens);
  const output = numberField(report.output_tokens);
  const total = numberField(report.total_tokens);
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  if (total !== undefined) usage.totalTokens = total;
  const cached = numberField(objectField(report.input_tokens_details)?.cached_tokens);
  const reasoning = numberField(objectField(report.output_tokens_details)?.reasoning_tokens);
  if (cached !== undefined || reasoning !== undefined) {
    usage.extra = {};
    if (cached !== undefined) usage.extra.cached_tokens = cached;
    if (reasoning !== undefined) usage.extra.reasoning_tokens = reasoning;
  }
  return usage;
}
