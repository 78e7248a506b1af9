import '../../src/styles.css';
import { render, screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import { Cursor, Message, splitBlocks, StreamChat, StreamingText, type MessageProps, type RenderContent } from '../../src/index.js';
import { sseResponse } from '../../src/msw/index.js';
import { chunkEventsScript, SLOW_REPLY } from '../../stories/mocks/chat-scenarios.js';
import { worker } from './support/worker.js';

beforeAll(() => worker.start({ quiet: true, onUnhandledFrame: 'bypass' }));
afterAll(() => worker.stop());
afterEach(() => worker.resetHandlers());

const LONG = { timeout: 15_000 };

describe('render counts', () => {
  // Stable module-level values: the counting view and the renderer must not change identity.
  const messageRenders = new Map<string, number>();
  function CountingMessage(props: MessageProps) {
    messageRenders.set(props.message.id, (messageRenders.get(props.message.id) ?? 0) + 1);
    return <Message {...props} />;
  }
  const components = { Message: CountingMessage };

  test('finished messages render 0 times while a new reply streams', async () => {
    let requests = 0;
    worker.use(
      http.post('/t/renders', ({ request }) => {
        requests++;
        const text = requests === 1 ? 'Primera respuesta, corta.' : SLOW_REPLY;
        return sseResponse(chunkEventsScript(text), { delayMs: 8 }, request.signal);
      }),
    );
    render(<StreamChat api="/t/renders" retry={false} components={components} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'uno{Enter}');
    await waitFor(() => expect(document.querySelector('[data-role="assistant"]')).toHaveAttribute('data-status', 'done'), LONG);
    const finished = [...messageRenders.keys()];
    expect(finished).toHaveLength(2);
    messageRenders.clear();

    await userEvent.type(box, 'dos{Enter}');
    await waitFor(() => expect(document.querySelectorAll('[data-role="assistant"]')[1]).toHaveAttribute('data-status', 'done'), LONG);
    for (const id of finished) expect(messageRenders.get(id) ?? 0).toBe(0);
    const fresh = [...messageRenders.entries()].filter(([id]) => !finished.includes(id));
    expect(fresh).toHaveLength(2); // the new question (once) and the new reply (once per frame)
    const replyRenders = Math.max(...fresh.map(([, count]) => count));
    expect(replyRenders).toBeGreaterThan(10);
  });

  test('a streaming reply renders each finished block once (when it finishes) and never again', async () => {
    worker.use(http.post('/t/blocks', ({ request }) => sseResponse(chunkEventsScript(SLOW_REPLY), { delayMs: 8 }, request.signal)));
    const calls = new Map<number, { open: number; closed: number }>();
    const renderContent: RenderContent = (text, { block, streaming, part }) => {
      if (part === 'text' && !text.startsWith('explica')) {
        const entry = calls.get(block.key) ?? { open: 0, closed: 0 };
        if (streaming) entry.open++;
        else entry.closed++;
        calls.set(block.key, entry);
      }
      return <p>{text}</p>;
    };
    // Every update the store publishes (no pacing): this is about what one update re-renders.
    render(<StreamChat api="/t/blocks" retry={false} renderContent={renderContent} textUpdateMs={0} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'explica{Enter}');
    await waitFor(() => expect(document.querySelector('[data-role="assistant"]')).toHaveAttribute('data-status', 'done'), LONG);
    const blockCount = splitBlocks(SLOW_REPLY).length;
    expect(blockCount).toBe(6);
    expect([...calls.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: blockCount }, (_, i) => i));
    for (const [, entry] of calls) {
      // Rendered as the open block while its words arrived …
      expect(entry.open).toBeGreaterThan(1);
      // … then exactly once more when it finished (or when the reply ended), never per token.
      expect(entry.closed).toBe(1);
    }
  });
});

describe('per-token work does not grow with the reply', () => {
  /** 20,000 tokens, a paragraph break every 40 tokens. */
  const tokens = Array.from({ length: 20_000 }, (_, i) => (i % 40 === 39 ? `fin${i}.\n\n` : `w${i} `));

  test('DOM mutations and block renders per token are the same at token 20,000 as at token 1', () => {
    const renders = new Map<number, number>();
    const renderContent: RenderContent = (text, { block }) => {
      renders.set(block.key, (renders.get(block.key) ?? 0) + 1);
      return text;
    };
    let text = '';
    const { container, rerender } = render(<StreamingText text={text} streaming renderContent={renderContent} />);
    const observer = new MutationObserver(() => {});
    observer.observe(container, { childList: true, subtree: true, characterData: true, attributes: true });

    /** Appends tokens [from, to), measuring each update: mutation records and block renders. */
    const window = (from: number, to: number) => {
      const mutations: number[] = [];
      const blockRenders: number[] = [];
      for (let i = from; i < to; i++) {
        text += tokens[i];
        const before = [...renders.values()].reduce((sum, n) => sum + n, 0);
        rerender(<StreamingText text={text} streaming renderContent={renderContent} />);
        mutations.push(observer.takeRecords().length);
        blockRenders.push([...renders.values()].reduce((sum, n) => sum + n, 0) - before);
      }
      return { mutations, blockRenders };
    };

    const start = window(0, 120);
    // Jump to the end of a 20,000-token reply in one update, then measure the same 120 steps.
    text += tokens.slice(120, 19_880).join('');
    rerender(<StreamingText text={text} streaming renderContent={renderContent} />);
    observer.takeRecords();
    renders.clear();
    const end = window(19_880, 20_000);
    observer.disconnect();

    // Same position within a paragraph (19,880 = 497 × 40), so the two windows line up update
    // by update: identical work, token for token.
    expect(end.mutations).toEqual(start.mutations);
    expect(end.blockRenders).toEqual(start.blockRenders);
    // Within a paragraph one token is one text change of the open block, one render of it.
    expect(Math.max(...start.blockRenders)).toBeLessThanOrEqual(2);
    // Across the whole end window only the blocks that were open in it rendered.
    expect(renders.size).toBeLessThanOrEqual(4);
    // 500 paragraphs, all finished: the text ends at a paragraph break.
    expect(container.querySelectorAll('[data-sk-block]')).toHaveLength(500);
  });
});

describe('cursor', () => {
  test('presets, custom glyphs and nodes; false renders nothing; always aria-hidden', () => {
    const { rerender, container } = render(<Cursor cursor="bar" />);
    const glyph = () => container.querySelector('[data-sk-cursor]');
    expect(glyph()).toHaveTextContent('|');
    expect(glyph()).toHaveAttribute('aria-hidden', 'true');
    rerender(<Cursor cursor="underscore" />);
    expect(glyph()).toHaveTextContent('_');
    rerender(<Cursor cursor="🌮" />);
    expect(glyph()).toHaveTextContent('🌮');
    expect(glyph()).toHaveAttribute('data-preset', 'custom');
    rerender(<Cursor cursor={<svg data-testid="svg-cursor" />} />);
    expect(glyph()!.querySelector('[data-testid="svg-cursor"]')).not.toBeNull();
    rerender(<Cursor cursor={false} />);
    expect(glyph()).toBeNull();
  });

  test('the cursor goes after an unfinished code block, and inside the last paragraph otherwise', () => {
    const { container, rerender } = render(<StreamingText text={'Mira:\n```js\nlet x = 1;'} streaming />);
    const cursor = () => container.querySelector('[data-sk-cursor]')!;
    expect(cursor().closest('pre')).toBeNull();
    expect(cursor().previousElementSibling?.tagName).toBe('PRE');
    // Even a fence line still being written (no newline yet) must not take the cursor inside.
    rerender(<StreamingText text={'Mira:\n```js\nlet x = 1;\n```\n\nListo:\n```'} streaming />);
    expect(cursor().closest('pre, p')).toBeNull();
    // Backticks inside a line are not a fence.
    rerender(<StreamingText text={'Mira:\n```js\nlet x = 1;\n```\n\nUsa ``` para código'} streaming />);
    expect(cursor().parentElement?.tagName).toBe('P');
    rerender(<StreamingText text={'Mira:\n```js\nlet x = 1;\n```\n\nListo'} streaming />);
    expect(cursor().parentElement?.tagName).toBe('P');
    expect(cursor().parentElement).toHaveTextContent('Listo');
    rerender(<StreamingText text={'Mira:\n```js\nlet x = 1;\n```\n\nListo'} streaming={false} />);
    expect(container.querySelector('[data-sk-cursor]')).toBeNull();
  });

  test('holds still inside a chat that is typing, blinks again once it rests', async () => {
    const { rerender } = render(
      <div data-sk-root="" data-sk-chat="" data-typing="true">
        <Cursor cursor="block" />
      </div>,
    );
    const cursor = document.querySelector<HTMLElement>('[data-sk-chat] [data-sk-cursor]')!;
    expect(getComputedStyle(cursor).animationName).toBe('none');
    rerender(
      <div data-sk-root="" data-sk-chat="">
        <Cursor cursor="block" />
      </div>,
    );
    expect(getComputedStyle(cursor).animationName).toBe('sk-cursor-blink');
  });

  test('blinks with the theme colour and speed, and never under prefers-reduced-motion', async () => {
    const session = cdp();
    render(
      <div data-sk-root="" style={{ ['--sk-cursor-color' as string]: 'rgb(200, 0, 0)' }}>
        <Cursor cursor="block" blinkMs={400} />
        <span data-testid="headless">
          <Cursor cursor="dot" blink={false} />
        </span>
      </div>,
    );
    // Outside any root too (headless use): its own reduced-motion rule must apply.
    const { container: bare } = render(<Cursor cursor="bar" />);
    const [blinking, still] = [...document.querySelectorAll<HTMLElement>('[data-sk-root] [data-sk-cursor]')];
    const outside = bare.querySelector<HTMLElement>('[data-sk-cursor]')!;
    expect(getComputedStyle(blinking!).animationName).toBe('sk-cursor-blink');
    expect(getComputedStyle(blinking!).animationDuration).toBe('0.4s');
    expect(getComputedStyle(blinking!).color).toBe('rgb(200, 0, 0)');
    expect(getComputedStyle(still!).animationName).toBe('none');
    expect(getComputedStyle(outside).animationName).toBe('sk-cursor-blink');

    await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value: 'reduce' }] });
    try {
      await waitFor(() => expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(true));
      expect(getComputedStyle(blinking!).animationName).toBe('none');
      expect(getComputedStyle(outside).animationName).toBe('none');
    } finally {
      await session.send('Emulation.setEmulatedMedia', { features: [] });
    }
    await waitFor(() => expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(false));
    expect(getComputedStyle(blinking!).animationName).toBe('sk-cursor-blink');
  });
});
