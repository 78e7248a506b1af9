import { describe, expect, test } from 'vitest';
import { chunkEventsProtocol } from '../../../src/core/protocols/chunk-events.js';
import { fixtures } from '../../fixtures/protocols/expected.js';
import { decodeFrames, eventsOf, frame } from './support/fixtures.js';
import { describeFixture } from './support/fixture-suite.js';

describeFixture(fixtures.chunkEvents, { frameCount: 5, endsWithTerminal: true });
describeFixture(fixtures.chunkEventsError, { frameCount: 3, endsWithTerminal: true });

describe('chunk-events adapter', () => {
  test('chunks of another type, malformed chunks and unknown events are ignored', () => {
    const events = eventsOf(chunkEventsProtocol, [
      frame('chunk', { type: 'status', content: 'thinking…', chunk_index: 0, is_final: false }),
      frame('chunk', '{"type": "content", "content": "¡Ho'),
      frame('progress', { percent: 50 }),
      frame('message', { content: 'unnamed' }),
      frame('chunk', { content: 'sin tipo', chunk_index: 1 }),
    ]);
    expect(events).toEqual([{ type: 'text-delta', delta: 'sin tipo' }]);
  });

  test('an error event fails the reply even when its data is not JSON', () => {
    expect(eventsOf(chunkEventsProtocol, [frame('error', 'upstream timeout')])).toEqual([{ type: 'error', message: 'upstream timeout' }]);
    expect(eventsOf(chunkEventsProtocol, [frame('error', '')])).toEqual([{ type: 'error', message: 'The server reported an error.' }]);
    expect(eventsOf(chunkEventsProtocol, [frame('error', { error: { message: 'Sin gas' } })])).toEqual([{ type: 'error', message: 'Sin gas' }]);
  });

  test('isTerminal: end and error events only', () => {
    const { terminal } = decodeFrames(chunkEventsProtocol, [
      frame('start', { conversation_id: 'c', status: 'processing' }),
      frame('chunk', { type: 'content', content: 'end', is_final: true }),
      frame('end', { status: 'completed' }),
      frame('error', { error: 'x' }),
    ]);
    expect(terminal).toEqual([false, false, true, true]);
  });
});
