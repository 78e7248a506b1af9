import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { genericProtocol } from '../../../src/core/protocols/generic.js';
import { wsChatProtocol } from '../../../src/core/protocols/ws-chat.js';
import type { WireFrame } from '../../../src/core/protocols/types.js';
import { fixtures } from '../../fixtures/protocols/expected.js';
import { accumulate } from './support/accumulate.js';
import { decodeFrames, eventsOf, fixtureFrames, frame } from './support/fixtures.js';
import { describeFixture } from './support/fixture-suite.js';

describeFixture(fixtures.wsChat, { frameCount: 8, endsWithTerminal: true });

const noise: WireFrame[] = [
  frame('message', { type: 'ping' }),
  frame('message', { type: 'pong', ts: 1 }),
  frame('message', { type: 'presence', user: 'cocina' }),
  frame('message', '{"type": "chunk", "content": "¡Ho'),
  frame('message', 'not json at all'),
];

describe('ws-chat adapter', () => {
  test('pings, unknown messages and malformed frames anywhere before done change nothing', () => {
    const frames = fixtureFrames('ws-chat.jsonl');
    const body = frames.slice(0, -1);
    const done = frames.at(-1)!;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: body.length }), fc.constantFrom(...noise)), { maxLength: 12 }), (insertions) => {
        const mixed = [...body];
        for (const [at, extra] of insertions) mixed.splice(Math.min(at, mixed.length), 0, extra);
        const { events, terminal } = decodeFrames(wsChatProtocol, [...mixed, done]);
        expect(accumulate(events)).toEqual(fixtures.wsChat.expected);
        expect(terminal.filter(Boolean)).toHaveLength(1);
      }),
      { numRuns: 60 },
    );
  });

  test('decodes the same messages exactly as the generic SSE adapter (shared vocabulary)', () => {
    const frames = fixtureFrames('ws-chat.jsonl');
    expect(eventsOf(wsChatProtocol, frames)).toEqual(eventsOf(genericProtocol, frames));
  });

  test('an error message ends the reply; [DONE] is not special on a socket', () => {
    const { events, terminal } = decodeFrames(wsChatProtocol, [
      frame('message', '[DONE]'),
      frame('message', { type: 'error', message: 'Conexión con la cocina perdida', code: 'UPSTREAM' }),
    ]);
    expect(events).toEqual([{ type: 'error', message: 'Conexión con la cocina perdida', code: 'UPSTREAM' }]);
    expect(terminal).toEqual([false, true]);
  });
});
