import type { ScriptedEvent } from '../sse.js';
import { finishReasonOf, inputPieces, splitToolCalls, textPieces, type ChatReply, type ProtocolPreset } from './reply.js';

/**
 * Vercel AI SDK UI message stream v1, with its `x-vercel-ai-ui-message-stream: v1` header: one
 * JSON part per `data:` line — `start`, `start-step`, `reasoning-*` and `text-*` parts (start,
 * deltas, end), `tool-input-start` / `tool-input-delta` / `tool-input-available`, then
 * `tool-output-available` for a tool the server ran (its step ends and the answer is a new step),
 * `source-url`, `finish-step`, `finish` with the finish reason, and `data: [DONE]`. An error is the
 * `error` part (`errorText`; the format has no code), still followed by `[DONE]`.
 */
export const aiSdkPreset: ProtocolPreset = {
  headers: { 'x-vercel-ai-ui-message-stream': 'v1' },
  support: { reasoning: true, toolCalls: true, toolOutputs: true, sources: true, usage: false, finishReason: true, error: true, errorCode: false },
  events(reply, { chunkWords }) {
    const events: ScriptedEvent[] = [];
    const send = (type: string, fields: Record<string, unknown> = {}, delayMs?: number) => {
      const entry: ScriptedEvent = { data: { type, ...fields } };
      if (delayMs !== undefined) entry.delayMs = delayMs;
      events.push(entry);
    };
    const streamed = (kind: 'text' | 'reasoning', id: string, text: string) => {
      if (text === '') return;
      send(`${kind}-start`, { id });
      for (const delta of textPieces(text, chunkWords)) send(`${kind}-delta`, { id, delta });
      send(`${kind}-end`, { id });
    };
    const toolInput = (call: ChatReply['toolCalls'][number]) => {
      send('tool-input-start', { toolCallId: call.id, toolName: call.name });
      for (const inputTextDelta of inputPieces(call.input).pieces) send('tool-input-delta', { toolCallId: call.id, inputTextDelta });
      send('tool-input-available', { toolCallId: call.id, toolName: call.name, input: call.input });
    };

    send('start', { messageId: reply.id ?? 'msg_MockReply' });
    send('start-step');
    streamed('reasoning', 'reasoning-0', reply.reasoning);
    const { ran, asked } = splitToolCalls(reply, true);
    for (const call of ran) {
      toolInput(call);
      send('tool-output-available', { toolCallId: call.id, output: call.output }, call.delayMs);
    }
    if (ran.length > 0) {
      // The model answers after seeing the tool results: a new step.
      send('finish-step');
      send('start-step');
    }
    streamed('text', 'text-1', reply.text);
    if (reply.error) {
      send('error', { errorText: reply.error.message });
    } else {
      for (const call of asked) toolInput(call);
      for (const source of reply.sources) {
        send('source-url', { sourceId: source.id, url: source.url, ...(source.title !== undefined ? { title: source.title } : {}) });
      }
      send('finish-step');
      send('finish', { finishReason: finishReasonOf(reply, asked.length) });
    }
    events.push({ data: '[DONE]' });
    return events;
  },
};
