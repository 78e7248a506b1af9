/**
 * Splits streamed text into stable blocks so a long reply re-renders only its last block.
 *
 * Boundaries are blank lines outside code fences, and fences themselves (a fenced code block
 * is one block, blank lines included). Only whole lines are classified, and each line is
 * looked at once, so the work per update is proportional to the new text, not to the reply.
 */

/** What a block holds: prose (a paragraph, a list, a heading …) or a fenced code block. */
export type TextBlockKind = 'paragraph' | 'code';

/** One block of a streamed text. Closed blocks are immutable: the same object forever. */
export interface TextBlock {
  /** Position of the block in its text (0, 1, 2 …): a stable React key. */
  readonly key: number;
  readonly kind: TextBlockKind;
  /**
   * The block's source text, fences included for code, without the blank lines around it:
   * what a markdown renderer wants.
   */
  readonly text: string;
  /** A code block's info string's first word (`ts` in ```` ```ts ````), or `''`. */
  readonly lang: string;
}

/** The result of splitting: finished blocks, and the block still being written. */
export interface BlockSplit {
  /** Finished blocks. The array keeps its identity until another block finishes. */
  readonly closed: readonly TextBlock[];
  /** The last, unfinished block (`null` when the text ends at a boundary). */
  readonly open: TextBlock | null;
  /**
   * True when the open block is a code fence that has not been closed yet (the text has an
   * odd number of fences): a cursor must go after the block, not inside it.
   */
  readonly openFence: boolean;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const FENCE_START = /^ {0,3}(`{3,}|~{3,})/;

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** A closing fence: the opening fence's character, at least as long, nothing else. */
function closesFence(line: string, marker: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  return match !== null && match[1]![0] === marker[0] && match[1]!.length >= marker.length;
}

const EMPTY: readonly TextBlock[] = Object.freeze([]);

/**
 * A copy of `text` that does not keep the string it was cut from alive. Engines represent a
 * `slice()` of a long string as a view of its parent (V8: a SlicedString), so a finished block
 * cut out of the whole reply would pin the whole reply as it was when the block closed: one
 * copy of the reply per block, ~16 MB after a 20,000-token reply. Prepending a character makes
 * a new string that the engine flattens into fresh memory when it is sliced; the slice then
 * refers only to that block-sized string.
 */
function ownString(text: string): string {
  return (' ' + text).slice(1);
}

/**
 * Incremental splitter for one growing text. Feed it the whole text on every update; when the
 * new text extends the previous one (the streaming case) only the new part is scanned.
 * Any other change (a shorter or different text) starts over.
 */
export class BlockSplitter {
  private source = '';
  private closed: readonly TextBlock[] = EMPTY;
  /** Start of the block being built, or -1 between blocks. */
  private blockStart = -1;
  private blockKind: TextBlockKind = 'paragraph';
  private lang = '';
  /** Start of the line not yet ended by a newline. */
  private lineStart = 0;
  /** The opening fence's marker while inside a code block. */
  private fence: string | null = null;
  private result: BlockSplit = { closed: EMPTY, open: null, openFence: false };

  /** Splits `text`, reusing the work done for its previous value. */
  update(text: string): BlockSplit {
    if (text === this.source) return this.result;
    // Only the unfinished region can be compared cheaply; everything before it was classified
    // already and is kept when the new text still starts with the same unfinished region.
    const from = this.blockStart >= 0 ? Math.min(this.blockStart, this.lineStart) : this.lineStart;
    // The character before that region (the newline that ended the last classified line) is
    // checked too: a cheap guard against a different text that happens to share the tail.
    const extendsSource =
      text.length >= this.source.length &&
      text.startsWith(this.source.slice(from), from) &&
      (from === 0 || text.charCodeAt(from - 1) === this.source.charCodeAt(from - 1));
    if (!extendsSource) this.reset();
    this.source = text;
    this.scan(text);
    this.result = this.build(text);
    return this.result;
  }

  private reset(): void {
    this.source = '';
    this.closed = EMPTY;
    this.blockStart = -1;
    this.blockKind = 'paragraph';
    this.lang = '';
    this.lineStart = 0;
    this.fence = null;
  }

  private scan(text: string): void {
    let newline = text.indexOf('\n', this.lineStart);
    while (newline !== -1) {
      this.line(text, this.lineStart, newline);
      this.lineStart = newline + 1;
      newline = text.indexOf('\n', this.lineStart);
    }
  }

  /** Classifies the complete line `text[start, end)` (`end` is its newline). */
  private line(text: string, start: number, end: number): void {
    const line = stripCr(text.slice(start, end));
    if (this.fence !== null) {
      if (closesFence(line, this.fence)) {
        this.close(text, end);
        this.fence = null;
      }
      return;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence !== null) {
      // A fence ends the paragraph before it, even without a blank line.
      if (this.blockStart >= 0) this.close(text, start - 1);
      this.blockStart = start;
      this.blockKind = 'code';
      // A regexp match is a slice of the reply too; a long info string would pin it.
      this.lang = ownString(fence[2] ?? '');
      this.fence = fence[1]!;
      return;
    }
    if (isBlank(line)) {
      if (this.blockStart >= 0) this.close(text, start - 1);
      return;
    }
    if (this.blockStart < 0) {
      this.blockStart = start;
      this.blockKind = 'paragraph';
      this.lang = '';
    }
  }

  /** Finishes the current block at `end` (exclusive). */
  private close(text: string, end: number): void {
    const block: TextBlock = {
      key: this.closed.length,
      kind: this.blockKind,
      // Closed blocks live as long as the message: copied, so they do not pin the reply.
      text: ownString(stripCr(text.slice(this.blockStart, Math.max(this.blockStart, end)))),
      lang: this.lang,
    };
    // A new array only when a block finishes, so memoised consumers skip every other update.
    this.closed = [...this.closed, block];
    this.blockStart = -1;
  }

  private build(text: string): BlockSplit {
    const key = this.closed.length;
    if (this.fence !== null) {
      return {
        closed: this.closed,
        open: { key, kind: 'code', text: text.slice(this.blockStart), lang: this.lang },
        openFence: true,
      };
    }
    const pending = text.slice(this.lineStart);
    const start = this.blockStart >= 0 ? this.blockStart : this.lineStart;
    const body = text.slice(start);
    if (this.blockStart < 0 && isBlank(pending)) return { closed: this.closed, open: null, openFence: false };
    // An unfinished line that begins with a fence is a code block being opened: the cursor
    // must not sit inside it even before its newline arrives.
    const opening = FENCE_START.exec(pending);
    if (opening !== null) {
      return {
        closed: this.closed,
        open: { key, kind: this.blockStart >= 0 ? 'paragraph' : 'code', text: body, lang: '' },
        openFence: true,
      };
    }
    return { closed: this.closed, open: { key, kind: 'paragraph', text: body, lang: '' }, openFence: false };
  }
}

/** Splits a whole text at once (finished messages). */
export function splitBlocks(text: string): TextBlock[] {
  const split = new BlockSplitter().update(text);
  return split.open ? [...split.closed, split.open] : [...split.closed];
}

/** The code inside a fenced block's source text, without its fence lines. */
export function codeBody(block: Pick<TextBlock, 'text'>): string {
  const lines = block.text.split('\n');
  lines.shift();
  if (lines.length > 0 && FENCE_START.test(stripCr(lines[lines.length - 1]!))) lines.pop();
  return lines.join('\n');
}
