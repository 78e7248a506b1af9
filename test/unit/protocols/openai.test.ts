import { describe, expect, test, vi } from 'vitest';
import { openaiProtocol } from '../../../src/core/protocols/openai.js';
import type { FinishReason } from '../../../src/core/protocols/types.js';
import { fixtures } from '../../fixtures/protocols/expected.js';
import { eventsOf, fixtureFrames, frame } from './support/fixtures.js';
import { describeFixture } from './support/fixture-suite.js';

describeFixture(fixtures.openai, { frameCount: 13, endsWithTerminal: true });
describeFixture(fixtures.openaiReasoning, { frameCount: 8, endsWithTerminal: true });
describeFixture(fixtures.openaiError, { frameCount: 3, endsWithTerminal: true });

const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
  frame('message', { id: 'chatcmpl-1', object: 'chat.completion.chunk', model: 'gpt-4o', choices, ...extra });

describe('openai adapter', () => {
  test.each<[string, FinishReason]>([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['content_filter', 'content-filter'],
    ['something_else', 'other'],
    ['constructor', 'other'],
  ])('finish_reason %s → %s', (raw, reason) => {
    const events = eventsOf(openaiProtocol, [chunk([{ index: 0, delta: {}, finish_reason: raw }])]);
    expect(events).toEqual([
      { type: 'start', messageId: 'chatcmpl-1', model: 'gpt-4o' },
      { type: 'finish', reason, raw },
    ]);
  });

  test('open tool calls end (input parsed) before finish; the usage chunk comes after it', () => {
    const events = eventsOf(openaiProtocol, fixtureFrames('openai.sse'));
    expect(events.slice(-4)).toEqual([
      { type: 'tool-input-end', toolCallId: 'call_PedidoTacos', input: fixtures.openai.expected.tools[0]!.input },
      { type: 'tool-input-end', toolCallId: 'call_TiempoEspera', input: { branch: 'Roma Norte' } },
      { type: 'finish', reason: 'tool-calls', raw: 'tool_calls' },
      { type: 'usage', usage: fixtures.openai.expected.usage },
    ]);
    expect(events.filter((event) => event.type === 'tool-input-delta')).toHaveLength(5);
  });

  test('later tool-call fragments are matched by index, not by id', () => {
    const events = eventsOf(openaiProtocol, [
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_a', function: { name: 'a', arguments: '{"x":' } }, { index: 1, id: 'call_b', function: { name: 'b', arguments: '' } }] } }]),
      chunk([{ index: 0, delta: { tool_calls: [{ index: 1, function: { arguments: '{"y":2}' } }, { index: 0, function: { arguments: '1}' } }] } }]),
      chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
    ]);
    expect(events.filter((event) => event.type === 'tool-input-end')).toEqual([
      { type: 'tool-input-end', toolCallId: 'call_a', input: { x: 1 } },
      { type: 'tool-input-end', toolCallId: 'call_b', input: { y: 2 } },
    ]);
  });

  test('only choice 0 is read', () => {
    const events = eventsOf(openaiProtocol, [
      chunk([
        { index: 1, delta: { content: 'otra respuesta' }, finish_reason: null },
        { index: 0, delta: { content: 'la respuesta' }, finish_reason: null },
      ]),
    ]);
    expect(events.filter((event) => event.type === 'text-delta')).toEqual([{ type: 'text-delta', delta: 'la respuesta' }]);
  });

  test('malformed JSON, non-object JSON and unknown fields are skipped without throwing', () => {
    const events = eventsOf(openaiProtocol, [
      frame('message', '{"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"¡Ho'),
      frame('message', '"just a string"'),
      chunk([{ index: 0, delta: { audio: { data: 'xx' }, content: '¡Hola!' } }], { brand_new_field: true }),
    ]);
    expect(events).toEqual([
      { type: 'start', messageId: 'chatcmpl-1', model: 'gpt-4o' },
      { type: 'text-delta', delta: '¡Hola!' },
    ]);
  });

  test('an {"error": …} payload is an error event and terminal; text that says "error" is not', () => {
    const decoder = openaiProtocol.createDecoder();
    const errorFrame = frame('message', { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } });
    const events: unknown[] = [];
    decoder.decode(errorFrame, (event) => events.push(event));
    expect(events).toEqual([{ type: 'error', message: 'Rate limit reached', code: 'rate_limit_exceeded' }]);
    expect(decoder.isTerminal(errorFrame)).toBe(true);
    expect(decoder.isTerminal(chunk([{ index: 0, delta: { content: 'error' } }]))).toBe(false);
    expect(decoder.isTerminal(frame('message', '[DONE]'))).toBe(true);
  });

  test('tool arguments are parsed once per call at finish, never per fragment', () => {
    const frames = fixtureFrames('openai.sse');
    const parse = vi.spyOn(JSON, 'parse');
    const decoder = openaiProtocol.createDecoder();
    for (const f of frames) {
      decoder.decode(f, () => {});
      decoder.isTerminal(f);
    }
    // Every frame but [DONE] once, plus one per tool call (2) — not per arguments fragment.
    expect(parse).toHaveBeenCalledTimes(frames.length - 1 + 2);
  });
});
