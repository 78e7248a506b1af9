import '../../src/styles.css';
import { render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import { StreamChat, type StreamChatProps } from '../../src/index.js';
import { encodeEvent, sseResponse } from '../../src/msw/index.js';
import { chatHandlers, chatUrls, chunkEventsScript, HOSTILE_TEXT, SLOW_REPLY, wordTokens } from '../../stories/mocks/chat-scenarios.js';
import { worker } from './support/worker.js';

beforeAll(() => worker.start({ quiet: true, onUnhandledFrame: 'bypass' }));
afterAll(() => worker.stop());
beforeEach(() => worker.use(...chatHandlers));
afterEach(() => worker.resetHandlers());

const LONG = { timeout: 10_000 };

/** A chunk-events endpoint that records each request body and answers `reply(n)`. */
function recordingEndpoint(url: string, reply: (n: number) => string, delayMs = 10) {
  const bodies: Array<{ message?: string; messages?: unknown[] }> = [];
  worker.use(
    http.post(url, async ({ request }) => {
      bodies.push((await request.json()) as { message?: string });
      return sseResponse(chunkEventsScript(reply(bodies.length)), { delayMs }, request.signal);
    }),
  );
  return bodies;
}

const textbox = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
const log = () => screen.getByRole('log');
const announcer = () => document.querySelector('[data-sk-announcer]')!;
const assistants = () => [...document.querySelectorAll('[data-sk-message][data-role="assistant"]')];
const lastReply = () => assistants().at(-1);
const replyDone = () => waitFor(() => expect(lastReply()).toHaveAttribute('data-status', 'done'), LONG);

function renderChat(props: Partial<StreamChatProps> & { api: string }) {
  return render(<StreamChat retry={false} {...props} />);
}

describe('composer', () => {
  test('Enter sends the message, the reply streams in, the box empties and keeps focus', async () => {
    const bodies = recordingEndpoint('/t/send', (n) => `Respuesta número ${n}.`);
    renderChat({ api: '/t/send' });
    await userEvent.click(textbox());
    await userEvent.keyboard('¿Cuánto falta?{Enter}');
    await replyDone();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.message).toBe('¿Cuánto falta?');
    expect(lastReply()).toHaveTextContent('Respuesta número 1.');
    expect(document.querySelector('[data-sk-message][data-role="user"]')).toHaveTextContent('¿Cuánto falta?');
    expect(textbox().value).toBe('');
    expect(document.activeElement).toBe(textbox());
  });

  test('Shift+Enter adds a line and sends nothing; Enter then sends both lines', async () => {
    const bodies = recordingEndpoint('/t/newline', () => 'ok');
    renderChat({ api: '/t/newline' });
    await userEvent.click(textbox());
    await userEvent.keyboard('uno{Shift>}{Enter}{/Shift}dos');
    expect(textbox().value).toBe('uno\ndos');
    expect(bodies).toHaveLength(0);
    await userEvent.keyboard('{Enter}');
    await replyDone();
    expect(bodies.map((body) => body.message)).toEqual(['uno\ndos']);
  });

  test('Enter during IME composition (isComposing, keyCode 229, between compositionstart/end) does not send', async () => {
    const bodies = recordingEndpoint('/t/ime', () => 'ok');
    renderChat({ api: '/t/ime' });
    await userEvent.click(textbox());
    await userEvent.keyboard('すし');
    const box = textbox();
    const enter = (init: KeyboardEventInit) =>
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true, ...init }));

    expect(enter({ isComposing: true })).toBe(true); // not prevented: the IME gets its Enter
    expect(enter({ keyCode: 229 } as KeyboardEventInit)).toBe(true);
    box.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    expect(enter({})).toBe(true);
    box.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: 'すし' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bodies).toHaveLength(0);
    expect(box.value).toBe('すし');

    // Composition over: the same Enter sends.
    expect(enter({})).toBe(false);
    await replyDone();
    expect(bodies.map((body) => body.message)).toEqual(['すし']);
  });
});

describe('reply controls', () => {
  test('Stop keeps exactly the partial text, marks the reply stopped, hides the cursor, keeps focus in the box', async () => {
    // The server sends the first paragraph, then holds the rest until the test lets it go: the
    // reply cannot finish before Stop however slow the machine, and what Stop must keep is
    // known exactly. No sleeps: every step waits on a condition.
    const events = chunkEventsScript(SLOW_REPLY);
    const firstParagraph = SLOW_REPLY.slice(0, SLOW_REPLY.indexOf('\n\n'));
    const held = 1 + wordTokens(firstParagraph).length;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let restDelivered = false;
    worker.use(
      http.post('/t/stop', () => {
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            for (const event of events.slice(0, held)) controller.enqueue(encoder.encode(encodeEvent(event)));
            await gate;
            try {
              for (const event of events.slice(held)) controller.enqueue(encoder.encode(encodeEvent(event)));
              controller.close();
            } catch {
              // The client went away (Stop aborted the request): nothing more can arrive.
            }
            restDelivered = true;
          },
        });
        return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    renderChat({ api: '/t/stop' });
    await userEvent.type(textbox(), 'explica{Enter}');
    // The reply's text without the streaming cursor's glyph.
    const text = () => {
      const copy = lastReply()!.querySelector('[data-sk-text]')!.cloneNode(true) as Element;
      copy.querySelectorAll('[data-sk-cursor]').forEach((cursor) => cursor.remove());
      return copy.textContent;
    };
    await waitFor(() => expect(text()).toBe(firstParagraph), LONG);
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    // The stopped state reaches the DOM on the store's next frame: wait for it, never assume it.
    await waitFor(() => expect(lastReply()).toHaveAttribute('data-status', 'stopped'), LONG);
    expect(text()).toBe(firstParagraph);
    // Let the server send the rest; whatever it manages to write must not reach the reply.
    release();
    await waitFor(() => expect(restDelivered).toBe(true), LONG);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(text()).toBe(firstParagraph);
    expect(lastReply()).toHaveAttribute('data-status', 'stopped');
    expect(document.querySelectorAll('[data-sk-cursor]')).toHaveLength(0);
    await waitFor(() => expect(announcer()).toHaveTextContent('Response stopped'), LONG);
    expect(document.activeElement).toBe(textbox());
    expect(screen.getByRole('button', { name: 'Send' })).toBeInTheDocument();
  });

  test('Regenerate replaces the last reply with a new one from the same history', async () => {
    const bodies = recordingEndpoint('/t/regen', (n) => `Versión ${n}`);
    renderChat({ api: '/t/regen' });
    await userEvent.type(textbox(), 'hola{Enter}');
    await waitFor(() => expect(lastReply()).toHaveTextContent('Versión 1'), LONG);
    await replyDone();
    await userEvent.click(screen.getByRole('button', { name: 'Regenerate' }));
    await waitFor(() => expect(lastReply()).toHaveTextContent('Versión 2'), LONG);
    await replyDone();
    expect(assistants()).toHaveLength(1);
    expect(document.querySelectorAll('[data-sk-message][data-role="user"]')).toHaveLength(1);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]!.messages).toHaveLength(1);
    expect(document.activeElement).toBe(textbox());
  });

  test('an HTTP error shows the error with Retry, announces it, and Retry gets the reply', async () => {
    let requests = 0;
    worker.use(
      http.post('/t/flaky', ({ request }) => {
        requests++;
        if (requests === 1) return HttpResponse.json({ error: 'down' }, { status: 500 });
        return sseResponse(chunkEventsScript('Ya volvió la cocina.'), { delayMs: 5 }, request.signal);
      }),
    );
    renderChat({ api: '/t/flaky' });
    await userEvent.type(textbox(), 'hola{Enter}');
    const error = await waitFor(() => {
      const element = document.querySelector('[data-sk-error]');
      expect(element).not.toBeNull();
      return element!;
    }, LONG);
    expect(error.textContent).toMatch(/Error: .*500/);
    expect(announcer().textContent).toMatch(/^Error: .*500/);
    expect(document.querySelector('[data-sk-root]')).toHaveAttribute('data-status', 'error');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await replyDone();
    expect(lastReply()).toHaveTextContent('Ya volvió la cocina.');
    expect(document.querySelector('[data-sk-error]')).toBeNull();
    expect(requests).toBe(2);
  });

  test('an error reported inside the stream keeps the text received and offers Retry', async () => {
    renderChat({ api: chatUrls.chunkEventsError });
    await userEvent.type(textbox(), 'hola{Enter}');
    await waitFor(() => expect(lastReply()).toHaveAttribute('data-status', 'error'), LONG);
    expect(lastReply()).toHaveTextContent('Reviso tu pedido');
    expect(document.querySelector('[data-sk-error]')).toHaveTextContent('La cocina no responde');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});

describe('states', () => {
  test('empty state, then "writing…" before the first token, with no assistant message yet', async () => {
    renderChat({ api: chatUrls.writing });
    expect(screen.getByText('No messages yet')).toBeInTheDocument();
    await userEvent.type(textbox(), 'hola{Enter}');
    await waitFor(() => expect(document.querySelector('[data-sk-writing]')).toHaveTextContent('Writing…'));
    expect(screen.queryByText('No messages yet')).toBeNull();
    expect(assistants()).toHaveLength(0);
    expect(document.querySelector('[data-sk-root]')).toHaveAttribute('data-status', 'submitted');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(document.querySelector('[data-sk-writing]')).toBeNull();
  });

  test('tool steps show as they start and finish; sources are links', async () => {
    renderChat({ api: chatUrls.tools });
    await userEvent.type(textbox(), '¿cuánto falta?{Enter}');
    const first = await waitFor(() => {
      const step = document.querySelector('[data-sk-tool]');
      expect(step).not.toBeNull();
      return step!;
    }, LONG);
    // Seen while the tool runs (the scenario holds it for 900 ms), then finished. (The store
    // may publish the start and the complete input a frame apart: wait for the input.)
    await waitFor(() => expect(first).toHaveAttribute('data-state', 'input-available'));
    expect(first).toHaveAttribute('data-running', 'true');
    expect(first).toHaveTextContent('kitchen_status');
    expect(first).toHaveTextContent('Running');
    await waitFor(() => expect(first).toHaveAttribute('data-state', 'output-available'), LONG);
    expect(first).toHaveTextContent('Done');
    await replyDone();
    expect([...document.querySelectorAll('[data-sk-tool]')].map((step) => step.getAttribute('data-state'))).toEqual([
      'output-available',
      'output-available',
    ]);
    const links = screen.getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://taqueria.example/pedidos/A-042',
      'https://taqueria.example/ayuda/entregas',
    ]);
  });

  test('usage and stop-reason footer, and conversation stats', async () => {
    renderChat({ api: chatUrls.anthropic, showUsage: true, stats: true });
    await userEvent.type(textbox(), 'tres al pastor{Enter}');
    await replyDone();
    const usage = lastReply()!.querySelector('[data-sk-usage]')!;
    expect(usage.querySelector('[data-sk-usage-item="total"] dd')).toHaveTextContent('599');
    expect(usage.querySelector('[data-sk-usage-item="reason"] dd')).toHaveTextContent('Tool calls (tool_use)');
    const stats = screen.getByRole('region', { name: 'Conversation stats' });
    const stat = (key: string) => stats.querySelector(`[data-sk-stat="${key}"] dd`)!.textContent;
    expect(stat('user-messages')).toBe('1');
    expect(stat('replies')).toBe('1');
    const replyLength = '¡Claro! Registro tus 3 tacos al pastor.\n\nY reviso cuánto falta.'.length;
    expect(stat('characters')).toBe(String('tres al pastor'.length + replyLength));
    expect(stat('average-length')).toBe(String(replyLength));
    expect(stat('session-time')).toMatch(/\d+\s*s/);
  });
});

describe('announcements', () => {
  test('the status region is mounted before anything happens and says "Responding…" then "Response complete", never tokens', async () => {
    renderChat({ api: chatUrls.echo });
    const region = announcer();
    expect(region).toHaveAttribute('role', 'status');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region.textContent).toBe('');
    const said: string[] = [];
    const observer = new MutationObserver(() => {
      if (said.at(-1) !== region.textContent) said.push(region.textContent ?? '');
    });
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    await userEvent.type(textbox(), 'hola{Enter}');
    await replyDone();
    await waitFor(() => expect(region).toHaveTextContent('Response complete'));
    observer.disconnect();
    expect(said).toEqual(['Responding…', 'Response complete']);
    expect(announcer()).toBe(region);
    // The transcript itself is a log that does not speak.
    expect(log()).toHaveAttribute('aria-live', 'off');
  });
});

describe('cursor', () => {
  test('shown only while streaming, hidden from assistive technology, never inside an open code block', async () => {
    renderChat({ api: chatUrls.slow, cursor: 'dot' });
    let samples = 0;
    let insideCode = 0;
    let afterCodeBlock = 0;
    let cursorsAtOnce = 0;
    const observer = new MutationObserver(() => {
      const cursors = document.querySelectorAll('[data-sk-cursor]');
      cursorsAtOnce = Math.max(cursorsAtOnce, cursors.length);
      const cursor = cursors[0];
      if (!cursor) return;
      samples++;
      if (cursor.closest('pre, code')) insideCode++;
      if (cursor.previousElementSibling?.matches('pre[data-open="true"]')) afterCodeBlock++;
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    await userEvent.type(textbox(), 'explica{Enter}');
    await waitFor(() => expect(document.querySelector('[data-sk-cursor]')).not.toBeNull(), LONG);
    const cursor = document.querySelector('[data-sk-cursor]')!;
    expect(cursor).toHaveAttribute('aria-hidden', 'true');
    expect(cursor.textContent).toBe('●');
    await replyDone();
    observer.disconnect();
    expect(document.querySelectorAll('[data-sk-cursor]')).toHaveLength(0);
    expect(samples).toBeGreaterThan(20);
    expect(cursorsAtOnce).toBe(1);
    expect(insideCode).toBe(0);
    // The code block of the reply streamed with its fence open, and the cursor sat after it.
    expect(afterCodeBlock).toBeGreaterThan(0);
  });
});

describe('auto-scroll', () => {
  const atBottom = (element: Element) => element.scrollHeight - element.scrollTop - element.clientHeight <= 8;
  // Two animation frames: a frame's ResizeObserver callbacks run after its rAF callbacks, so
  // only the next rAF is sure to come after them.
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  /** Keyboard and wheel scrolling are animated: wait until the position holds for 5 frames. */
  async function settled(element: Element) {
    let still = 0;
    let last = element.scrollTop;
    while (still < 5) {
      await frame();
      still = element.scrollTop === last ? still + 1 : 0;
      last = element.scrollTop;
    }
  }

  test('follows the stream, stops on wheel up, PageUp and Home, and follows again via jump-to-latest or End', async () => {
    renderChat({ api: chatUrls.slow, theme: { chatHeight: '160px' } });
    await userEvent.type(textbox(), 'explica{Enter}');
    const view = log();
    await waitFor(() => expect(view.scrollTop).toBeGreaterThan(40), LONG);
    expect(atBottom(view)).toBe(true);
    expect(view).toHaveAttribute('data-following', 'true');
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull();

    // Wheel up: let go at once, and stay put while tokens keep arriving.
    await userEvent.wheel(view, { delta: { y: -60 } });
    await waitFor(() => expect(view).toHaveAttribute('data-following', 'false'));
    await settled(view);
    const heldAt = view.scrollTop;
    const heightThen = view.scrollHeight;
    await waitFor(() => expect(view.scrollHeight).toBeGreaterThan(heightThen + 20), LONG);
    await frame();
    expect(view.scrollTop).toBe(heldAt);
    expect(atBottom(view)).toBe(false);

    // Jump to latest: back at the bottom and following.
    await userEvent.click(screen.getByRole('button', { name: 'Jump to latest' }));
    expect(view).toHaveAttribute('data-following', 'true');
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
    expect(document.activeElement).toBe(view);
    const heightNow = view.scrollHeight;
    await waitFor(() => expect(view.scrollHeight).toBeGreaterThan(heightNow + 20), LONG);
    // Pinned in the same frame as the growth (a ResizeObserver runs before paint).
    await frame();
    expect(atBottom(view)).toBe(true);

    // PageUp from the keyboard (focus on the log).
    view.focus();
    await userEvent.keyboard('{PageUp}');
    await waitFor(() => expect(view).toHaveAttribute('data-following', 'false'));
    await settled(view);
    const pagedAt = view.scrollTop;
    const heightAtPage = view.scrollHeight;
    await waitFor(() => expect(view.scrollHeight).toBeGreaterThan(heightAtPage + 20), LONG);
    await frame();
    expect(view.scrollTop).toBe(pagedAt);
    expect(atBottom(view)).toBe(false);

    // End: back at the bottom by keyboard, following again.
    await userEvent.keyboard('{End}');
    await waitFor(() => expect(view).toHaveAttribute('data-following', 'true'));
    // Home: let go again, at the top.
    await userEvent.keyboard('{Home}');
    await waitFor(() => expect(view).toHaveAttribute('data-following', 'false'));
    await waitFor(() => expect(view.scrollTop).toBe(0));
    await replyDone();
    expect(view.scrollTop).toBe(0);
  });

  test('dragging the scrollbar up (a user scroll with no wheel or key) lets go too', async () => {
    renderChat({ api: chatUrls.slow, theme: { chatHeight: '160px' } });
    await userEvent.type(textbox(), 'explica{Enter}');
    const view = log();
    await waitFor(() => expect(view.scrollTop).toBeGreaterThan(80), LONG);
    // What a scrollbar drag produces: scroll events moving up, nothing else.
    view.scrollTop = view.scrollTop - 50;
    await waitFor(() => expect(view).toHaveAttribute('data-following', 'false'));
    const heldAt = view.scrollTop;
    const heightThen = view.scrollHeight;
    await waitFor(() => expect(view.scrollHeight).toBeGreaterThan(heightThen + 20), LONG);
    await frame();
    expect(view.scrollTop).toBe(heldAt);
    // Dragging back to the bottom follows again.
    view.scrollTop = view.scrollHeight;
    await waitFor(() => expect(view).toHaveAttribute('data-following', 'true'));
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
  });
});

describe('safety', () => {
  test('markup and script in streamed text, tool calls and sources stay text', async () => {
    delete (window as { __xss?: unknown }).__xss;
    renderChat({ api: chatUrls.hostile });
    await userEvent.type(textbox(), 'hola{Enter}');
    await replyDone();
    const reply = lastReply()!;
    expect(reply.querySelector('[data-sk-text]')!.textContent).toBe(HOSTILE_TEXT.replace(/\n\n/, ''));
    expect(reply.querySelectorAll('img, script, b, svg')).toHaveLength(0);
    expect(document.querySelectorAll('[onerror], [onload], [onmouseover]')).toHaveLength(0);
    // The javascript: source is not a link; the safe one is.
    const links = [...reply.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://taqueria.example/ok']);
    expect(reply).toHaveTextContent('Fuente con javascript:');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((window as { __xss?: unknown }).__xss).toBeUndefined();
  });
});

describe('theme and i18n', () => {
  test('theme tokens become --sk-* variables on the root and reach the parts', async () => {
    renderChat({ api: chatUrls.echo, theme: { base: 'dark', accent: 'rgb(1, 2, 3)', cursorColor: 'rgb(4, 5, 6)' } });
    const root = document.querySelector<HTMLElement>('[data-sk-root]')!;
    expect(root).toHaveAttribute('data-sk-theme', 'dark');
    const styles = getComputedStyle(root);
    expect(styles.getPropertyValue('--sk-accent')).toBe('rgb(1, 2, 3)');
    expect(styles.getPropertyValue('--sk-cursor-color')).toBe('rgb(4, 5, 6)');
    // The stylesheet's dark scheme is what is painted:
    expect(styles.backgroundColor).toBe('rgb(13, 17, 23)');
    await userEvent.type(textbox(), 'x');
    expect(getComputedStyle(screen.getByRole('button', { name: 'Send' })).backgroundColor).toBe('rgb(1, 2, 3)');
  });

  test("light is the default, and 'system' follows the OS colour scheme", async () => {
    const { unmount } = renderChat({ api: chatUrls.echo });
    expect(getComputedStyle(document.querySelector('[data-sk-root]')!).backgroundColor).toBe('rgb(255, 255, 255)');
    unmount();
    const session = cdp();
    await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
    try {
      renderChat({ api: chatUrls.echo, theme: 'system' });
      await waitFor(() => expect(matchMedia('(prefers-color-scheme: dark)').matches).toBe(true));
      const root = document.querySelector<HTMLElement>('[data-sk-root]')!;
      expect(root).toHaveAttribute('data-sk-theme', 'system');
      expect(getComputedStyle(root).backgroundColor).toBe('rgb(13, 17, 23)');
    } finally {
      await session.send('Emulation.setEmulatedMedia', { features: [] });
    }
  });

  test('a plain class (Tailwind-like) beats the default styles without !important', () => {
    const style = document.createElement('style');
    style.textContent = '.my-log { height: 123px; } .my-send { background-color: rgb(9, 9, 9); }';
    document.head.append(style);
    try {
      renderChat({ api: chatUrls.echo, classNames: { log: 'my-log', sendButton: 'my-send' } });
      expect(getComputedStyle(log()).height).toBe('123px');
      expect(getComputedStyle(screen.getByRole('button', { name: 'Send' })).backgroundColor).toBe('rgb(9, 9, 9)');
    } finally {
      style.remove();
    }
  });

  test('locale "es" uses the Spanish dictionary; labels override single strings', () => {
    renderChat({ api: chatUrls.echo, locale: 'es-MX', labels: { send: 'Mandar' } });
    expect(screen.getByRole('log', { name: 'Conversación' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Mensaje' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mandar' })).toBeInTheDocument();
    expect(screen.getByText('Aún no hay mensajes')).toBeInTheDocument();
  });
});
