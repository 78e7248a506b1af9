import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { BlockSplitter, type TextBlock } from '../../../src/components/blocks.js';

// A real collector, without a command-line flag: the flag set at run time is picked up by the
// next context, whose `gc` collects the whole isolate.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapUsedAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** The benchmark's reply: words, a paragraph every ~80 tokens, a code block every ~1,500. */
function replyTokens(count: number): string[] {
  const words = ['Los ', 'tacos ', 'al ', 'pastor ', 'llevan ', 'piña, ', 'cebolla ', 'y ', 'cilantro; ', 'el ', 'trompo ', 'gira ', 'despacio. '];
  const tokens: string[] = [];
  for (let i = 0; tokens.length < count; i++) {
    if (i % 1500 === 1499) tokens.push('\n\n```typescript-long-name\n', 'const ', 'orden ', '= ', "'3 tacos';\n", '```\n\n');
    else if (i % 80 === 79) tokens.push('\n\n');
    else tokens.push(words[i % words.length]!);
  }
  return tokens.slice(0, count);
}

describe('BlockSplitter memory', () => {
  test('finished blocks hold their own text, not the whole reply they were cut from', () => {
    const before = heapUsedAfterGc();
    const splitter = new BlockSplitter();
    let text = '';
    let kept: readonly TextBlock[] = [];
    for (const token of replyTokens(20_000)) {
      text += token;
      kept = splitter.update(text).closed;
    }
    const characters = kept.reduce((sum, block) => sum + block.text.length + block.lang.length, 0);
    expect(kept.length).toBeGreaterThan(200);
    // Drop everything but the finished blocks, as a memoised finished block keeps them on a page.
    text = '';
    splitter.update('');
    const retained = heapUsedAfterGc() - before;
    // ~120,000 characters of block text (~0.2 MB with the objects). A block that is a slice of
    // the reply pins the whole reply as it was when the block closed: ~16 MB here.
    expect(characters).toBeLessThan(150_000);
    expect(retained).toBeLessThan(2_000_000);
    expect(kept[0]!.text.length).toBeGreaterThan(0);
  });
});
