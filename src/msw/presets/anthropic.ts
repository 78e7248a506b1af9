import type { ScriptedEvent } from '../sse.js';
import { finishReasonOf, inputPieces, splitToolCalls, textPieces, type ChatReplyFinishReason, type ProtocolPreset } from './reply.js';

const STOP_REASONS: Record<ChatReplyFinishReason, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  'tool-calls': 'tool_use',
  'content-filter': 'refusal',
};

/**
 * Anthropic Messages streaming: `message_start`, a `ping`, one content block per part
 * (`thinking` with its `signature_delta`, `text`, `tool_use` with `input_json_delta` pieces),
 * `message_delta` with the stop reason and usage, `message_stop`; an error is the in-band
 * `error` event. Every SSE event is named after its payload's `type`, as Anthropic sends it.
 *
 * Tool calls with an output are sent as server tools (`server_tool_use`, then a
 * `<name>_tool_result` block whose `content` is the output), the way Anthropic streams the
 * tools it runs itself (web search, code execution); calls without one are client `tool_use`
 * blocks after the text.
 */
export const anthropicPreset: ProtocolPreset = {
  support: { reasoning: true, toolCalls: true, toolOutputs: true, sources: false, usage: true, finishReason: true, error: true, errorCode: true },
  events(reply, { chunkWords }) {
    const events: ScriptedEvent[] = [];
    const send = (type: string, fields: Record<string, unknown> = {}, delayMs?: number) => {
      const entry: ScriptedEvent = { event: type, data: { type, ...fields } };
      if (delayMs !== undefined) entry.delayMs = delayMs;
      events.push(entry);
    };
    const { usage } = reply;
    send('message_start', {
      message: {
        id: reply.id ?? 'msg_01MockReply',
        type: 'message',
        role: 'assistant',
        model: reply.model ?? 'claude-sonnet-4-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        // Anthropic counts the first output token in message_start; message_delta has the total.
        ...(usage ? { usage: { input_tokens: usage.inputTokens, output_tokens: Math.min(1, usage.outputTokens) } } : {}),
      },
    });
    send('ping');
    let index = 0;
    const block = (contentBlock: Record<string, unknown>, deltas: Array<Record<string, unknown>>, delayMs?: number) => {
      send('content_block_start', { index, content_block: contentBlock }, delayMs);
      for (const delta of deltas) send('content_block_delta', { index, delta });
      send('content_block_stop', { index });
      index++;
    };
    const toolUse = (type: 'tool_use' | 'server_tool_use', call: { id: string; name: string; input: unknown }) => {
      // The input starts as `{}` and arrives as JSON pieces, the first one empty as Anthropic sends it.
      const pieces = ['', ...inputPieces(call.input).pieces];
      block({ type, id: call.id, name: call.name, input: {} }, pieces.map((partial_json) => ({ type: 'input_json_delta', partial_json })));
    };

    if (reply.reasoning !== '') {
      const deltas = textPieces(reply.reasoning, chunkWords).map((thinking) => ({ type: 'thinking_delta', thinking }));
      block({ type: 'thinking', thinking: '', signature: '' }, [...deltas, { type: 'signature_delta', signature: 'EqQBCgIYAhIMmockSignature' }]);
    }
    const { ran, asked } = splitToolCalls(reply, true);
    for (const call of ran) {
      toolUse('server_tool_use', call);
      block({ type: `${call.name}_tool_result`, tool_use_id: call.id, content: call.output }, [], call.delayMs);
    }
    if (reply.text !== '') {
      block({ type: 'text', text: '' }, textPieces(reply.text, chunkWords).map((text) => ({ type: 'text_delta', text })));
    }
    if (reply.error) {
      send('error', { error: { type: reply.error.code ?? 'api_error', message: reply.error.message } });
      return events;
    }
    for (const call of asked) toolUse('tool_use', call);
    send('message_delta', {
      delta: { stop_reason: STOP_REASONS[finishReasonOf(reply, asked.length)], stop_sequence: null },
      ...(usage ? { usage: { output_tokens: usage.outputTokens } } : {}),
    });
    send('message_stop');
    return events;
  },
};
