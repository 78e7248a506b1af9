import { describe, expect, test } from 'vitest';
import { openaiResponsesProtocol } from '../../../src/core/protocols/openai-responses.js';
import { fixtures } from '../../fixtures/protocols/expected.js';
import { accumulate } from './support/accumulate.js';
import { decodeFrames, eventsOf, fixtureFrames, frame } from './support/fixtures.js';
import { describeFixture } from './support/fixture-suite.js';

describeFixture(fixtures.openaiResponses, { frameCount: 23, endsWithTerminal: true });

const named = (payload: { type: string } & Record<string, unknown>) => frame(payload.type, payload);

describe('openai-responses adapter', () => {
  test('response.incomplete finishes with length for max_output_tokens, content-filter, else other', () => {
    for (const [why, reason] of [
      ['max_output_tokens', 'length'],
      ['content_filter', 'content-filter'],
      ['something_new', 'other'],
    ] as const) {
      const frames = [
        named({ type: 'response.incomplete', response: { status: 'incomplete', incomplete_details: { reason: why }, usage: { input_tokens: 10, output_tokens: 20, total_tokens: 30 } } }),
      ];
      const { events, terminal } = decodeFrames(openaiResponsesProtocol, frames);
      expect(events).toEqual([
        { type: 'usage', usage: { inputTokens: 10, outputTokens: 20, totalTokens: 30 } },
        { type: 'finish', reason, raw: why },
      ]);
      expect(terminal).toEqual([true]);
    }
  });

  test('response.failed and the error event are errors and terminal', () => {
    const { events, terminal } = decodeFrames(openaiResponsesProtocol, [
      named({ type: 'response.failed', response: { status: 'failed', error: { code: 'server_error', message: 'La cocina se cayó' } } }),
      named({ type: 'error', code: 'ERR_SOMETHING', message: 'Something went wrong', param: null }),
    ]);
    expect(events).toEqual([
      { type: 'error', message: 'La cocina se cayó', code: 'server_error' },
      { type: 'error', message: 'Something went wrong', code: 'ERR_SOMETHING' },
    ]);
    expect(terminal).toEqual([true, true]);
  });

  test('a completed response without function calls finishes with stop', () => {
    const events = eventsOf(openaiResponsesProtocol, [
      named({ type: 'response.output_item.added', item: { id: 'msg_1', type: 'message', content: [] } }),
      named({ type: 'response.output_text.delta', item_id: 'msg_1', delta: 'Unos 12 minutos.' }),
      named({ type: 'response.completed', response: { status: 'completed' } }),
    ]);
    expect(events).toEqual([
      { type: 'text-delta', delta: 'Unos 12 minutos.', partId: 'msg_1' },
      { type: 'finish', reason: 'stop', raw: 'completed' },
    ]);
  });

  test('arguments sent only whole (no deltas) are taken from the done event, once', () => {
    const events = eventsOf(openaiResponsesProtocol, [
      named({ type: 'response.output_item.added', item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'get_wait_time', arguments: '' } }),
      named({ type: 'response.function_call_arguments.done', item_id: 'fc_1', arguments: '{"branch":"Roma Norte"}' }),
      named({ type: 'response.output_item.done', item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', arguments: '{"branch":"Roma Norte"}' } }),
    ]);
    expect(events).toEqual([
      { type: 'tool-start', toolCallId: 'call_1', toolName: 'get_wait_time' },
      { type: 'tool-input-end', toolCallId: 'call_1', input: { branch: 'Roma Norte' } },
    ]);
  });

  test('events this adapter does not know are ignored', () => {
    const events = eventsOf(openaiResponsesProtocol, [
      named({ type: 'response.web_search_call.searching', item_id: 'ws_1' }),
      named({ type: 'response.output_text.annotation.added', item_id: 'msg_1', annotation: {} }),
      named({ type: 'response.some_future_event' }),
      frame('response.output_text.delta', '{"type":"response.output_text.delta","delta":'),
    ]);
    expect(events).toEqual([]);
  });

  test('works when a proxy drops the SSE event names', () => {
    const frames = fixtureFrames('openai-responses.sse').map((f) => ({ type: 'message', data: f.data }));
    const { events, terminal } = decodeFrames(openaiResponsesProtocol, frames);
    expect(accumulate(events)).toEqual(fixtures.openaiResponses.expected);
    expect(terminal.filter(Boolean)).toHaveLength(1);
    expect(terminal.at(-1)).toBe(true);
  });
});
