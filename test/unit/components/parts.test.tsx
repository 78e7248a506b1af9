import { act, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { Composer } from '../../../src/components/Composer.js';
import { ChatViewContext, defaultViewOptions } from '../../../src/components/context.js';
import { Message } from '../../../src/components/Message.js';
import { MessageList } from '../../../src/components/MessageList.js';
import { StatusAnnouncer } from '../../../src/components/StatusAnnouncer.js';
import { StreamingText } from '../../../src/components/StreamingText.js';
import { resolveLabels } from '../../../src/components/i18n.js';
import type { ChatMessage } from '../../../src/core/chat/types.js';

// The headless parts in jsdom, under both React 18 and 19 (the unit projects run twice).

const reply = (text: string, status: ChatMessage['status'] = 'streaming', extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: 'a1',
  role: 'assistant',
  parts: [{ type: 'text', text }],
  createdAt: Date.UTC(2026, 0, 1, 12, 30),
  status,
  ...extra,
});

describe('StreamingText', () => {
  test('renders paragraphs and code as text, the cursor only while streaming', () => {
    const { container, rerender } = render(<StreamingText text={'<b>hola</b>\n\n```html\n<script>x()</script>\n```'} streaming />);
    expect(container.querySelectorAll('b, script')).toHaveLength(0);
    expect(container.querySelector('p')!.textContent).toBe('<b>hola</b>');
    expect(container.querySelector('pre code')!.textContent).toBe('<script>x()</script>');
    expect(container.querySelector('pre code')).toHaveAttribute('data-language', 'html');
    expect(container.querySelectorAll('[data-sk-cursor]')).toHaveLength(1);
    rerender(<StreamingText text={'<b>hola</b>\n\n```html\n<script>x()</script>\n```'} />);
    expect(container.querySelectorAll('[data-sk-cursor]')).toHaveLength(0);
  });
});

describe('Message', () => {
  test('author for screen readers, time through Intl, tool steps, stopped note, usage only when asked', () => {
    const message = reply('Listo.', 'stopped', {
      parts: [
        { type: 'tool', toolCallId: 't1', toolName: 'place_order', state: 'output-error', inputText: '{}', input: {}, errorText: 'sin piña' },
        { type: 'text', text: 'Listo.' },
        { type: 'source', source: { title: 'Menú', url: 'javascript:alert(1)' } },
      ],
      usage: { inputTokens: 1200, outputTokens: 34 },
      finishReason: 'stop',
    });
    const view = { ...defaultViewOptions, labels: resolveLabels('es'), locale: 'es', showUsage: true };
    const { container } = render(
      <ChatViewContext.Provider value={view}>
        <Message message={message} />
      </ChatViewContext.Provider>,
    );
    expect(container.querySelector('[data-sk-message]')).toHaveAttribute('data-status', 'stopped');
    expect(container.querySelector('[data-sk-visually-hidden]')).toHaveTextContent('Asistente');
    expect(container.querySelector('time')).toHaveAttribute('dateTime', '2026-01-01T12:30:00.000Z');
    expect(container.querySelector('[data-sk-tool]')).toHaveAttribute('data-state', 'output-error');
    expect(container.querySelector('[data-sk-tool]')).toHaveTextContent('Falló');
    expect(container.querySelector('[data-sk-message-note]')).toHaveTextContent('Detenida');
    expect(container.querySelector('a')).toBeNull(); // javascript: is never a link
    expect(container.querySelector('[data-sk-usage-item="input"] dd')!.textContent).toBe(new Intl.NumberFormat('es').format(1200));
  });
});

describe('MessageList', () => {
  test('a log that does not speak, the empty state, and "writing…" before the first token', () => {
    const { rerender } = render(<MessageList messages={[]} />);
    const log = screen.getByRole('log', { name: 'Conversation' });
    expect(log).toHaveAttribute('aria-live', 'off');
    expect(log).toHaveAttribute('tabindex', '0');
    expect(screen.getByText('No messages yet')).toBeTruthy();
    const user: ChatMessage = { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'hola' }], createdAt: 0 };
    rerender(<MessageList messages={[user]} status="submitted" />);
    expect(screen.getByText('Writing…')).toBeTruthy();
    rerender(<MessageList messages={[user, reply('')]} status="streaming" />);
    expect(screen.getByText('Writing…')).toBeTruthy();
    rerender(<MessageList messages={[user, reply('Ho')]} status="streaming" />);
    expect(screen.queryByText('Writing…')).toBeNull();
  });
});

describe('Composer', () => {
  test('Enter sends and clears, Shift+Enter does not, busy turns send into stop', () => {
    const onSend = vi.fn();
    const onStop = vi.fn();
    const ref = createRef<HTMLTextAreaElement>();
    const { rerender } = render(<Composer onSend={onSend} onStop={onStop} textareaRef={ref} />);
    const box = ref.current!;
    act(() => {
      box.focus();
    });
    const type = (value: string) =>
      act(() => {
        const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
        setter.call(box, value);
        box.dispatchEvent(new Event('input', { bubbles: true }));
      });
    const key = (init: KeyboardEventInit) =>
      act(() => {
        box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init }));
      });
    type('hola');
    key({ shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    key({ isComposing: true });
    expect(onSend).not.toHaveBeenCalled();
    key({});
    expect(onSend).toHaveBeenCalledWith('hola');
    expect(box.value).toBe('');
    expect(document.activeElement).toBe(box);
    rerender(<Composer onSend={onSend} onStop={onStop} textareaRef={ref} busy />);
    type('otra');
    key({});
    expect(onSend).toHaveBeenCalledTimes(1); // no sending over a reply in progress
    act(() => screen.getByRole('button', { name: 'Stop' }).click());
    expect(onStop).toHaveBeenCalledTimes(1);
  });
});

describe('StatusAnnouncer', () => {
  test('always mounted, speaks at boundaries only', () => {
    const { rerender, container } = render(<StatusAnnouncer status="ready" />);
    const region = container.querySelector('[role="status"]')!;
    expect(region.textContent).toBe('');
    rerender(<StatusAnnouncer status="submitted" />);
    expect(region.textContent).toBe('Responding…');
    rerender(<StatusAnnouncer status="streaming" lastReplyStatus="streaming" />);
    expect(region.textContent).toBe('Responding…');
    rerender(<StatusAnnouncer status="error" lastReplyStatus="error" errorMessage="Overloaded" />);
    expect(region.textContent).toBe('Error: Overloaded');
    expect(container.querySelector('[role="status"]')).toBe(region);
  });
});
