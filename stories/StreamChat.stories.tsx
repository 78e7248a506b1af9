import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import preview from '../.storybook/preview.js';
import { codeBody, StreamChat, useChatStream, type RenderContent } from '../src/index.js';
import { fixtures } from '../test/fixtures/protocols/expected.js';
import { chatSocketHandler, chatUrls } from './mocks/chat-scenarios.js';

/**
 * `<StreamChat>` against mocked chat servers (MSW): every state of a conversation and every
 * wire format the protocol layer reads, each replayed from its fixture. Play functions send a
 * message and check what the chat shows and announces; axe checks every story.
 */
const meta = preview.meta({
  title: 'Components/StreamChat',
  component: StreamChat,
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 640 }}>
        <Story />
      </div>
    ),
  ],
  args: {
    api: chatUrls.echo,
    cursor: 'block',
    cursorBlink: true,
    cursorBlinkMs: 1000,
    theme: 'light',
    locale: 'en',
    showUsage: false,
    showTimestamps: true,
    // Fail fast in stories: the retry rules have stories of their own (useSSEStream).
    retry: false,
  },
  argTypes: {
    api: { control: 'select', options: Object.values(chatUrls).filter((url) => url.startsWith('/')) },
    cursor: {
      control: 'select',
      options: ['block', 'bar', 'dot', 'underscore', 'glyph ▌', 'taco 🌮', 'none'],
      mapping: { 'glyph ▌': '▌', 'taco 🌮': '🌮', none: false },
    },
    cursorBlink: { control: 'boolean' },
    cursorBlinkMs: { control: { type: 'range', min: 200, max: 2000, step: 100 } },
    theme: {
      control: 'select',
      options: ['light', 'dark', 'system', 'custom tokens'],
      mapping: {
        'custom tokens': { base: 'dark', accent: '#ff8a3d', cursorColor: '#ff8a3d', focusRing: '#ff8a3d', userBg: '#3b2414', radius: '1rem' },
      },
    },
    locale: { control: 'inline-radio', options: ['en', 'es'] },
  },
});
export default meta;

const LONG = { timeout: 10_000 };

/** Types `text` in the message box and presses Enter. */
async function ask(canvasElement: HTMLElement, text: string) {
  const canvas = within(canvasElement);
  const box = canvas.getByRole('textbox');
  await userEvent.type(box, `${text}{Enter}`);
}

const replies = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('[data-sk-message][data-role="assistant"]')];
const lastReply = (root: HTMLElement) => replies(root).at(-1);
const replyIs = (root: HTMLElement, status: string) =>
  waitFor(() => expect(lastReply(root)).toHaveAttribute('data-status', status), LONG);
const announced = (root: HTMLElement) => root.querySelector('[data-sk-announcer]')!;
/** The reply's answer text, whitespace removed (blocks drop the blank lines between them). */
const answer = (root: HTMLElement) =>
  [...(lastReply(root)?.querySelectorAll('[data-sk-text][data-part="text"]') ?? [])].map((node) => node.textContent).join('').replace(/\s+/g, '');
const squash = (text: string) => text.replace(/\s+/g, '');

/** Nothing said yet: the empty state, the composer, a silent status region. */
export const Empty = meta.story({
  args: { api: chatUrls.echo },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('No messages yet')).toBeInTheDocument();
    await expect(canvas.getByRole('log', { name: 'Conversation' })).toHaveAttribute('aria-live', 'off');
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled();
    await expect(announced(canvasElement)).toBeEmptyDOMElement();
  },
});

/** Sent, nothing back yet (status `submitted`): "Writing…" and a Stop button. */
export const Writing = meta.story({
  args: { api: chatUrls.writing },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, '¿Cuánto falta?');
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByText('Writing…')).toBeInTheDocument());
    await expect(canvas.getByRole('button', { name: 'Stop' })).toBeInTheDocument();
    await expect(announced(canvasElement)).toHaveTextContent('Responding…');
    await expect(canvasElement.querySelector('[data-sk-root]')).toHaveAttribute('data-status', 'submitted');
  },
});

/** A long reply streaming in, with the cursor at its end; scroll up to stop following. */
export const Streaming = meta.story({
  args: { api: chatUrls.slow, theme: { chatHeight: '20rem' } },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, 'Explícame el seguimiento del pedido');
    await waitFor(() => expect(canvasElement.querySelector('[data-sk-cursor]')).toBeInTheDocument(), LONG);
    await expect(canvasElement.querySelector('[data-sk-cursor]')).toHaveAttribute('aria-hidden', 'true');
    await expect(lastReply(canvasElement)).toHaveAttribute('data-status', 'streaming');
    await expect(announced(canvasElement)).toHaveTextContent('Responding…');
  },
});

/** The reply finished: no cursor, "Response complete" announced, Regenerate offered. */
export const Done = meta.story({
  args: { api: chatUrls.echo },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, '¿Cuánto falta?');
    await replyIs(canvasElement, 'done');
    await expect(lastReply(canvasElement)).toHaveTextContent('preguntaste «¿Cuánto falta?»');
    await expect(canvasElement.querySelector('[data-sk-cursor]')).toBeNull();
    await waitFor(() => expect(announced(canvasElement)).toHaveTextContent('Response complete'));
    const regenerate = within(canvasElement).getByRole('button', { name: 'Regenerate' });
    await userEvent.click(regenerate);
    await waitFor(() => expect(lastReply(canvasElement)).toHaveTextContent('Respuesta'), LONG);
    await replyIs(canvasElement, 'done');
    await expect(replies(canvasElement)).toHaveLength(1);
  },
});

/** Stopped mid-reply: the text received so far is kept, marked "Stopped". */
export const Stopped = meta.story({
  args: { api: chatUrls.slow },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, 'Explícame el seguimiento del pedido');
    await waitFor(() => expect(lastReply(canvasElement)).toHaveTextContent('Claro, te explico'), LONG);
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Stop' }));
    await replyIs(canvasElement, 'stopped');
    await expect(lastReply(canvasElement)).toHaveTextContent('Stopped');
    await expect(announced(canvasElement)).toHaveTextContent('Response stopped');
    await expect(canvasElement.ownerDocument.activeElement).toBe(within(canvasElement).getByRole('textbox'));
  },
});

/** The server answers HTTP 500: the error is shown and announced, with Retry. */
export const HttpError = meta.story({
  args: { api: chatUrls.serverError },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, '¿Cuánto falta?');
    await waitFor(() => expect(canvasElement.querySelector('[data-sk-error]')).toHaveTextContent(/500/), LONG);
    await expect(within(canvasElement).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    await expect(announced(canvasElement)).toHaveTextContent(/^Error: /);
  },
});

/**
 * The server refuses the credentials (HTTP 401): no Retry (the same request cannot succeed), but
 * the app's own action (`authAction`), here a sign-in button.
 */
export const AuthErrorWithAction = meta.story({
  args: { api: chatUrls.unauthorized, authAction: { label: 'Sign in again', onClick: fn() } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await ask(canvasElement, '¿Cuánto falta?');
    await waitFor(() => expect(canvasElement.querySelector('[data-sk-error]')).toHaveAttribute('data-kind', 'auth'), LONG);
    await expect(canvasElement.querySelector('[data-sk-error]')).toHaveTextContent('You are not signed in, or not allowed to do this (HTTP 401).');
    await expect(canvas.queryByRole('button', { name: 'Retry' })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in again' }));
    await expect(args.authAction!.onClick).toHaveBeenCalled();
  },
});

/** Spanish UI: the error in Spanish, its status, and `Retry-After: 90` as a duration, not milliseconds. */
export const SpanishErrors = meta.story({
  args: { api: chatUrls.rateLimited, locale: 'es' },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, '¿Cuánto falta?');
    const notice = await waitFor(() => {
      const element = canvasElement.querySelector('[data-sk-error]');
      expect(element).not.toBeNull();
      return element!;
    }, LONG);
    await expect(notice).toHaveTextContent(/^Error: El servidor no pudo responder \(HTTP 429\)\. Vuelve a intentarlo en 1 min/);
    await expect(within(canvasElement).getByRole('button', { name: 'Reintentar' })).toBeInTheDocument();
    await expect(announced(canvasElement)).toHaveTextContent(/^Error: El servidor no pudo responder/);
  },
});

/**
 * The server sends a few words, then goes silent with the connection open: after
 * `waitingAfterMs` (here 1.5 s; default 5 s) the reply says it is waiting for the server, and
 * the status region says so once. The transport's `idleTimeoutMs` still ends it later.
 */
export const WaitingForServer = meta.story({
  args: { api: chatUrls.stalled, waitingAfterMs: 1500 },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, '¿Está listo mi pedido?');
    await waitFor(() => expect(lastReply(canvasElement)).toHaveTextContent('Déjame revisar'), LONG);
    await waitFor(() => expect(canvasElement.querySelector('[data-sk-writing]')).toHaveTextContent('Waiting for the server…'), LONG);
    // The status region follows in the effect after that commit.
    await waitFor(() => expect(announced(canvasElement)).toHaveTextContent('Waiting for the server…'), LONG);
  },
});

/** The app holds the conversation (`useChatStream`) and StreamChat shows it (`chat` prop). */
function ComposedChat() {
  const chat = useChatStream({ api: chatUrls.echo, retry: false });
  const [asked, setAsked] = useState(0);
  return (
    <div style={{ display: 'grid', gap: '0.5rem' }}>
      <p>
        <button
          type="button"
          onClick={() => {
            setAsked((n) => n + 1);
            chat.send('¿Cuánto falta para mis tacos?');
          }}
        >
          Ask from outside the chat
        </button>{' '}
        <span data-testid="outside-count">
          {chat.messages.length} messages, status {chat.status}, asked {asked}×
        </span>
      </p>
      <StreamChat chat={chat} />
    </div>
  );
}

/**
 * Composition: a button outside the chat sends through the same `useChatStream` result that
 * StreamChat shows, and reads its messages.
 */
export const Composition = meta.story({
  render: () => <ComposedChat />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Ask from outside the chat' }));
    await replyIs(canvasElement, 'done');
    await expect(lastReply(canvasElement)).toHaveTextContent('¿Cuánto falta para mis tacos?');
    await expect(canvas.getByTestId('outside-count')).toHaveTextContent('2 messages, status ready');
  },
});

/** The provider fails mid-reply (Anthropic `overloaded_error`): partial text kept, Retry offered. */
export const ErrorInStream = meta.story({
  args: { api: chatUrls.anthropicError, showUsage: true },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, '¿Cuánto falta?');
    await replyIs(canvasElement, 'error');
    await expect(lastReply(canvasElement)).toHaveTextContent(fixtures.anthropicError.expected.text);
    await expect(canvasElement.querySelector('[data-sk-error]')).toHaveTextContent('Overloaded');
    await expect(within(canvasElement).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  },
});

/** An agent runs tools: each step shows as it starts, then as it finishes; then sources. */
export const Tools = meta.story({
  args: { api: chatUrls.tools },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, '¿Cuánto falta?');
    await waitFor(() => expect(canvasElement.querySelector('[data-sk-tool]')).toHaveAttribute('data-state', 'input-available'), LONG);
    await replyIs(canvasElement, 'done');
    const steps = [...canvasElement.querySelectorAll('[data-sk-tool]')];
    await expect(steps.map((step) => step.getAttribute('data-state'))).toEqual(['output-available', 'output-available']);
    await expect(within(canvasElement).getAllByRole('link')).toHaveLength(2);
  },
});

/** A RAG answer citing its sources (generic SSE fixture). */
export const WithSources = meta.story({
  args: { api: chatUrls.generic },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, '¿Qué lleva el pastor?');
    await replyIs(canvasElement, 'done');
    const links = within(canvasElement).getAllByRole('link');
    await expect(links.map((link) => link.textContent)).toEqual(fixtures.generic.expected.sources.map((source) => source.title));
  },
});

/** Token usage, stop reason and duration under the reply (Anthropic fixture, with reasoning and tool calls). */
export const UsageFooter = meta.story({
  args: { api: chatUrls.anthropic, showUsage: true },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, 'Tres al pastor');
    await replyIs(canvasElement, 'done');
    const usage = lastReply(canvasElement)!.querySelector('[data-sk-usage]')!;
    await expect(usage).toHaveTextContent('599');
    await expect(usage).toHaveTextContent('Tool calls (tool_use)');
  },
});

/** Conversation figures: your messages, replies, characters, average length, session time. */
export const Stats = meta.story({
  args: { api: chatUrls.echo, stats: true },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, 'Hola');
    await replyIs(canvasElement, 'done');
    await ask(canvasElement, '¿Cuánto falta?');
    await waitFor(() => expect(replies(canvasElement)).toHaveLength(2), LONG);
    await replyIs(canvasElement, 'done');
    const stats = within(canvasElement).getByRole('region', { name: 'Conversation stats' });
    await expect(stats.querySelector('[data-sk-stat="user-messages"] dd')).toHaveTextContent('2');
    await expect(stats.querySelector('[data-sk-stat="replies"] dd')).toHaveTextContent('2');
  },
});

/** Spanish labels and formats (`locale="es"`). */
export const Spanish = meta.story({
  args: { api: chatUrls.echo, locale: 'es', stats: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('log', { name: 'Conversación' })).toBeInTheDocument();
    await ask(canvasElement, '¿Cuánto falta?');
    await replyIs(canvasElement, 'done');
    await waitFor(() => expect(announced(canvasElement)).toHaveTextContent('Respuesta completa'));
    await expect(canvas.getByRole('button', { name: 'Regenerar' })).toBeInTheDocument();
  },
});

/** Dark scheme. */
export const Dark = meta.story({
  args: { theme: 'dark', api: chatUrls.anthropic, showUsage: true },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-sk-root]')).toHaveAttribute('data-sk-theme', 'dark');
    await ask(canvasElement, 'Tres al pastor');
    await replyIs(canvasElement, 'done');
  },
});

/** Design tokens: any subset, mapped to `--sk-*` variables (here an orange accent and cursor). */
export const CustomTheme = meta.story({
  args: {
    api: chatUrls.slow,
    cursor: 'bar',
    theme: { base: 'dark', accent: '#ff8a3d', cursorColor: '#ff8a3d', focusRing: '#ff8a3d', userBg: '#3b2414', radius: '1rem' },
  },
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector<HTMLElement>('[data-sk-root]')!;
    await expect(getComputedStyle(root).getPropertyValue('--sk-cursor-color')).toBe('#ff8a3d');
    await ask(canvasElement, 'Explícame');
    await waitFor(() => expect(canvasElement.querySelector('[data-sk-cursor]')).toHaveTextContent('|'), LONG);
    await expect(getComputedStyle(canvasElement.querySelector('[data-sk-cursor]')!).color).toBe('rgb(255, 138, 61)');
  },
});

/** No cursor (`cursor={false}`): the text alone grows. */
export const NoCursor = meta.story({
  args: { api: chatUrls.slow, cursor: false },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, 'Explícame');
    await waitFor(() => expect(lastReply(canvasElement)).toHaveAttribute('data-status', 'streaming'), LONG);
    await waitFor(() => expect(lastReply(canvasElement)).toHaveTextContent('Claro'), LONG);
    await expect(canvasElement.querySelector('[data-sk-cursor]')).toBeNull();
  },
});

// Renders code blocks with their language as a caption, other blocks as plain paragraphs:
// the shape a markdown renderer (streamdown, react-markdown) plugs into. Module level, so its
// identity is stable and finished blocks never re-render.
const captionedCode: RenderContent = (text, { block }) =>
  block.kind === 'code' ? (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontSize: '0.75em' }}>{block.lang || 'code'}</figcaption>
      <pre data-sk-code-block="">
        <code>{codeBody(block)}</code>
      </pre>
    </figure>
  ) : (
    <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{text}</p>
  );

/** `renderContent`: your renderer per block (here, captioned code blocks). */
export const CustomRenderer = meta.story({
  args: { api: chatUrls.slow, renderContent: captionedCode },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, 'Explícame');
    await replyIs(canvasElement, 'done');
    await expect(canvasElement.querySelector('figcaption')).toHaveTextContent('ts');
  },
});

/** Hostile text (HTML, script, `javascript:` links) stays text. */
export const HostileText = meta.story({
  args: { api: chatUrls.hostile },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, 'Hola');
    await replyIs(canvasElement, 'done');
    await expect(lastReply(canvasElement)!.querySelectorAll('img, script, svg, b')).toHaveLength(0);
    await expect(within(canvasElement).getAllByRole('link')).toHaveLength(1);
    await expect((window as { __xss?: unknown }).__xss).toBeUndefined();
  },
});

/** The same chat over a WebSocket (`wss://` api, ws-chat transcript). */
export const WebSocketTransport = meta.story({
  args: { api: chatUrls.socket },
  beforeEach: ({ msw }) => {
    msw.use(chatSocketHandler());
  },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, '¿Cuánto falta?');
    await replyIs(canvasElement, 'done');
    await expect(answer(canvasElement)).toBe(squash(fixtures.wsChat.expected.text));
    await expect(canvasElement.querySelector('[data-sk-tool]')).toHaveAttribute('data-state', 'output-available');
  },
});

// One story per protocol fixture: the reply must read exactly as expected.ts says. (Each is a
// direct meta.story() call: Storybook's indexer only sees stories written that way.)
type FixtureName = keyof typeof fixtures;
const readsAs =
  (name: FixtureName, finalStatus: 'done' | 'error' = 'done') =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    await ask(canvasElement, '¿Cuánto falta?');
    await replyIs(canvasElement, finalStatus);
    await expect(answer(canvasElement)).toBe(squash(fixtures[name].expected.text));
    await expect(lastReply(canvasElement)!.querySelectorAll('[data-sk-tool]')).toHaveLength(fixtures[name].expected.tools.length);
    await expect(lastReply(canvasElement)!.querySelectorAll('[data-sk-source]')).toHaveLength(fixtures[name].expected.sources.length);
  };

/** Anthropic Messages: thinking, two text blocks, two tool calls, usage. */
export const ProtocolAnthropic = meta.story({ args: { api: chatUrls.anthropic, showUsage: true }, play: readsAs('anthropic') });
/** OpenAI Chat Completions: text and two tool calls. */
export const ProtocolOpenAI = meta.story({ args: { api: chatUrls.openai, showUsage: true }, play: readsAs('openai') });
/** OpenAI-compatible reasoning model (`reasoning_content`). */
export const ProtocolOpenAIReasoning = meta.story({ args: { api: chatUrls.openaiReasoning, showUsage: true }, play: readsAs('openaiReasoning') });
/** OpenAI in-band error. */
export const ProtocolOpenAIError = meta.story({ args: { api: chatUrls.openaiError, showUsage: true }, play: readsAs('openaiError', 'error') });
/** OpenAI Responses API. */
export const ProtocolOpenAIResponses = meta.story({ args: { api: chatUrls.openaiResponses, showUsage: true }, play: readsAs('openaiResponses') });
/** AI SDK UI message stream: reasoning, tool with output, source, data part. */
export const ProtocolAISDK = meta.story({ args: { api: chatUrls.aiSdk, showUsage: true }, play: readsAs('aiSdk') });
/** LlamaIndex agent workflow events. */
export const ProtocolLlamaIndex = meta.story({ args: { api: chatUrls.llamaindex, showUsage: true }, play: readsAs('llamaindex') });
/** Generic SSE (RAG with sources). */
export const ProtocolGeneric = meta.story({ args: { api: chatUrls.generic, showUsage: true }, play: readsAs('generic') });
/** Generic SSE agent with a tool run. */
export const ProtocolGenericAgent = meta.story({ args: { api: chatUrls.genericAgent, showUsage: true }, play: readsAs('genericAgent') });
/** Named start / chunk / end events. */
export const ProtocolChunkEvents = meta.story({ args: { api: chatUrls.chunkEvents, showUsage: true }, play: readsAs('chunkEvents') });
/** Named events ending in an `error` event. */
export const ProtocolChunkEventsError = meta.story({ args: { api: chatUrls.chunkEventsError, showUsage: true }, play: readsAs('chunkEventsError', 'error') });
/** Anthropic `overloaded_error` mid-stream. */
export const ProtocolAnthropicError = meta.story({ args: { api: chatUrls.anthropicError, showUsage: true }, play: readsAs('anthropicError', 'error') });
/** Plain `text/plain` body. */
export const ProtocolText = meta.story({ args: { api: chatUrls.text, showUsage: true }, play: readsAs('text') });
