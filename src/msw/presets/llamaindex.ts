import type { ScriptedEvent } from '../sse.js';
import { splitToolCalls, textPieces, type ChatReply, type ProtocolPreset } from './reply.js';

const AGENT = 'Agent';

/**
 * LlamaIndex agent workflow events as a server forwards `handler.stream_events()`, one
 * `{"type": <event>, "data": {…}}` object per `data:` line, with Python's snake_case fields:
 * `AgentStream` (`delta` and the accumulated `response`; reasoning in `thinking_delta`),
 * `AgentOutput`, `ToolCall` (`tool_name`, `tool_kwargs`, `tool_id`), `ToolCallResult` (a
 * ToolOutput whose `raw_output` is the output), and `StopEvent` (its `result` the answer). The
 * format has no usage or finish reason.
 *
 * An error is the workflow's `WorkflowFailedEvent` (a StopEvent subclass: `error_type`,
 * `message`), which the `llamaindex` adapter reads as a provider error (the text kept).
 */
export const llamaindexPreset: ProtocolPreset = {
  support: { reasoning: true, toolCalls: true, toolOutputs: true, sources: false, usage: false, finishReason: false, error: true, errorCode: true },
  events(reply, { chunkWords }) {
    const events: ScriptedEvent[] = [];
    const send = (type: string, data: Record<string, unknown>, delayMs?: number) => {
      const entry: ScriptedEvent = { data: { type, data } };
      if (delayMs !== undefined) entry.delayMs = delayMs;
      events.push(entry);
    };
    const stream = (delta: string, response: string, thinking_delta: string) =>
      send('AgentStream', { delta, response, current_agent_name: AGENT, tool_calls: [], thinking_delta });
    const selection = (call: ChatReply['toolCalls'][number]) => ({ tool_id: call.id, tool_name: call.name, tool_kwargs: call.input });
    const output = (text: string, calls: ChatReply['toolCalls']) =>
      send('AgentOutput', {
        response: { role: 'assistant', additional_kwargs: {}, blocks: text === '' ? [] : [{ block_type: 'text', text }] },
        structured_response: null,
        current_agent_name: AGENT,
        tool_calls: calls.map(selection),
        retry_messages: [],
      });
    const toolCalls = (calls: ChatReply['toolCalls']) => {
      if (calls.length === 0) return;
      output('', calls);
      for (const call of calls) {
        send('ToolCall', selection(call));
        if (call.output === undefined) continue;
        const tool_output = { content: JSON.stringify(call.output), tool_name: call.name, raw_input: { args: [], kwargs: call.input }, raw_output: call.output, is_error: false };
        send('ToolCallResult', { ...selection(call), tool_output, return_direct: false }, call.delayMs);
      }
    };

    for (const thinking of textPieces(reply.reasoning, chunkWords)) stream('', '', thinking);
    const { ran, asked } = splitToolCalls(reply, true);
    toolCalls(ran);
    // The real event repeats the answer so far in `response`: the mock does too.
    let response = '';
    for (const delta of textPieces(reply.text, chunkWords)) stream(delta, (response += delta), '');
    if (reply.error) {
      const error_type = reply.error.code ?? 'RuntimeError';
      send('WorkflowFailedEvent', { status: 'failed', step_name: 'run_agent_step', error_type, message: reply.error.message, attempts: 1 });
      return events;
    }
    output(reply.text, []);
    toolCalls(asked);
    send('StopEvent', { result: reply.text });
    return events;
  },
};
