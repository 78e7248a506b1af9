import type { ScriptedEvent } from '../sse.js';
import { finishReasonOf, inputPieces, splitToolCalls, textPieces, type ProtocolPreset } from './reply.js';

/**
 * OpenAI Responses streaming: semantic events named after their `type`, each with a
 * `sequence_number`: `response.created` / `.in_progress`, one output item per part (a
 * `reasoning` item's summary text deltas, a `message` item's `output_text` deltas, a
 * `function_call` item's argument deltas), each opened and closed with its `*.added` / `*.done`
 * events, then `response.completed` with the output and usage (`response.incomplete` for the
 * `length` and `content-filter` finish reasons). An error is `response.failed`. There is no
 * `[DONE]`, and no tool results: every call is one the app must run.
 */
export const openaiResponsesPreset: ProtocolPreset = {
  support: { reasoning: true, toolCalls: true, toolOutputs: false, sources: false, usage: true, finishReason: true, error: true, errorCode: true },
  events(reply, { chunkWords }) {
    const events: ScriptedEvent[] = [];
    let sequence = 0;
    const send = (type: string, fields: Record<string, unknown>) => {
      events.push({ event: type, data: { type, sequence_number: sequence++, ...fields } });
    };
    const output: Array<Record<string, unknown>> = [];
    const response = (status: string, extra: Record<string, unknown> = {}) => ({
      id: reply.id ?? 'resp_MockReply',
      object: 'response',
      created_at: 1732000000,
      status,
      error: null,
      incomplete_details: null,
      model: reply.model ?? 'o4-mini-2025-04-16',
      output: [...output],
      usage: null,
      ...extra,
    });
    /** One output item: added, its own events, done (the finished item joins the response's output). */
    const item = (added: Record<string, unknown>, body: (output_index: number) => void, done: Record<string, unknown>) => {
      const output_index = output.length;
      send('response.output_item.added', { output_index, item: added });
      body(output_index);
      send('response.output_item.done', { output_index, item: done });
      output.push(done);
    };

    send('response.created', { response: response('in_progress') });
    send('response.in_progress', { response: response('in_progress') });
    if (reply.reasoning !== '') {
      const item_id = 'rs_MockReasoning';
      const part = { type: 'summary_text', text: reply.reasoning };
      item(
        { id: item_id, type: 'reasoning', summary: [] },
        (output_index) => {
          const at = { item_id, output_index, summary_index: 0 };
          send('response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } });
          for (const delta of textPieces(reply.reasoning, chunkWords)) send('response.reasoning_summary_text.delta', { ...at, delta });
          send('response.reasoning_summary_text.done', { ...at, text: reply.reasoning });
          send('response.reasoning_summary_part.done', { ...at, part });
        },
        { id: item_id, type: 'reasoning', summary: [part] },
      );
    }
    if (reply.text !== '') {
      const item_id = 'msg_MockMessage';
      const part = { type: 'output_text', annotations: [], text: reply.text };
      item(
        { id: item_id, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
        (output_index) => {
          const at = { item_id, output_index, content_index: 0 };
          send('response.content_part.added', { ...at, part: { ...part, text: '' } });
          for (const delta of textPieces(reply.text, chunkWords)) send('response.output_text.delta', { ...at, delta });
          send('response.output_text.done', { ...at, text: reply.text });
          send('response.content_part.done', { ...at, part });
        },
        { id: item_id, type: 'message', status: 'completed', content: [part], role: 'assistant' },
      );
    }
    if (reply.error) {
      send('response.failed', { response: response('failed', { error: { code: reply.error.code ?? 'server_error', message: reply.error.message } }) });
      return events;
    }
    const { asked } = splitToolCalls(reply, false);
    asked.forEach((call, index) => {
      const item_id = `fc_Mock${index + 1}`;
      const { json, pieces } = inputPieces(call.input);
      const fields = { id: item_id, type: 'function_call', call_id: call.id, name: call.name };
      item(
        { ...fields, status: 'in_progress', arguments: '' },
        (output_index) => {
          for (const delta of pieces) send('response.function_call_arguments.delta', { item_id, output_index, delta });
          send('response.function_call_arguments.done', { item_id, output_index, arguments: json });
        },
        { ...fields, status: 'completed', arguments: json },
      );
    });
    const { usage } = reply;
    const report = usage
      ? { usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens } }
      : {};
    const finish = finishReasonOf(reply, asked.length);
    if (finish === 'length' || finish === 'content-filter') {
      const reason = finish === 'length' ? 'max_output_tokens' : 'content_filter';
      send('response.incomplete', { response: response('incomplete', { incomplete_details: { reason }, ...report }) });
    } else {
      send('response.completed', { response: response('completed', report) });
    }
    return events;
  },
};
