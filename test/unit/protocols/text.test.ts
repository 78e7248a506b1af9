import { describe, expect, test } from 'vitest';
import { textProtocol } from '../../../src/core/protocols/text.js';
import { fixtures } from '../../fixtures/protocols/expected.js';
import { decodeFrames, frame } from './support/fixtures.js';
import { describeFixture } from './support/fixture-suite.js';

describeFixture(fixtures.text, { frameCount: 1, endsWithTerminal: false });

describe('text adapter', () => {
  test('every frame is text as is: whitespace kept, JSON not parsed, empty frames skipped, nothing terminal', () => {
    const { events, terminal } = decodeFrames(textProtocol, [
      frame('message', '  {"content": "no soy JSON"}\n'),
      frame('message', ''),
      frame('message', '[DONE]'),
    ]);
    expect(events).toEqual([
      { type: 'text-delta', delta: '  {"content": "no soy JSON"}\n' },
      { type: 'text-delta', delta: '[DONE]' },
    ]);
    expect(terminal).toEqual([false, false, false]);
  });
});
