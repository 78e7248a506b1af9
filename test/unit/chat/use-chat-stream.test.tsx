import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { memo } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { messageText, useChatStream, type ChatMessage, type ToolPart } from '../../../src/index.js';
import { encodeEvent, sseHandler, sseResponse } from '../../../src/msw/index.js';
import { fixtures, type ProtocolFixture } from '../../fixtures/protocols/expected.js';
import { fixtureBytes } from '../protocols/support/fixtures.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Serves a fixture's bytes cut into 5-byte reads (so UTF-8 characters are split), as a provider would. */
function serveFixture(url: string, fixture: ProtocolFixture) {
  const bytes = fixtureBytes(fixture.file);
  const headers: Record<string, string> = {
    'content-type': fixture.file.endsWith('.txt') ? 'text/plain; charset=utf-8' : 'text/event-stream',
  };
  if (fixture.protocol === 'ai-sdk') headers['x-vercel-ai-ui-message-stream'] = 'v1';
  // MSW's Node interceptor needs chunked framing to stream (see src/msw/sse.ts).
  headers['transfer-encoding'] = 'chunked';
  server.use(
    http.post(url, () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 5) controller.enqueue(bytes.slice(i, i + 5));
          controller.close();
        },
      });
      return new HttpResponse(body, { headers });
    }),
  );
}

const sseFixtures = (Object.entries(fixtures) as Array<[string, ProtocolFixture]>).filter(([, f]) => !f.file.endsWith('.jsonl') && f.expected.errors.length === 0);

describe('every wire format, detected from the response, ends in the same message', () => {
  test.each(sseFixtures)('%s', async (name, fixture) => {
    const url = `http://api.test/chat/${name}`;
    serveFixture(url, fixture);
    const { result } = renderHook(() => useChatStream({ api: url }));
    act(() => result.current.send('Quiero 3 tacos al pastor'));
    await waitFor(() => expect(result.current.status).toBe('ready'));
    const reply = result.current.messages.at(-1)!;
    const { expected } = fixture;
    expect(reply.role).toBe('assistant');
    expect(reply.status).toBe('done');
    expect(messageText(reply)).toBe(expected.text);
    const reasoning = reply.parts.flatMap((p) => (p.type === 'reasoning' ? [p.text] : [])).join('');
    expect(reasoning).toBe(expected.reasoning);
    const tools = reply.parts.filter((p): p is ToolPart => p.type === 'tool');
    expect(tools.map((t) => ({ name: t.toolName, input: t.input }))).toEqual(
      expected.tools.map((t) => ({ name: t.name, input: t.input ?? {} })),
    );
    if (expected.finish) expect(reply.finishReason).toBe(expected.finish.reason);
    if (expected.usage?.outputTokens !== undefined) expect(reply.usage?.outputTokens).toBe(expected.usage.outputTokens);
  });
});

test('an in-band provider error puts the message in error and keeps its text', async () => {
  serveFixture('http://api.test/chat/anthropic-error', fixtures.anthropicError);
  const { result } = renderHook(() => useChatStream({ api: 'http://api.test/chat/anthropic-error' }));
  act(() => result.current.send('Hola'));
  await waitFor(() => expect(result.current.status).toBe('error'));
  const reply = result.current.messages.at(-1)!;
  expect(reply.status).toBe('error');
  expect(reply.error?.kind).toBe('provider');
  expect(messageText(reply)).toBe(fixtures.anthropicError.expected.text);
});

test('seed 004: POST with a token, start/chunk/end events; the history goes with the next turn', async () => {
  const bodies: unknown[] = [];
  const auths: (string | null)[] = [];
  server.use(
    // Records the body, then falls through to the streaming handler.
    http.post('http://api.test/stream/chat', async ({ request }) => {
      bodies.push(await request.clone().json());
      return undefined;
    }),
    sseHandler(
      'http://api.test/stream/chat',
      ({ request }) => {
        auths.push(request.headers.get('authorization'));
        return [
          { event: 'start', data: { conversation_id: 'c1', status: 'processing' } },
          { event: 'chunk', data: { type: 'content', content: 'Tus tacos ', chunk_index: 0, is_final: false } },
          { event: 'chunk', data: { type: 'content', content: 'están en camino.', chunk_index: 1, is_final: true } },
          { event: 'end', data: { conversation_id: 'c1', status: 'completed', message_count: 1 } },
        ];
      },
      { method: 'post' },
    ),
  );
  let token = 'jwt-1';
  const { result } = renderHook(() =>
    useChatStream({ api: 'http://api.test/stream/chat', headers: async () => ({ Authorization: `Bearer ${token}` }) }),
  );
  act(() => result.current.send('¿Dónde está mi pedido?'));
  await waitFor(() => expect(result.current.status).toBe('ready'));
  expect(messageText(result.current.messages[1]!)).toBe('Tus tacos están en camino.');
  token = 'jwt-2';
  act(() => result.current.send('Gracias'));
  await waitFor(() => expect(result.current.messages).toHaveLength(4));
  expect(auths).toEqual(['Bearer jwt-1', 'Bearer jwt-2']);
  const second = bodies[1] as { messages: Array<{ role: string; content: string }> };
  expect(second.messages.map((m) => m.content)).toEqual(['¿Dónde está mi pedido?', 'Tus tacos están en camino.', 'Gracias']);
});

test('stop mid-stream keeps exactly the text received and aborts the request', async () => {
  let aborted = false;
  server.use(
    http.post('http://api.test/chat/slow', ({ request }) => {
      request.signal.addEventListener('abort', () => (aborted = true));
      return sseResponse(
        [{ data: { content: 'Primero. ' } }, { data: { content: 'Segundo. ' } }, { data: '[DONE]' }],
        { stallAfter: 1, headers: { 'transfer-encoding': 'chunked' } },
        request.signal,
      );
    }),
  );
  const { result } = renderHook(() => useChatStream({ api: 'http://api.test/chat/slow', protocol: 'generic' }));
  act(() => result.current.send('Cuéntame'));
  await waitFor(() => expect(result.current.status).toBe('streaming'));
  act(() => result.current.stop());
  const reply = result.current.messages.at(-1)!;
  expect(reply.status).toBe('stopped');
  expect(messageText(reply)).toBe('Primero. ');
  await waitFor(() => expect(aborted).toBe(true));
});

test('20,000 deltas: renders bounded by frames, finished messages render 0 times', async () => {
  let text = '';
  for (let i = 0; i < 20_000; i++) text += encodeEvent({ data: { content: 'x' } });
  text += encodeEvent({ data: '[DONE]' });
  let call = 0;
  server.use(
    http.post('http://api.test/chat/long', () => {
      call++;
      if (call === 1) return sseResponse([{ data: { content: 'Hola.' } }, { data: '[DONE]' }], { headers: { 'transfer-encoding': 'chunked' } });
      return new HttpResponse(text, { headers: { 'content-type': 'text/event-stream' } });
    }),
  );

  const messageRenders = new Map<string, number>();
  const MessageView = memo(function MessageView({ message }: { message: ChatMessage }) {
    messageRenders.set(message.id, (messageRenders.get(message.id) ?? 0) + 1);
    return <li>{messageText(message).length}</li>;
  });
  let listRenders = 0;
  let api: ReturnType<typeof useChatStream> | null = null;
  function Chat() {
    listRenders++;
    api = useChatStream({ api: 'http://api.test/chat/long', protocol: 'generic' });
    return (
      <>
        <p>{api.status}</p>
        <ol>
          {api.messages.map((m) => (
            <MessageView key={m.id} message={m} />
          ))}
        </ol>
      </>
    );
  }
  render(<Chat />);
  act(() => api!.send('Primera'));
  await waitFor(() => expect(screen.getByText('ready')).toBeInTheDocument());
  const finishedIds = api!.messages.map((m) => m.id);
  const before = new Map(messageRenders);

  let frames = 0;
  let counting = true;
  const tick = () => {
    frames++;
    if (counting) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  listRenders = 0;
  act(() => api!.send('Segunda'));
  await waitFor(() => expect(screen.getByText('20000')).toBeInTheDocument());
  await waitFor(() => expect(screen.getByText('ready')).toBeInTheDocument());
  counting = false;

  for (const id of finishedIds) expect(messageRenders.get(id)).toBe(before.get(id));
  expect(listRenders).toBeLessThanOrEqual(frames + 4);
  expect(listRenders).toBeLessThan(200);
});

test('resume: a dropped reply with event ids is resumed at the URL the app names, the prompt POSTed once', async () => {
  const events = ['Tus tacos ', 'salieron ', 'hace 5 minutos.'].map((content, i) => encodeEvent({ id: String(i + 1), data: { content } }));
  events.push(encodeEvent({ id: '4', data: '[DONE]' }));
  const requests: Array<{ method: string; url: string; lastEventId: string | null }> = [];
  // The first answer carries two events, then the connection fails once they are read.
  const fetchStub = async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    requests.push({ method: init?.method ?? 'GET', url: String(input), lastEventId: headers.get('last-event-id') });
    const from = Number(headers.get('last-event-id') ?? 0);
    const first = requests.length === 1;
    const chunks = events.slice(from, first ? 2 : undefined);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        if (!first) controller.close();
      },
      pull(controller) {
        if (first) controller.error(new TypeError('network connection lost'));
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
  const { result } = renderHook(() =>
    useChatStream({
      api: 'http://api.test/chat/resumable',
      id: 'c-9',
      persistence: false,
      protocol: 'generic',
      fetch: fetchStub as typeof fetch,
      retry: { initialDelayMs: 1, maxDelayMs: 1 },
      resume: ({ conversationId }) => ({ url: `http://api.test/chat/${conversationId}/stream`, method: 'GET' }),
    }),
  );
  act(() => result.current.send('¿Y mis tacos?'));
  await waitFor(() => expect(result.current.status).toBe('ready'));
  expect(messageText(result.current.messages[1]!)).toBe('Tus tacos salieron hace 5 minutos.');
  expect(requests).toEqual([
    { method: 'POST', url: 'http://api.test/chat/resumable', lastEventId: null },
    { method: 'GET', url: 'http://api.test/chat/c-9/stream', lastEventId: '2' },
  ]);
});
