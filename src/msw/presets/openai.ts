import type { ScriptedEvent } from '../sse.js';
import { finishReasonOf, inputPieces, splitToolCalls, textPieces, type ChatReplyFinishReason, type ProtocolPreset } from './reply.js';

const FINISH_REASONS: Record<ChatReplyFinishReason, string> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
};

/**
 * OpenAI Chat Completions streaming: unnamed events carrying `chat.completion.chunk` objects (a
 * first chunk with the role, `delta.content` pieces, `delta.tool_calls` by index — id and name
 * first, then `arguments` pieces), the finish chunk, the usage chunk (`choices: []`, as
 * `stream_options.include_usage` sends it) and `data: [DONE]`; an error is the in-band
 * `{"error": …}` chunk. Reasoning goes in `delta.reasoning_content`, as DeepSeek and vLLM send
 * it. The format has no tool results: every call is one the app must run.
 */
export const openaiPreset: ProtocolPreset = {
  support: { reasoning: true, toolCalls: true, toolOutputs: false, sources: false, usage: true, finishReason: true, error: true, errorCode: true },
  events(reply, { chunkWords }) {
    const base = {
      id: reply.id ?? 'chatcmpl-MockReply',
      object: 'chat.completion.chunk',
      created: 1732000000,
      model: reply.model ?? 'gpt-4o-2024-08-06',
      system_fingerprint: 'fp_mock',
    };
    const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): ScriptedEvent => ({
      data: { ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] },
    });
    const events: ScriptedEvent[] = [chunk({ role: 'assistant', content: '', refusal: null })];
    for (const piece of textPieces(reply.reasoning, chunkWords)) events.push(chunk({ reasoning_content: piece }));
    for (const piece of textPieces(reply.text, chunkWords)) events.push(chunk({ content: piece }));
    if (reply.error) {
      // OpenAI names the kind of error in `type` (`server_error`); `code` is usually null.
      events.push({ data: { error: { message: reply.error.message, type: reply.error.code ?? 'server_error', param: null, code: null } } });
      return events;
    }
    const { asked } = splitToolCalls(reply, false);
    asked.forEach((call, index) => {
      events.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
      for (const piece of inputPieces(call.input).pieces) events.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    });
    events.push(chunk({}, FINISH_REASONS[finishReasonOf(reply, asked.length)]));
    const { usage } = reply;
    if (usage) {
      const report = { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens };
      events.push({ data: { ...base, choices: [], usage: report } });
    }
    events.push({ data: '[DONE]' });
    return events;
  },
};
