import { describe, expect, test, vi } from 'vitest';
import { anthropicProtocol } from '../../../src/core/protocols/anthropic.js';
import type { FinishReason } from '../../../src/core/protocols/types.js';
import { fixtures } from '../../fixtures/protocols/expected.js';
import { accumulate } from './support/accumulate.js';
import { decodeFrames, eventsOf, fixtureFrames, frame } from './support/fixtures.js';
import { describeFixture } from './support/fixture-suite.js';

describeFixture(fixtures.anthropic, { frameCount: 27, endsWithTerminal: true });
describeFixture(fixtures.anthropicError, { frameCount: 5, endsWithTerminal: true });

const named = (payload: { type: string } & Record<string, unknown>) => frame(payload.type, payload);
const messageStart = named({ type: 'message_start', message: { id: 'msg_1', model: 'claude', usage: { input_tokens: 5, output_tokens: 1 } } });

describe('anthropic adapter', () => {
  test.each<[string, FinishReason]>([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool-calls'],
    ['refusal', 'content-filter'],
    ['pause_turn', 'other'],
    ['a_reason_from_the_future', 'other'],
    ['constructor', 'other'],
  ])('stop_reason %s finishes with %s', (raw, reason) => {
    const events = eventsOf(anthropicProtocol, [
      messageStart,
      named({ type: 'message_delta', delta: { stop_reason: raw, stop_sequence: null }, usage: { output_tokens: 9 } }),
      named({ type: 'message_stop' }),
    ]);
    expect(events.filter((event) => event.type === 'finish')).toEqual([{ type: 'finish', reason, raw }]);
    expect(events.at(-1)).toEqual({ type: 'finish', reason, raw });
  });

  test('usage is cumulative: message_delta counts replace message_start ones, the total follows', () => {
    const events = eventsOf(anthropicProtocol, [
      messageStart,
      named({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 40 } }),
    ]);
    expect(events.filter((event) => event.type === 'usage')).toEqual([
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 1, totalTokens: 6 } },
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 40, totalTokens: 45 } },
    ]);
  });

  test('ping, signature deltas, unknown events and unknown delta types emit nothing and do not throw', () => {
    const events = eventsOf(anthropicProtocol, [
      named({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      named({ type: 'ping' }),
      named({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'abc' } }),
      named({ type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation: {} } }),
      named({ type: 'content_block_delta', index: 7, delta: { type: 'text_delta', text: 'no such block' } }),
      named({ type: 'a_new_event_type', index: 0 }),
      frame('message', '42'),
    ]);
    expect(events).toEqual([]);
  });

  test('a malformed JSON frame is skipped and decoding goes on', () => {
    const events = eventsOf(anthropicProtocol, [
      named({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      frame('content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"text_de'),
      named({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: '¿Cuánto falta?' } }),
    ]);
    expect(events).toEqual([{ type: 'text-delta', delta: '¿Cuánto falta?', partId: 'text-0' }]);
  });

  test('works when a proxy drops the SSE event names (every frame is "message")', () => {
    const frames = fixtureFrames('anthropic.sse').map((f) => ({ type: 'message', data: f.data }));
    const { events, terminal } = decodeFrames(anthropicProtocol, frames);
    expect(accumulate(events)).toEqual(fixtures.anthropic.expected);
    expect(terminal.map((t, i) => [i, t]).filter(([, t]) => t)).toEqual([[frames.length - 1, true]]);
  });

  test('tool input is parsed once per call at content_block_stop, never per delta', () => {
    const frames = fixtureFrames('anthropic.sse');
    const parse = vi.spyOn(JSON, 'parse');
    const decoder = anthropicProtocol.createDecoder();
    for (const f of frames) {
      decoder.decode(f, () => {});
      decoder.isTerminal(f);
    }
    // One parse per frame, plus one per tool call (2) — not one per input_json_delta (6).
    expect(parse).toHaveBeenCalledTimes(frames.length + 2);
  });

  test('a tool without parameters (only an empty delta) ends with the {} of content_block_start', () => {
    const events = eventsOf(anthropicProtocol, [
      named({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_menu', name: 'get_menu', input: {} } }),
      named({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '' } }),
      named({ type: 'content_block_stop', index: 0 }),
    ]);
    expect(events).toEqual([
      { type: 'tool-start', toolCallId: 'toolu_menu', toolName: 'get_menu' },
      { type: 'tool-input-end', toolCallId: 'toolu_menu', input: {} },
    ]);
  });

  test('tool input that is not valid JSON ends without input (the deltas stay with the consumer)', () => {
    const events = eventsOf(anthropicProtocol, [
      named({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_x', name: 'place_order', input: {} } }),
      named({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"items": [' } }),
      named({ type: 'content_block_stop', index: 0 }),
    ]);
    expect(events.at(-1)).toEqual({ type: 'tool-input-end', toolCallId: 'toolu_x' });
  });

  test('server tool use and its web search result become a tool call, a result and sources', () => {
    const results = [{ type: 'web_search_result', url: 'https://taqueria.example/horario', title: 'Horario', encrypted_content: 'x' }];
    const events = eventsOf(anthropicProtocol, [
      named({ type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } }),
      named({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query": "taquería horario"}' } }),
      named({ type: 'content_block_stop', index: 0 }),
      named({ type: 'content_block_start', index: 1, content_block: { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: results } }),
      named({ type: 'content_block_stop', index: 1 }),
    ]);
    expect(events).toEqual([
      { type: 'tool-start', toolCallId: 'srvtoolu_1', toolName: 'web_search' },
      { type: 'tool-input-delta', toolCallId: 'srvtoolu_1', delta: '{"query": "taquería horario"}' },
      { type: 'tool-input-end', toolCallId: 'srvtoolu_1', input: { query: 'taquería horario' } },
      { type: 'tool-result', toolCallId: 'srvtoolu_1', output: results },
      { type: 'sources', sources: [{ url: 'https://taqueria.example/horario', title: 'Horario' }] },
    ]);
  });

  test('isTerminal: message_stop and error only', () => {
    const decoder = anthropicProtocol.createDecoder();
    expect(decoder.isTerminal(named({ type: 'message_stop' }))).toBe(true);
    expect(decoder.isTerminal(named({ type: 'error', error: { type: 'api_error', message: 'x' } }))).toBe(true);
    expect(decoder.isTerminal(named({ type: 'message_delta', delta: { stop_reason: 'end_turn' } }))).toBe(false);
    expect(decoder.isTerminal(frame('message', { type: 'content_block_delta', delta: { type: 'text_delta', text: 'error message_stop' } }))).toBe(false);
    expect(decoder.isTerminal(frame('message', { type: 'message_stop' }))).toBe(true);
  });
});
