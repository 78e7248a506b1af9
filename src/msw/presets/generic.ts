import type { ScriptedEvent } from '../sse.js';
import { splitToolCalls, textPieces, type ProtocolPreset } from './reply.js';

/**
 * The generic home-made format: unnamed events `data: {"content": "…"}`, a tool run as
 * `{"type":"tool_start","tool","id","input"}` then `{"type":"tool_end","tool","id","result"}`,
 * `{"type":"sources","sources":[…]}` after the text, and `data: [DONE]`. An error is
 * `{"type":"error","error","code"}`. The format has no reasoning, usage or finish reason.
 */
export const genericPreset: ProtocolPreset = {
  support: { reasoning: false, toolCalls: true, toolOutputs: true, sources: true, usage: false, finishReason: false, error: true, errorCode: true },
  events(reply, { chunkWords }) {
    const events: ScriptedEvent[] = [];
    const { ran, asked } = splitToolCalls(reply, true);
    for (const call of ran) {
      events.push({ data: { type: 'tool_start', tool: call.name, id: call.id, input: call.input } });
      const end: ScriptedEvent = { data: { type: 'tool_end', tool: call.name, id: call.id, result: call.output } };
      if (call.delayMs !== undefined) end.delayMs = call.delayMs;
      events.push(end);
    }
    for (const content of textPieces(reply.text, chunkWords)) events.push({ data: { content } });
    if (reply.error) {
      const { message, code } = reply.error;
      events.push({ data: { type: 'error', error: message, ...(code !== undefined ? { code } : {}) } });
      return events;
    }
    for (const call of asked) events.push({ data: { type: 'tool_start', tool: call.name, id: call.id, input: call.input } });
    if (reply.sources.length > 0) events.push({ data: { type: 'sources', sources: reply.sources } });
    events.push({ data: '[DONE]' });
    return events;
  },
};
