import { arrayField, isJsonObject, numberField, objectField, parseJsonObject, stringField, type JsonObject } from './json.js';
import { ToolInputBuffers } from './tool-input.js';
import type { ChatStreamEvent, FinishReason, ProtocolAdapter, ProtocolDecoder, Usage, WireFrame } from './types.js';

const DONE = '[DONE]';

// A Map, not an object literal: a provider string like "constructor" must not hit Object.prototype.
const FINISH_REASONS = new Map<string, FinishReason>([
  ['stop', 'stop'],
  ['length', 'length'],
  ['tool_calls', 'tool-calls'],
  ['function_call', 'tool-calls'],
  ['content_filter', 'content-filter'],
]);

/**
 * OpenAI Chat Completions streaming (`stream: true`) and the many servers compatible with it
 * (vLLM, Ollama, DeepSeek, OpenRouter …), per OpenAI's API reference for the chat completion
 * chunk object (https://platform.openai.com/docs/api-reference/chat-streaming): unnamed SSE
 * events carrying `chat.completion.chunk` objects, ending with `data: [DONE]`.
 *
 * - `choices[0].delta.content` → text; `delta.reasoning_content` (DeepSeek, vLLM) or
 *   `delta.reasoning` (OpenRouter) → reasoning; `delta.refusal` → text
 * - `delta.tool_calls[]` by `index`: the first fragment of a call carries `id` and
 *   `function.name`, later ones only `function.arguments` pieces
 * - `finish_reason` ends every open tool call (input parsed once) and emits `finish`
 * - the usage chunk (`stream_options.include_usage`: empty `choices`, `usage` set) → `usage`;
 *   it comes after the finish chunk
 * - `{"error":{…}}` → `error`; terminal, as is `[DONE]`
 *
 * Only choice 0 is read: a chat shows one reply, and `n > 1` is not a chat setting.
 * Malformed JSON frames are skipped.
 */
export const openaiProtocol: ProtocolAdapter = {
  name: 'openai',
  createDecoder: (): ProtocolDecoder => new OpenAIDecoder(),
};

class OpenAIDecoder implements ProtocolDecoder {
  private started = false;
  // Tool call index → id. Later fragments of a call carry only its index.
  private readonly toolIds = new Map<number, string>();
  private readonly tools = new ToolInputBuffers();

  decode(frame: WireFrame, emit: (event: ChatStreamEvent) => void): void {
    if (frame.data.trim() === DONE) return;
    const chunk = parseJsonObject(frame.data);
    if (chunk === undefined) return;
    if (chunk.error !== undefined && chunk.error !== null) {
      emit(readError(chunk.error));
      return;
    }
    if (!this.started) {
      this.started = true;
      const start: Extract<ChatStreamEvent, { type: 'start' }> = { type: 'start' };
      const id = stringField(chunk.id);
      const model = stringField(chunk.model);
      if (id !== undefined) start.messageId = id;
      if (model !== undefined) start.model = model;
      emit(start);
    }
    for (const choice of arrayField(chunk.choices) ?? []) {
      if (isJsonObject(choice) && (choice.index ?? 0) === 0) this.choice(choice, emit);
    }
    const usage = objectField(chunk.usage);
    if (usage !== undefined) emit({ type: 'usage', usage: readUsage(usage) });
  }

  isTerminal(frame: WireFrame): boolean {
    if (frame.data.trim() === DONE) return true;
    if (!frame.data.includes('"error"')) return false;
    const error = parseJsonObject(frame.data)?.error;
    return error !== undefined && error !== null;
  }

  private choice(choice: JsonObject, emit: (event: ChatStreamEvent) => void): void {
    const delta = objectField(choice.delta);
    if (delta !== undefined) {
      const reasoning = stringField(delta.reasoning_content) ?? stringField(delta.reasoning);
      if (reasoning) emit({ type: 'reasoning-delta', delta: reasoning });
      const content = stringField(delta.content);
      if (content) emit({ type: 'text-delta', delta: content });
      const refusal = stringField(delta.refusal);
      if (refusal) emit({ type: 'text-delta', delta: refusal });
      for (const call of arrayField(delta.tool_calls) ?? []) {
        if (isJsonObject(call)) this.toolCall(call, emit);
      }
    }
    const finish = stringField(choice.finish_reason);
    if (finish !== undefined) {
      for (const toolCallId of this.tools.openIds()) this.tools.close(toolCallId, emit);
      emit({ type: 'finish', reason: FINISH_REASONS.get(finish) ?? 'other', raw: finish });
    }
  }

  private toolCall(call: JsonObject, emit: (event: ChatStreamEvent) => void): void {
    const index = numberField(call.index) ?? 0;
    const fn = objectField(call.function);
    let toolCallId = this.toolIds.get(index);
    if (toolCallId === undefined) {
      toolCallId = stringField(call.id) ?? `call-${index}`;
      this.toolIds.set(index, toolCallId);
      this.tools.open(toolCallId);
      emit({ type: 'tool-start', toolCallId, toolName: stringField(fn?.name) ?? 'tool' });
    }
    const fragment = stringField(fn?.arguments);
    if (fragment !== undefined) this.tools.append(toolCallId, fragment, emit);
  }
}

function readUsage(report: JsonObject): Usage {
  const usage: Usage = {};
  const input = numberField(report.prompt_tokens);
  const output = numberField(report.completion_tokens);
  const total = numberField(report.total_tokens);
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  if (total !== undefined) usage.totalTokens = total;
  const cached = numberField(objectField(report.prompt_tokens_details)?.cached_tokens);
  const reasoning = numberField(objectField(report.completion_tokens_details)?.reasoning_tokens);
  if (cached !== undefined || reasoning !== undefined) {
    usage.extra = {};
    if (cached !== undefined) usage.extra.cached_tokens = cached;
    if (reasoning !== undefined) usage.extra.reasoning_tokens = reasoning;
  }
  return usage;
}

function readError(error: unknown): ChatStreamEvent {
  const message = (isJsonObject(error) ? stringField(error.message) : stringField(error)) ?? 'The model provider reported an error.';
  const code = isJsonObject(error) ? (stringField(error.code) ?? stringField(error.type)) : undefined;
  return code === undefined ? { type: 'error', message } : { type: 'error', message, code };
}
