'use client';
import { forwardRef, memo, useRef, type HTMLAttributes, type ReactNode } from 'react';
import { BlockSplitter, codeBody, type TextBlock } from './blocks.js';
import { type ContentInfo, type RenderContent, useChatView } from './context.js';
import { Cursor, type CursorSetting } from './Cursor.js';

export interface StreamingTextProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The whole text so far. While streaming it only grows. */
  text: string;
  /** True while more text may arrive: shows the cursor and marks the last block open. */
  streaming?: boolean;
  /** Answer text or reasoning (passed to `renderContent`). Default `'text'`. */
  part?: ContentInfo['part'];
  /** Cursor preset, glyph or node, `false` for none. Default from context (`'block'`). */
  cursor?: CursorSetting;
  /** Blink the cursor. Default from context (`true`). */
  cursorBlink?: boolean;
  /** Blink cycle in ms. */
  cursorBlinkMs?: number;
  /** Renders each block (markdown …). Default: plain text, paragraphs and `<pre>` code. */
  renderContent?: RenderContent;
  blockClassName?: string;
  codeBlockClassName?: string;
  cursorClassName?: string;
}

interface BlockViewProps {
  block: TextBlock;
  streaming: boolean;
  part: ContentInfo['part'];
  renderContent: RenderContent | undefined;
  className: string | undefined;
  codeClassName: string | undefined;
  /** The cursor, when it belongs inside this block's last line. */
  cursor?: ReactNode;
}

/**
 * One block. Plain text goes through React's text nodes, never through HTML parsing, so
 * nothing in a stream can inject markup or scripts.
 */
const BlockView = memo(function BlockView({ block, streaming, part, renderContent, className, codeClassName, cursor }: BlockViewProps) {
  if (renderContent) {
    return (
      <div data-sk-block="" data-kind={block.kind} data-open={streaming ? 'true' : undefined} className={className}>
        {renderContent(block.text, { block, streaming, part })}
      </div>
    );
  }
  if (block.kind === 'code') {
    return (
      <pre data-sk-block="" data-sk-code-block="" data-kind="code" data-open={streaming ? 'true' : undefined} className={codeClassName}>
        <code data-language={block.lang || undefined}>{codeBody(block)}</code>
      </pre>
    );
  }
  return (
    <p data-sk-block="" data-kind="paragraph" data-open={streaming ? 'true' : undefined} className={className}>
      {block.text}
      {cursor}
    </p>
  );
});

interface ClosedBlocksProps {
  blocks: readonly TextBlock[];
  part: ContentInfo['part'];
  renderContent: RenderContent | undefined;
  className: string | undefined;
  codeClassName: string | undefined;
}

// The finished blocks as one memoised unit: its props change only when a block finishes, so
// a token costs no reconciliation of the blocks above the open one.
const ClosedBlocks = memo(function ClosedBlocks({ blocks, part, renderContent, className, codeClassName }: ClosedBlocksProps) {
  if (blocks.length === 0) return null;
  // One wrapper, so the open block's parent has two children whatever the reply's length: the
  // browser's layout and paint of a token then stay local to the open block (see styles.css).
  return (
    <div data-sk-closed-blocks="">
      {blocks.map((block) => (
        <BlockView
          key={block.key}
          block={block}
          streaming={false}
          part={part}
          renderContent={renderContent}
          className={className}
          codeClassName={codeClassName}
        />
      ))}
    </div>
  );
});

/**
 * Streamed text as stable blocks, with a cursor while streaming. Finished blocks are memoised
 * and never re-render; each token updates only the last, open block, so the work per token is
 * the same at the end of a long reply as at its start.
 *
 * The cursor never lands inside an unfinished code block: while a fence is open it is placed
 * after the block. Extra props and the ref go to the root `<div>`.
 */
export const StreamingText = forwardRef<HTMLDivElement, StreamingTextProps>(function StreamingText(props, ref) {
  const view = useChatView();
  const {
    text,
    streaming = false,
    part = 'text',
    cursor = view.cursor,
    cursorBlink = view.cursorBlink,
    cursorBlinkMs = view.cursorBlinkMs,
    renderContent = view.renderContent,
    className,
    blockClassName = view.classNames.block,
    codeBlockClassName = view.classNames.codeBlock,
    cursorClassName = view.classNames.cursor,
    ...rest
  } = props;
  const splitter = useRef<BlockSplitter | null>(null);
  splitter.current ??= new BlockSplitter();
  const { closed, open, openFence } = splitter.current.update(text);

  const cursorNode = streaming ? (
    <Cursor cursor={cursor} blink={cursorBlink} {...(cursorBlinkMs !== undefined ? { blinkMs: cursorBlinkMs } : {})} className={cursorClassName} />
  ) : null;
  // Inside the last paragraph when the default renderer draws it; after the block when a code
  // fence is open (inside it the cursor would read as code) or a custom renderer owns the markup.
  const cursorInside = cursorNode !== null && open !== null && !openFence && open.kind === 'paragraph' && !renderContent;

  return (
    <div {...rest} ref={ref} data-sk-text="" data-part={part} data-streaming={streaming ? 'true' : 'false'} className={className}>
      <ClosedBlocks blocks={closed} part={part} renderContent={renderContent} className={blockClassName} codeClassName={codeBlockClassName} />
      {open !== null && (
        <BlockView
          key={open.key}
          block={open}
          streaming={streaming}
          part={part}
          renderContent={renderContent}
          className={blockClassName}
          codeClassName={codeBlockClassName}
          cursor={cursorInside ? cursorNode : undefined}
        />
      )}
      {!cursorInside && cursorNode}
    </div>
  );
});
