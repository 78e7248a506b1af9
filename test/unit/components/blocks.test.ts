import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BlockSplitter, codeBody, splitBlocks } from '../../../src/components/blocks.js';

const texts = (text: string) => splitBlocks(text).map((block) => [block.kind, block.text]);

describe('splitBlocks', () => {
  test('splits paragraphs at blank lines and keeps single newlines inside a block', () => {
    expect(texts('One\ntwo\n\nThree\n\n\n  \nFour')).toEqual([
      ['paragraph', 'One\ntwo'],
      ['paragraph', 'Three'],
      ['paragraph', 'Four'],
    ]);
  });

  test('a fenced code block is one block, blank lines included, and ends the paragraph before it', () => {
    const text = 'Intro:\n```ts\nconst a = 1;\n\nconst b = 2;\n```\nAfter';
    expect(texts(text)).toEqual([
      ['paragraph', 'Intro:'],
      ['code', '```ts\nconst a = 1;\n\nconst b = 2;\n```'],
      ['paragraph', 'After'],
    ]);
    const code = splitBlocks(text)[1]!;
    expect(code.lang).toBe('ts');
    expect(codeBody(code)).toBe('const a = 1;\n\nconst b = 2;');
  });

  test('a closing fence must match the opening one (``` inside ~~~ does not close it)', () => {
    expect(texts('~~~\n```\n\nstill code\n~~~\nx')).toEqual([
      ['code', '~~~\n```\n\nstill code\n~~~'],
      ['paragraph', 'x'],
    ]);
  });

  test('CRLF line endings split like LF', () => {
    expect(texts('a\r\n\r\nb')).toEqual([
      ['paragraph', 'a'],
      ['paragraph', 'b'],
    ]);
  });
});

describe('BlockSplitter', () => {
  test('an odd number of fences leaves the code block open (openFence), an even number closes it', () => {
    const splitter = new BlockSplitter();
    let split = splitter.update('Look:\n```js\nlet x = 1;');
    expect(split.openFence).toBe(true);
    expect(split.open?.kind).toBe('code');
    expect(split.closed.map((block) => block.text)).toEqual(['Look:']);
    split = splitter.update('Look:\n```js\nlet x = 1;\n```');
    // The closing fence line has no newline yet, but it cannot be code any more: still open
    // until its line ends, yet no longer an unfinished *fence* once the line is complete.
    split = splitter.update('Look:\n```js\nlet x = 1;\n```\n');
    expect(split.openFence).toBe(false);
    expect(split.closed.map((block) => block.kind)).toEqual(['paragraph', 'code']);
    expect(split.open).toBeNull();
  });

  test('an unfinished line that starts a fence already counts as an open fence', () => {
    const split = new BlockSplitter().update('Here:\n``');
    expect(split.openFence).toBe(false);
    expect(new BlockSplitter().update('Here:\n```py').openFence).toBe(true);
  });

  test('closed blocks keep their identity, and the array changes only when a block closes', () => {
    const splitter = new BlockSplitter();
    const first = splitter.update('Para one.\n\nPara two');
    const closedBlock = first.closed[0]!;
    const next = splitter.update('Para one.\n\nPara two grows');
    expect(next.closed).toBe(first.closed);
    expect(next.open?.text).toBe('Para two grows');
    const later = splitter.update('Para one.\n\nPara two grows\n\nThree');
    expect(later.closed).not.toBe(first.closed);
    expect(later.closed[0]).toBe(closedBlock);
    expect(later.closed[1]?.text).toBe('Para two grows');
  });

  test('a text that does not extend the previous one is split from scratch', () => {
    const splitter = new BlockSplitter();
    splitter.update('Alpha\n\nBeta');
    expect(splitter.update('Gamma').closed).toEqual([]);
    expect(splitter.update('Gamma').open?.text).toBe('Gamma');
  });

  test('streaming any text in any pieces gives the same blocks as splitting it whole', () => {
    const alphabet = fc.constantFrom('a', 'b', ' ', '\n', '\n\n', '```', '```js\n', '~~~', '\r\n', 'ñ', '🌮');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 }), (pieces, cuts) => {
        const text = pieces.join('');
        const splitter = new BlockSplitter();
        let at = 0;
        let i = 0;
        let split = splitter.update('');
        while (at < text.length) {
          at = Math.min(text.length, at + cuts[i++ % cuts.length]!);
          split = splitter.update(text.slice(0, at));
        }
        const streamed = split.open ? [...split.closed, split.open] : [...split.closed];
        expect(streamed.map((b) => [b.kind, b.text])).toEqual(texts(text));
      }),
    );
  });

  test('per-update work is proportional to the new text: a 20,000-token text is scanned once', () => {
    // Every line is classified exactly once however many updates there are: 20,000 updates of
    // a growing text cost as many line classifications as there are lines, not updates × lines.
    const splitter = new BlockSplitter();
    let text = '';
    const original = (splitter as unknown as { line: (...args: unknown[]) => void }).line.bind(splitter);
    let calls = 0;
    (splitter as unknown as { line: (...args: unknown[]) => void }).line = (...args: unknown[]) => {
      calls++;
      original(...args);
    };
    for (let token = 0; token < 20_000; token++) {
      text += token % 50 === 49 ? 'end.\n\n' : `w${token} `;
      splitter.update(text);
    }
    const newlines = (text.match(/\n/g) ?? []).length;
    expect(calls).toBe(newlines);
    expect(splitter.update(text).closed).toHaveLength(400);
  });
});
