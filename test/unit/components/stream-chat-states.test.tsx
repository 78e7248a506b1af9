import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createRef, useState } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { ErrorNotice } from '../../../src/components/ErrorNotice.js';
import { ChatViewContext, defaultViewOptions } from '../../../src/components/context.js';
import { Composer } from '../../../src/components/Composer.js';
import { ConversationStats } from '../../../src/components/ConversationStats.js';
import { Cursor } from '../../../src/components/Cursor.js';
import { resolveLabels } from '../../../src/components/i18n.js';
import { Message } from '../../../src/components/Message.js';
import { MessageList } from '../../../src/components/MessageList.js';
import { ReplyActions } from '../../../src/components/ReplyActions.js';
import { Sources } from '../../../src/components/Sources.js';
import { StatusAnnouncer } from '../../../src/components/StatusAnnouncer.js';
import { StreamChat } from '../../../src/components/StreamChat.js';
import { StreamingText } from '../../../src/components/StreamingText.js';
import { ToolSteps } from '../../../src/components/ToolSteps.js';
import { UsageFooter } from '../../../src/components/UsageFooter.js';
import type { ReplyHandlers, ReplyTransport } from '../../../src/core/chat/transport.js';
import type { ChatMessage } from '../../../src/core/chat/types.js';
import { StreamError } from '../../../src/core/errors.js';
import { useChatStream } from '../../../src/hooks/useChatStream.js';
import { FakeClock } from '../support/fakes.js';

/** A transport the test drives by hand: each `send` hands its handlers to the test. */
function manualTransport() {
  const replies: ReplyHandlers[] = [];
  const transport: ReplyTransport = {
    send(_request, handlers) {
      replies.push(handlers);
      return () => undefined;
    },
  };
  const token = (text: string) => replies.at(-1)!.onFrame({ type: 'message', data: JSON.stringify({ content: text }) });
  const open = () => replies.at(-1)!.onOpen({ contentType: 'text/event-stream', headers: null });
  // The store builds the request asynchronously: wait until the transport has been asked.
  const sent = (count = 1) => waitFor(() => expect(replies).toHaveLength(count));
  return { transport, replies, token, open, sent };
}

const box = () => screen.getByRole('textbox');
async function sendMessage(text = 'hola') {
  fireEvent.change(box(), { target: { value: text } });
  fireEvent.keyDown(box(), { key: 'Enter' });
}
const announcer = () => document.querySelector('[data-sk-announcer]')!;
const notice = () => document.querySelector('[data-sk-error]');

describe('errors in the chat language', () => {
  test('each kind is told in Spanish, with the status and Retry-After through Intl; no English text', async () => {
    const { transport, replies, sent } = manualTransport();
    render(<StreamChat api="/t" transport={transport} protocol="generic" locale="es" persistence={false} />);
    await sendMessage();
    await sent();
    act(() => replies[0]!.onError(new StreamError('http', 'The server answered HTTP 429.', { status: 429, retryAfterMs: 90_000 })));
    await waitFor(() => expect(notice()).not.toBeNull());
    const text = notice()!.querySelector('p')!.textContent!;
    expect(text).toContain('El servidor no pudo responder (HTTP 429).');
    expect(text).toMatch(/Vuelve a intentarlo en 1 min.* 30 s/);
    expect(text).not.toMatch(/server|answered|90000|ms\b/);
    expect(screen.getByRole('button', { name: 'Reintentar' })).toBeInTheDocument();
    expect(announcer().textContent).toBe(`Error: ${text.replace(/^Error: /, '')}`);
  });

  test('timeouts are durations, not raw milliseconds; provider errors quote the server', () => {
    const es = { ...defaultViewOptions, labels: resolveLabels('es'), locale: 'es' };
    const { rerender } = render(
      <ChatViewContext.Provider value={es}>
        <ErrorNotice error={new StreamError('idle-timeout', 'No data for 60000 ms.', { timeoutMs: 60_000 })} />
      </ChatViewContext.Provider>,
    );
    expect(notice()!.textContent).toMatch(/^Error: El servidor no envió nada durante 1 min\.$/);
    for (const kind of ['callback', 'too-large', 'network', 'truncated', 'content-type', 'parse'] as const) {
      rerender(
        <ChatViewContext.Provider value={es}>
          <ErrorNotice error={new StreamError(kind, 'English text.')} />
        </ChatViewContext.Provider>,
      );
      expect(notice()!.querySelector('p')!.textContent).not.toContain('English');
      expect(notice()).toHaveAttribute('data-kind', kind);
    }
    rerender(
      <ChatViewContext.Provider value={es}>
        <ErrorNotice
          error={new StreamError('provider', 'The model provider reported an error: Overloaded', { detail: 'Overloaded' })}
        />
      </ChatViewContext.Provider>,
    );
    expect(notice()!.querySelector('p')!.textContent).toBe('Error: El proveedor del modelo informó de un error: Overloaded');
  });

  test('a labels override replaces one kind and keeps the others', () => {
    const labels = resolveLabels('es', { errors: { network: () => 'Sin conexión.' } });
    expect(labels.errors.network({} as never)).toBe('Sin conexión.');
    expect(labels.errors.truncated({} as never)).toBe('La respuesta se cortó antes de terminar.');
    expect(labels.waitingForServer).toBe('Esperando al servidor…');
  });
});

describe('auth errors', () => {
  const authError = new StreamError('auth', 'The server refused the credentials (HTTP 401).', { status: 401 });

  test('a 401 offers no Retry; without an action it offers nothing', async () => {
    const { transport, replies, sent } = manualTransport();
    render(<StreamChat api="/t" transport={transport} protocol="generic" persistence={false} />);
    await sendMessage();
    await sent();
    act(() => replies[0]!.onError(authError));
    await waitFor(() => expect(notice()).not.toBeNull());
    expect(notice()!.textContent).toBe('Error: You are not signed in, or not allowed to do this (HTTP 401).');
    expect(notice()!.querySelectorAll('button, a')).toHaveLength(0);
  });

  test("a 401 offers the app's action, which receives the error; or a link", async () => {
    const { transport, replies, sent } = manualTransport();
    const signIn = vi.fn();
    const { rerender } = render(
      <StreamChat api="/t" transport={transport} protocol="generic" persistence={false} authAction={{ label: 'Sign in', onClick: signIn }} />,
    );
    await sendMessage();
    await sent();
    act(() => replies[0]!.onError(authError));
    const button = await screen.findByRole('button', { name: 'Sign in' });
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(button);
    expect(signIn).toHaveBeenCalledWith(authError);
    rerender(
      <StreamChat api="/t" transport={transport} protocol="generic" persistence={false} authAction={{ label: 'Sign in', href: '/login' }} />,
    );
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
  });
});

describe('a silent server', () => {
  test('"waiting for the server" shows after waitingAfterMs of silence, once announced, gone at the next token', async () => {
    const clock = new FakeClock();
    const { transport, open, token, sent } = manualTransport();
    render(<StreamChat api="/t" transport={transport} protocol="generic" persistence={false} clock={clock} />);
    await sendMessage();
    await sent();
    await waitFor(() => expect(document.querySelector('[data-sk-writing]')).toHaveTextContent('Writing…'));
    act(() => clock.advance(4_999));
    expect(document.querySelector('[data-sk-writing]')).toHaveTextContent('Writing…');
    act(() => clock.advance(1));
    expect(document.querySelector('[data-sk-writing]')).toHaveTextContent('Waiting for the server…');
    expect(document.querySelector('[data-sk-chat]')).toHaveAttribute('data-waiting', 'true');
    expect(announcer()).toHaveTextContent('Waiting for the server…');

    act(() => {
      open();
      token('Hola');
    });
    await waitFor(() => expect(document.querySelector('[data-sk-writing]')).toBeNull());
    expect(document.querySelector('[data-sk-chat]')).not.toHaveAttribute('data-waiting');
    // Silence again mid-reply: the note comes back at the end of the reply.
    act(() => clock.advance(2_000));
    expect(document.querySelector('[data-sk-writing]')).toBeNull();
    act(() => clock.advance(3_000));
    expect(document.querySelector('[data-sk-writing]')).toHaveTextContent('Waiting for the server…');
  });

  test('the announcer says it once per reply however often the reply pauses', () => {
    const view = { ...defaultViewOptions, labels: { ...defaultViewOptions.labels, waitingForServer: 'Esperando' } };
    const { rerender } = render(
      <ChatViewContext.Provider value={view}>
        <StatusAnnouncer status="streaming" stalled />
      </ChatViewContext.Provider>,
    );
    expect(announcer()).toHaveTextContent('Esperando');
    const changes: string[] = [];
    new MutationObserver(() => changes.push(announcer().textContent ?? '')).observe(announcer(), {
      subtree: true,
      childList: true,
      characterData: true,
    });
    const show = (stalled: boolean, status: 'streaming' | 'ready' = 'streaming') =>
      rerender(
        <ChatViewContext.Provider value={view}>
          <StatusAnnouncer status={status} stalled={stalled} />
        </ChatViewContext.Provider>,
      );
    show(false);
    show(true);
    show(false);
    show(true);
    return Promise.resolve().then(() => {
      expect(changes).toEqual([]);
      show(false, 'ready');
    });
  });

  test('the cursor holds still while text arrives (data-typing) and may blink once the reply pauses 0.5 s', async () => {
    const clock = new FakeClock();
    const { transport, open, token, sent } = manualTransport();
    render(<StreamChat api="/t" transport={transport} protocol="generic" persistence={false} clock={clock} textUpdateMs={0} />);
    const root = () => document.querySelector('[data-sk-chat]')!;
    expect(root()).not.toHaveAttribute('data-typing');
    await sendMessage();
    await sent();
    act(() => {
      open();
      token('Hola');
    });
    await waitFor(() => expect(document.querySelector('[data-sk-cursor]')).not.toBeNull());
    expect(root()).toHaveAttribute('data-typing', 'true');
    // Tokens 300 ms apart: never a half-second pause, so it stays still throughout.
    let text = 'Hola';
    for (const word of [' que', ' tal', ' estás']) {
      act(() => clock.advance(300));
      act(() => token(word));
      text += word;
      await waitFor(() => expect(document.querySelector('[data-role="assistant"] [data-sk-text]')!.textContent).toBe(text + '▊'));
      expect(root()).toHaveAttribute('data-typing', 'true');
    }
    act(() => clock.advance(499));
    expect(root()).toHaveAttribute('data-typing', 'true');
    act(() => clock.advance(1));
    expect(root()).not.toHaveAttribute('data-typing');
    // The next token stops the blink again.
    act(() => token('?'));
    await waitFor(() => expect(root()).toHaveAttribute('data-typing', 'true'));
  });

  test('waitingAfterMs={0} never shows it', async () => {
    const clock = new FakeClock();
    const { transport } = manualTransport();
    render(<StreamChat api="/t" transport={transport} protocol="generic" persistence={false} clock={clock} waitingAfterMs={0} />);
    await sendMessage();
    act(() => clock.advance(60_000));
    expect(document.querySelector('[data-sk-writing]')).toHaveTextContent('Writing…');
    expect(clock.pending).toBe(0);
  });
});

describe('composition', () => {
  test('StreamChat shows and drives a conversation the app holds (chat prop)', async () => {
    const { transport, open, token, replies, sent } = manualTransport();
    function App() {
      const chat = useChatStream({ api: '/t', transport, protocol: 'generic', persistence: false });
      const [shown, setShown] = useState(true);
      return (
        <>
          <button type="button" onClick={() => chat.send('desde fuera')}>
            outside
          </button>
          <button type="button" onClick={() => setShown(false)}>
            hide
          </button>
          <output data-testid="count">{chat.messages.length}</output>
          {shown && <StreamChat chat={chat} />}
        </>
      );
    }
    render(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'outside' }));
    await waitFor(() => expect(document.querySelector('[data-role="user"]')).toHaveTextContent('desde fuera'));
    await sent();
    act(() => {
      open();
      token('Respuesta');
      replies[0]!.onEnd();
    });
    await waitFor(() => expect(document.querySelector('[data-role="assistant"]')).toHaveTextContent('Respuesta'));
    await waitFor(() => expect(document.querySelector('[data-sk-chat]')).toHaveAttribute('data-status', 'ready'));
    await sendMessage('desde dentro');
    await waitFor(() => expect(screen.getByTestId('count')).toHaveTextContent('3'));
    await sent(2);
  });

  test('StreamChat forwards its ref and aria/data attributes to its root', () => {
    const ref = createRef<HTMLDivElement>();
    const { transport } = manualTransport();
    render(<StreamChat ref={ref} api="/t" transport={transport} persistence={false} aria-label="Soporte" data-testid="chat" style={{ maxWidth: 10 }} />);
    expect(ref.current).toBe(screen.getByTestId('chat'));
    expect(ref.current).toHaveAttribute('data-sk-chat');
    expect(ref.current).toHaveAttribute('aria-label', 'Soporte');
    expect(ref.current!.style.maxWidth).toBe('10px');
  });

  test('every part forwards its ref and extra props to its root element', () => {
    const message: ChatMessage = {
      id: 'a',
      role: 'assistant',
      parts: [
        { type: 'text', text: 'Hola' },
        { type: 'tool', toolCallId: 't', toolName: 'buscar', state: 'input-available', input: {} },
        { type: 'source', source: { id: 's', url: 'https://example.com', title: 'Ejemplo' } },
      ],
      createdAt: 0,
      status: 'done',
      usage: { outputTokens: 3 },
    } as ChatMessage;
    const cases: Array<[string, (ref: React.RefObject<never>) => React.ReactElement, string]> = [
      ['ErrorNotice', (ref) => <ErrorNotice ref={ref} data-testid="x" error={new StreamError('network', 'x')} />, '[data-sk-error]'],
      ['ReplyActions', (ref) => <ReplyActions ref={ref} data-testid="x" onRegenerate={() => undefined} />, '[data-sk-actions]'],
      ['MessageList', (ref) => <MessageList ref={ref} data-testid="x" messages={[message]} />, '[data-sk-log-frame]'],
      ['Message', (ref) => <Message ref={ref} data-testid="x" message={message} />, '[data-sk-message]'],
      ['StreamingText', (ref) => <StreamingText ref={ref} data-testid="x" text="Hola" />, '[data-sk-text]'],
      ['Cursor', (ref) => <Cursor ref={ref} data-testid="x" />, '[data-sk-cursor]'],
      ['Composer', (ref) => <Composer ref={ref} data-testid="x" onSend={() => undefined} />, '[data-sk-composer]'],
      ['StatusAnnouncer', (ref) => <StatusAnnouncer ref={ref} data-testid="x" status="ready" />, '[data-sk-announcer]'],
      ['ToolSteps', (ref) => <ToolSteps ref={ref} data-testid="x" tools={[message.parts[1] as never]} />, '[data-sk-tools]'],
      ['Sources', (ref) => <Sources ref={ref} data-testid="x" sources={[{ id: 's', url: 'https://example.com' }] as never} />, '[data-sk-sources]'],
      ['UsageFooter', (ref) => <UsageFooter ref={ref} data-testid="x" message={message} />, '[data-sk-usage]'],
      ['ConversationStats', (ref) => <ConversationStats ref={ref} data-testid="x" messages={[message]} />, '[data-sk-stats]'],
    ];
    for (const [name, element, selector] of cases) {
      const ref = createRef<HTMLElement>();
      const { unmount } = render(element(ref as React.RefObject<never>));
      const root = document.querySelector(selector);
      expect(root, name).not.toBeNull();
      expect(ref.current, name).toBe(root);
      expect(root, name).toHaveAttribute('data-testid', 'x');
      unmount();
    }
  });
});

describe('text update pacing', () => {
  test('more text of a streaming reply waits for the next slot; the first token and the end never wait', async () => {
    const clock = new FakeClock();
    const { transport, open, token, replies, sent } = manualTransport();
    let store!: ReturnType<typeof useChatStream>['store'];
    function App() {
      const chat = useChatStream({ api: '/t', transport, protocol: 'generic', persistence: false });
      store = chat.store;
      return <StreamChat chat={chat} clock={clock} cursor={false} />;
    }
    render(<App />);
    await sendMessage();
    await sent();
    const reply = () => document.querySelector('[data-role="assistant"] [data-sk-text]')?.textContent;
    const storeText = () => {
      const last = store.getSnapshot().messages.at(-1)!;
      return last.parts.map((part) => ('text' in part ? part.text : '')).join('');
    };

    act(() => {
      open();
      token('Hola');
    });
    await waitFor(() => expect(reply()).toBe('Hola'));
    act(() => token(' mundo'));
    await waitFor(() => expect(storeText()).toBe('Hola mundo'));
    // Published by the store, held back by the view until its 50 ms slot.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reply()).toBe('Hola');
    act(() => clock.advance(49));
    expect(reply()).toBe('Hola');
    act(() => clock.advance(1));
    expect(reply()).toBe('Hola mundo');

    act(() => token(' y adiós'));
    await waitFor(() => expect(storeText()).toBe('Hola mundo y adiós'));
    act(() => replies[0]!.onEnd());
    // The end is shown without any clock movement, with the text that came before it.
    await waitFor(() => expect(document.querySelector('[data-role="assistant"]')).toHaveAttribute('data-status', 'done'));
    expect(reply()).toBe('Hola mundo y adiós');
  });

  test('textUpdateMs={0} shows every update the store publishes', async () => {
    const clock = new FakeClock();
    const { transport, open, token, sent } = manualTransport();
    render(<StreamChat api="/t" transport={transport} protocol="generic" persistence={false} clock={clock} cursor={false} textUpdateMs={0} waitingAfterMs={0} />);
    await sendMessage();
    await sent();
    const reply = () => document.querySelector('[data-role="assistant"] [data-sk-text]')?.textContent;
    act(() => {
      open();
      token('Hola');
    });
    await waitFor(() => expect(reply()).toBe('Hola'));
    act(() => token(' mundo'));
    await waitFor(() => expect(reply()).toBe('Hola mundo'));
    expect(clock.pending).toBe(0);
  });
});
