import { arrayField, isJsonObject, numberField, objectField, parseJsonObject, stringField, type JsonObject } from './json.js';
import { ToolInputBuffers } from './tool-input.js';
import type { ChatStreamEvent, FinishReason, ProtocolAdapter, ProtocolDecoder, Source, Usage, WireFrame } from './types.js';

/**
 * Anthropic Messages API streaming (`stream: true`), as documented in "Streaming Messages"
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming): `message_start`, then per
 * content block `content_block_start` / `content_block_delta`* / `content_block_stop`, then
 * `message_delta` (stop reason, cumulative usage) and `message_stop`. `ping` is ignored; an
 * in-band `error` event (e.g. `overloaded_error`) fails the reply. Unknown events and delta
 * types are ignored, as Anthropic's versioning policy asks of clients.
 *
 * Blocks are tracked by `index`: text and thinking blocks become parts `text-<index>` /
 * `thinking-<index>`; `tool_use` and `server_tool_use` blocks become tool calls whose
 * `input_json_delta` fragments are forwarded as they come and parsed once at
 * `content_block_stop`. Server tool results (`web_search_tool_result` …) become `tool-result`
 * events, and web search results also `sources`.
 */
export const anthropicProtocol: ProtocolAdapter = {
  name: 'anthropic',
  createDecoder: (): ProtocolDecoder => new AnthropicDecoder(),
};

type Block = { kind: 'text' | 'thinking'; partId: string } | { kind: 'tool'; toolCallId: string; initialInput: unknown };

// A Map, not an object literal: a provider string like "constructor" must not hit Object.prototype.
const STOP_REASONS = new Map<string, FinishReason>([
  ['end_turn', 'stop'],
  ['stop_sequence', 'stop'],
  ['max_tokens', 'length'],
  ['model_context_window_exceeded', 'length'],
  ['tool_use', 'tool-calls'],
  ['refusal', 'content-filter'],
  ['pause_turn', 'other'],
]);

class AnthropicDecoder implements ProtocolDecoder {
  private readonly blocks = new Map<number, Block>();
  private readonly tools = new ToolInputBuffers();
  private readonly usage: Usage = {};
  private stopReason: string | undefined;

  decode(frame: WireFrame, emit: (event: ChatStreamEvent) => void): void {
    const event = parseJsonObject(frame.data);
    if (event === undefined) return;
    // The SSE event name equals the payload's `type`; the payload wins, so proxies that drop
    // event names still work.
    switch (stringField(event.type) ?? frame.type) {
      case 'message_start':
        this.messageStart(event, emit);
        return;
      case 'content_block_start':
        this.blockStart(event, emit);
        return;
      case 'content_block_delta':
        this.blockDelta(event, emit);
        return;
      case 'content_block_stop':
        this.blockStop(event, emit);
        return;
      case 'message_delta': {
        const delta = objectField(event.delta);
        const stopReason = stringField(delta?.stop_reason);
        if (stopReason !== undefined) this.stopReason = stopReason;
        this.reportUsage(objectField(event.usage), emit);
        return;
      }
      case 'message_stop': {
        const raw = this.stopReason;
        const reason = raw === undefined ? 'stop' : (STOP_REASONS.get(raw) ?? 'other');
        emit(raw === undefined ? { type: 'finish', reason } : { type: 'finish', reason, raw });
        return;
      }
      case 'error': {
        const error = objectField(event.error);
        const message = stringField(error?.message) ?? 'Anthropic reported an error.';
        const code = stringField(error?.type);
        emit(code === undefined ? { type: 'error', message } : { type: 'error', message, code });
        return;
      }
      default:
        return; // ping, and event types added after this adapter was written
    }
  }

  isTerminal(frame: WireFrame): boolean {
    if (frame.type === 'message_stop' || frame.type === 'error') return true;
    if (frame.type !== 'message') return false;
    // Unnamed events (a proxy that dropped `event:` lines): look at the payload's type.
    if (!frame.data.includes('message_stop') && !frame.data.includes('error')) return false;
    const type = parseJsonObject(frame.data)?.type;
    return type === 'message_stop' || type === 'error';
  }

  private messageStart(event: JsonObject, emit: (event: ChatStreamEvent) => void): void {
    const message = objectField(event.message);
    const start: Extract<ChatStreamEvent, { type: 'start' }> = { type: 'start' };
    const id = stringField(message?.id);
    const model = stringField(message?.model);
    if (id !== undefined) start.messageId = id;
    if (model !== undefined) start.model = model;
    emit(start);
    this.reportUsage(objectField(message?.usage), emit);
  }

  private blockStart(event: JsonObject, emit: (event: ChatStreamEvent) => void): void {
    const index = numberField(event.index);
    const block = objectField(event.content_block);
    if (index === undefined || block === undefined) return;
    const type = stringField(block.type) ?? '';
    if (type === 'text' || type === 'thinking') {
      const partId = `${type}-${index}`;
      this.blocks.set(index, { kind: type, partId });
      // Blocks start empty in practice; a non-empty start is still text the user should see.
      const initial = stringField(type === 'text' ? block.text : block.thinking);
      if (initial) emit({ type: type === 'text' ? 'text-delta' : 'reasoning-delta', delta: initial, partId });
    } else if (type === 'tool_use' || type === 'server_tool_use' || type === 'mcp_tool_use') {
      const toolCallId = stringField(block.id) ?? `tool-${index}`;
      this.blocks.set(index, { kind: 'tool', toolCallId, initialInput: block.input });
      this.tools.open(toolCallId);
      emit({ type: 'tool-start', toolCallId, toolName: stringField(block.name) ?? 'tool' });
    } else if (type.endsWith('_tool_result')) {
      this.serverToolResult(block, emit);
    }
  }

  private blockDelta(event: JsonObject, emit: (event: ChatStreamEvent) => void): void {
    const index = numberField(event.index);
    const delta = objectField(event.delta);
    const block = index === undefined ? undefined : this.blocks.get(index);
    if (delta === undefined || block === undefined) return;
    switch (delta.type) {
      case 'text_delta': {
        const text = stringField(delta.text);
        if (text && block.kind !== 'tool') emit({ type: 'text-delta', delta: text, partId: block.partId });
        return;
      }
      case 'thinking_delta': {
        const thinking = stringField(delta.thinking);
        if (thinking && block.kind !== 'tool') emit({ type: 'reasoning-delta', delta: thinking, partId: block.partId });
        return;
      }
      case 'input_json_delta': {
        const fragment = stringField(delta.partial_json);
        if (fragment !== undefined && block.kind === 'tool') this.tools.append(block.toolCallId, fragment, emit);
        return;
      }
      default:
        return; // signature_delta (only needed to send thinking back), citations_delta …
    }
  }

  private blockStop(event: JsonObject, emit: (event: ChatStreamEvent) => void): void {
    const index = numberField(event.index);
    if (index === undefined) return;
    const block = this.blocks.get(index);
    this.blocks.delete(index);
    // A tool without parameters streams no fragment: its input is the `{}` of content_block_start.
    if (block?.kind === 'tool') this.tools.close(block.toolCallId, emit, block.initialInput);
  }

  private serverToolResult(block: JsonObject, emit: (event: ChatStreamEvent) => void): void {
    const toolCallId = stringField(block.tool_use_id);
    if (toolCallId === undefined) return;
    const content = block.content;
    // An error result is an object whose type ends in `_error` (e.g. web_search_tool_result_error).
    const isError = isJsonObject(content) && (stringField(content.type) ?? '').endsWith('_error');
    emit(isError ? { type: 'tool-result', toolCallId, output: content, isError } : { type: 'tool-result', toolCallId, output: content });
    const sources: Source[] = [];
    for (const item of arrayField(content) ?? []) {
      if (!isJsonObject(item) || item.type !== 'web_search_result') continue;
      const source: Source = {};
      const url = stringField(item.url);
      const title = stringField(item.title);
      if (url !== undefined) source.url = url;
      if (title !== undefined) source.title = title;
      sources.push(source);
    }
    if (sources.length > 0) emit({ type: 'sources', sources });
  }

  /** Merges a usage report (message_start's, then message_delta's cumulative counts) and emits the total. */
  private reportUsage(report: JsonObject | undefined, emit: (event: ChatStreamEvent) => void): void {
    if (report === undefined) return;
    const input = numberField(report.input_tokens);
    const output = numberField(report.output_tokens);
    if (input !== undefined) this.usage.inputTokens = input;
    if (output !== undefined) this.usage.outputTokens = output;
    for (const key of ['cache_creation_input_tokens', 'cache_read_input_tokens']) {
      const value = numberField(report[key]);
      if (value !== undefined) (this.usage.extra ??= {})[key] = value;
    }
    if (this.usage.inputTokens !== undefined && this.usage.outputTokens !== undefined) {
      this.usage.totalTokens = this.usage.inputTokens + this.usage.outputTokens;
    }
    emit({ type: 'usage', usage: { ...this.usage, ...(this.usage.extra ? { extra: { ...this.usage.extra } } : {}) } });
  }
}
