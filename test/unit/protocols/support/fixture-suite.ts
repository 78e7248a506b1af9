/**
 * The checks every adapter must pass on each of its fixtures: the exact expected reply whole and
 * at random network chunkings, tool input from deltas equal to the parsed whole input, and
 * exactly the right frame terminal.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { getProtocol } from '../../../../src/core/protocols/index.js';
import type { ProtocolFixture } from '../../../fixtures/protocols/expected.js';
import { accumulate, toolInputTexts } from './accumulate.js';
import { arbitraryCuts, decodeFrames, fixtureBytes, fixtureFrames } from './fixtures.js';

export interface FixtureSuiteOptions {
  /** Frames the fixture must decode to (guards against a fixture that silently lost events). */
  frameCount: number;
  /** Whether the fixture's last frame ends the reply (false for formats with no end marker). */
  endsWithTerminal: boolean;
}

export function describeFixture(fixture: ProtocolFixture, options: FixtureSuiteOptions): void {
  const adapter = getProtocol(fixture.protocol);
  describe(`${fixture.protocol}: ${fixture.file}`, () => {
    test('decodes whole to the expected reply', () => {
      const frames = fixtureFrames(fixture.file);
      expect(frames).toHaveLength(options.frameCount);
      expect(accumulate(decodeFrames(adapter, frames).events)).toEqual(fixture.expected);
    });

    test('decodes to the same reply however the bytes are cut into reads', () => {
      const length = fixtureBytes(fixture.file).length;
      fc.assert(
        fc.property(arbitraryCuts(length), (cuts) => {
          const frames = fixtureFrames(fixture.file, cuts);
          expect(accumulate(decodeFrames(adapter, frames).events)).toEqual(fixture.expected);
        }),
        { numRuns: 60 },
      );
    });

    test('decodes to the same reply read one byte at a time', () => {
      const length = fixtureBytes(fixture.file).length;
      const everyByte = Array.from({ length: length - 1 }, (_, i) => i + 1);
      const frames = fixtureFrames(fixture.file, everyByte);
      expect(accumulate(decodeFrames(adapter, frames).events)).toEqual(fixture.expected);
    });

    test('tool input assembled from the deltas equals the parsed whole input', () => {
      const { events } = decodeFrames(adapter, fixtureFrames(fixture.file));
      const texts = toolInputTexts(events);
      const ends = new Map<string, unknown>();
      for (const event of events) if (event.type === 'tool-input-end') ends.set(event.toolCallId, event.input);
      for (const [toolCallId, text] of texts) {
        const whole = fixture.expected.tools.find((call) => call.id === toolCallId)?.input;
        expect(whole).toBeDefined();
        expect(JSON.parse(text)).toEqual(whole);
        expect(ends.get(toolCallId)).toEqual(whole);
      }
      // Every expected tool call's input ended exactly once.
      const endCounts = events.filter((event) => event.type === 'tool-input-end').length;
      expect(endCounts).toBe(fixture.expected.tools.filter((call) => call.input !== undefined).length);
    });

    test(options.endsWithTerminal ? 'only the last frame is terminal' : 'no frame is terminal', () => {
      const { terminal } = decodeFrames(adapter, fixtureFrames(fixture.file));
      const wanted = terminal.map((_, i) => options.endsWithTerminal && i === terminal.length - 1);
      expect(terminal).toEqual(wanted);
    });
  });
}
