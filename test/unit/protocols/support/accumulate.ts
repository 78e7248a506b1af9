/**
 * Test-only reducer: folds a decoder's events into the reply a chat UI would show, in the shape
 * of the fixtures' expected results. Deliberately naive (string concatenation, parse at the end):
 * it is the reference the adapters are checked against, not production code.
 */
import type { ChatStreamEvent } from '../../../../src/core/protocols/types.js';
import type { ExpectedReply, ExpectedToolCall } from '../../../fixtures/protocols/expected.js';

export function accumulate(events: readonly ChatStreamEvent[]): ExpectedReply {
  const reply: ExpectedReply = { text: '', textParts: [], reasoning: '', tools: [], sources: [], data: [], errors: [] };
  const tools = new Map<string, ExpectedToolCall & { inputText: string }>();
  let started = false;
  let lastTextPart: string | undefined | null = null; // null: no text yet
  const tool = (id: string, name?: string) => {
    let entry = tools.get(id);
    if (entry === undefined) {
      entry = { id, name: name ?? '?', inputText: '' };
      tools.set(id, entry);
    } else if (name !== undefined && entry.name === '?') {
      entry.name = name;
    }
    return entry;
  };
  for (const event of events) {
    switch (event.type) {
      case 'start':
        if (!started) {
          started = true;
          if (event.messageId !== undefined) reply.messageId = event.messageId;
          if (event.model !== undefined) reply.model = event.model;
        }
        break;
      case 'text-delta':
        reply.text += event.delta;
        if (lastTextPart === null || event.partId !== lastTextPart) reply.textParts.push(event.delta);
        else reply.textParts[reply.textParts.length - 1] += event.delta;
        lastTextPart = event.partId;
        break;
      case 'reasoning-delta':
        reply.reasoning += event.delta;
        break;
      case 'tool-start':
        tool(event.toolCallId, event.toolName);
        break;
      case 'tool-input-delta':
        tool(event.toolCallId).inputText += event.delta;
        break;
      case 'tool-input-end': {
        const entry = tool(event.toolCallId);
        entry.input = event.input !== undefined ? event.input : entry.inputText === '' ? undefined : JSON.parse(entry.inputText);
        break;
      }
      case 'tool-result': {
        const entry = tool(event.toolCallId, event.toolName);
        entry.output = event.output;
        if (event.isError) entry.isError = true;
        break;
      }
      case 'sources':
        reply.sources.push(...event.sources);
        break;
      case 'usage':
        reply.usage = event.usage;
        break;
      case 'finish':
        reply.finish = event.raw === undefined ? { reason: event.reason } : { reason: event.reason, raw: event.raw };
        break;
      case 'error':
        reply.errors.push(event.code === undefined ? { message: event.message } : { message: event.message, code: event.code });
        break;
      case 'data':
        reply.data.push({ name: event.name, payload: event.payload });
        break;
    }
  }
  reply.tools = [...tools.values()].map(({ inputText: _inputText, ...call }) => call);
  return reply;
}

/** The concatenated `tool-input-delta` fragments of each tool call that streamed any. */
export function toolInputTexts(events: readonly ChatStreamEvent[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'tool-input-delta') texts.set(event.toolCallId, (texts.get(event.toolCallId) ?? '') + event.delta);
  }
  return texts;
}
