import { describe, expect, test } from 'vitest';
import { genericProtocol } from '../../../src/core/protocols/generic.js';
import { fixtures } from '../../fixtures/protocols/expected.js';
import { decodeFrames, eventsOf, frame } from './support/fixtures.js';
import { describeFixture } from './support/fixture-suite.js';

describeFixture(fixtures.generic, { frameCount: 5, endsWithTerminal: true });
describeFixture(fixtures.genericAgent, { frameCount: 7, endsWithTerminal: true });

const msg = (payload: unknown) => frame('message', payload);

describe('generic adapter', () => {
  test('{"type":"done"} followed by [DONE] finishes once', () => {
    const events = eventsOf(genericProtocol, [msg({ content: 'Listo.' }), msg({ type: 'done' }), msg('[DONE]')]);
    expect(events).toEqual([
      { type: 'text-delta', delta: 'Listo.' },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  test('malformed JSON, non-object JSON, pings and unknown types are skipped', () => {
    const events = eventsOf(genericProtocol, [
      msg('{"content": "¡Ho'),
      msg('"¡Hola!"'),
      msg('[1, 2]'),
      msg('null'),
      msg({ type: 'ping' }),
      msg({ type: 'heartbeat', content: 'not text' }),
      msg({ content: 42 }),
      msg({ content: '' }),
      msg({ content: 'ok' }),
    ]);
    expect(events).toEqual([{ type: 'text-delta', delta: 'ok' }]);
  });

  test('error messages in their usual shapes', () => {
    const { events, terminal } = decodeFrames(genericProtocol, [msg({ type: 'error', error: { message: 'Sin gas', code: 'KITCHEN_DOWN' } })]);
    expect(events).toEqual([{ type: 'error', message: 'Sin gas', code: 'KITCHEN_DOWN' }]);
    expect(terminal).toEqual([true]);
    expect(eventsOf(genericProtocol, [msg({ type: 'error', error: 'Sin gas' })])).toEqual([{ type: 'error', message: 'Sin gas' }]);
    expect(eventsOf(genericProtocol, [msg({ type: 'error', message: 'Sin gas' })])).toEqual([{ type: 'error', message: 'Sin gas' }]);
    expect(eventsOf(genericProtocol, [msg({ type: 'error' })])).toEqual([{ type: 'error', message: 'The server reported an error.' }]);
  });

  test('concurrent runs of one tool end in start order; explicit ids are honoured', () => {
    const events = eventsOf(genericProtocol, [
      msg({ type: 'tool_start', tool: 'search_menu' }),
      msg({ type: 'tool_start', tool: 'search_menu' }),
      msg({ type: 'tool_start', tool: 'eta', id: 'eta-run' }),
      msg({ type: 'tool_end', tool: 'search_menu', result: 'first' }),
      msg({ type: 'tool_end', tool: 'eta', id: 'eta-run', result: 12 }),
      msg({ type: 'tool_end', tool: 'search_menu', result: 'second' }),
      msg({ type: 'tool_end', tool: 'unseen', result: 'orphan' }),
    ]);
    expect(events).toEqual([
      { type: 'tool-start', toolCallId: 'search_menu-1', toolName: 'search_menu' },
      { type: 'tool-start', toolCallId: 'search_menu-2', toolName: 'search_menu' },
      { type: 'tool-start', toolCallId: 'eta-run', toolName: 'eta' },
      { type: 'tool-result', toolCallId: 'search_menu-1', toolName: 'search_menu', output: 'first' },
      { type: 'tool-result', toolCallId: 'eta-run', toolName: 'eta', output: 12 },
      { type: 'tool-result', toolCallId: 'search_menu-2', toolName: 'search_menu', output: 'second' },
      { type: 'tool-start', toolCallId: 'unseen-3', toolName: 'unseen' },
      { type: 'tool-result', toolCallId: 'unseen-3', toolName: 'unseen', output: 'orphan' },
    ]);
  });

  test('isTerminal: [DONE], done and error; not text that says "done"', () => {
    const decoder = genericProtocol.createDecoder();
    expect(decoder.isTerminal(msg('[DONE]'))).toBe(true);
    expect(decoder.isTerminal(msg({ type: 'done' }))).toBe(true);
    expect(decoder.isTerminal(msg({ type: 'error', error: 'x' }))).toBe(true);
    expect(decoder.isTerminal(msg({ content: 'done' }))).toBe(false);
    expect(decoder.isTerminal(msg({ type: 'chunk', content: '"error"' }))).toBe(false);
    expect(decoder.isTerminal(msg('{"type": "done"'))).toBe(false);
  });
});
