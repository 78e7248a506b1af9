import type { ServerResponse } from 'node:http';
import { expect, test } from 'vitest';
import { ChatStore } from '../../src/core/chat/chat-store.js';
import { sseReplyTransport, type ChatResume, type SSEReplyOptions } from '../../src/core/chat/sse-reply-transport.js';
import type { ReplyTransport } from '../../src/core/chat/transport.js';
import { messageText } from '../../src/core/chat/types.js';
import { aiSdkProtocol } from '../../src/core/protocols/ai-sdk.js';
import { readBody, settled } from './support/chat.js';
import { SSEServer, cleanupAfterEach, formatEvent, openEventStream, type RecordedRequest } from './support/sse-server.js';

// Resuming a chat reply against a real server on 127.0.0.1 whose connections drop every few
// events: the reply must end with exactly the server's text, resumed from Last-Event-ID —
// by re-POSTing (the default) or at the resume URL the app names (then the prompt is sent once).

const track = cleanupAfterEach();

const WORDS = ['Tu ', 'pedido ', 'A-042 ', 'ya ', 'salió: ', '3 ', 'tacos ', 'al ', 'pastor, ', 'sin ', 'cebolla ', '🌮.'];
const TEXT = WORDS.join('');

/** The reply as AI SDK UI message stream events, each with its id (1-based position). */
const EVENTS = [
  { type: 'start', messageId: 'reply-42' },
  { type: 'text-start', id: 't1' },
  ...WORDS.map((delta) => ({ type: 'text-delta', id: 't1', delta })),
  { type: 'text-end', id: 't1' },
  { type: 'finish', finishReason: 'stop' },
].map((part, index) => formatEvent({ id: index + 1, data: JSON.stringify(part) }));
EVENTS.push(formatEvent({ id: EVENTS.length + 1, data: '[DONE]' }));

/**
 * What the client has received so far (responses opened, frames), and a way to wait for it:
 * the server drops each connection once the client got what it was meant to get, so the test
 * depends on no timing.
 */
function probe(transport: ReplyTransport) {
  const seen = { opens: 0, frames: 0 };
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  const probed: ReplyTransport = {
    send: (request, handlers, isTerminal, reply) =>
      transport.send(
        request,
        {
          onOpen: (info) => {
            seen.opens++;
            handlers.onOpen(info);
            notify();
          },
          onFrame: (frame) => {
            seen.frames++;
            handlers.onFrame(frame);
            notify();
          },
          onEnd: () => handlers.onEnd(),
          onError: (error) => handlers.onError(error),
        },
        isTerminal,
        reply,
      ),
  };
  const until = (condition: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!condition()) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  return { transport: probed, seen, until };
}

type Probe = ReturnType<typeof probe>;

/**
 * Answers a request with the events after its `Last-Event-ID`, then destroys the socket. A
 * `whole` answer carries the next two events, and the socket dies once the client has them;
 * otherwise the answer is only the first bytes of the next event, as when Chromium discards the
 * unread rest of a dropped connection: the server answered, the client got nothing to apply.
 */
async function answer(probe: Probe, res: ServerResponse, request: RecordedRequest, whole: boolean, headers: Record<string, string> = {}) {
  const lastEventId = request.headers['last-event-id'];
  const from = lastEventId === undefined ? 0 : Number(lastEventId);
  const { opens, frames } = probe.seen;
  openEventStream(res, { 'x-vercel-ai-ui-message-stream': 'v1', ...headers });
  if (whole) {
    const events = EVENTS.slice(from, from + 2);
    res.write(events.join(''));
    await probe.until(() => probe.seen.frames >= frames + events.length);
  } else {
    await probe.until(() => probe.seen.opens > opens);
    res.write(EVENTS[from]!.slice(0, -1));
  }
  res.socket?.destroy();
}

function chat(server: SSEServer, options: Partial<SSEReplyOptions> = {}) {
  const probed = probe(
    sseReplyTransport(() => ({
      api: `${server.url}/api/chat`,
      headers: { authorization: 'Bearer good-token' },
      // Quick retries; maxAttempts is the chat default (2).
      retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 10 },
      ...options,
    })),
  );
  const store = track.client(new ChatStore({ id: 'conv-7', persistence: false, protocol: aiSdkProtocol, transport: probed.transport }));
  return { store, probe: probed };
}

test('a flapping connection: every answer is cut, most with nothing usable; the reply still completes', async () => {
  const bodies: string[] = [];
  const server = track.server(
    new SSEServer(async (req, res, request) => {
      bodies.push(await readBody(req));
      // One whole answer, then two that carry nothing the client can apply, over and over.
      await answer(client.probe, res, request, (request.n - 1) % 3 === 0);
    }),
  );
  await server.start();
  const client = chat(server);
  const { store } = client;
  store.send('¿Dónde está mi pedido?');
  const snapshot = await settled(store);

  expect(snapshot.error).toBeNull();
  expect(snapshot.status).toBe('ready');
  const reply = snapshot.messages[1]!;
  expect(reply.status).toBe('done');
  expect(messageText(reply)).toBe(TEXT);
  // Every reconnect resumed after the last event applied, by re-sending the POST (the default).
  expect(server.requestCount).toBeGreaterThanOrEqual(3 * (Math.ceil(EVENTS.length / 2) - 1) + 1);
  expect(server.requests.every((r) => r.method === 'POST' && r.url === '/api/chat')).toBe(true);
  expect(server.requests[0]!.headers['last-event-id']).toBeUndefined();
  expect(server.requests.slice(1).every((r) => r.headers['last-event-id'] !== undefined)).toBe(true);
  expect(new Set(bodies).size).toBe(1);
});

test('with `resume`, reconnects GET the resume URL and the prompt is POSTed exactly once', async () => {
  const posts: string[] = [];
  const contexts: Array<Parameters<ChatResume>[0]> = [];
  const server = track.server(
    new SSEServer(async (req, res, request) => {
      const body = await readBody(req);
      if (req.method === 'POST') {
        posts.push(body);
        await answer(client.probe, res, request, true, { 'x-stream-id': 'stream-9' });
      } else {
        await answer(client.probe, res, request, true);
      }
    }),
  );
  await server.start();
  const client = chat(server, {
    resume: (context) => {
      contexts.push(context);
      const stream = context.firstResponse?.headers.get('x-stream-id');
      return { url: `${server.url}/api/chat/${context.conversationId}/stream?reply=${context.replyId}&stream=${stream}`, method: 'GET' };
    },
  });
  const { store } = client;
  store.send('¿Dónde está mi pedido?');
  const snapshot = await settled(store);

  expect(snapshot.status).toBe('ready');
  expect(messageText(snapshot.messages[1]!)).toBe(TEXT);
  expect(posts).toHaveLength(1);
  expect(JSON.parse(posts[0]!)).toMatchObject({ id: 'conv-7', message: '¿Dónde está mi pedido?' });
  const resumes = server.requests.slice(1);
  expect(resumes.length).toBeGreaterThanOrEqual(Math.ceil(EVENTS.length / 2) - 1);
  for (const [index, request] of resumes.entries()) {
    expect(request.method).toBe('GET');
    expect(request.url).toBe('/api/chat/conv-7/stream?reply=reply-42&stream=stream-9');
    // Resumed after the last event received, with the app's headers.
    expect(request.headers['last-event-id']).toBe(contexts[index]!.lastEventId);
    expect(request.headers.authorization).toBe('Bearer good-token');
  }
  expect(contexts[0]).toMatchObject({ lastEventId: '2', conversationId: 'conv-7', replyId: 'reply-42' });
});

test('a `resume` function that throws ends the reply with a callback error, keeping its text', async () => {
  const server = track.server(
    new SSEServer(async (req, res, request) => {
      await readBody(req);
      await answer(client.probe, res, request, true);
    }),
  );
  await server.start();
  const thrown = new Error('no stream id');
  const client = chat(server, {
    resume: () => {
      throw thrown;
    },
  });
  const { store } = client;
  store.send('Hola');
  const snapshot = await settled(store);
  expect(snapshot.status).toBe('error');
  expect(snapshot.error?.kind).toBe('callback');
  expect(snapshot.error?.cause).toBe(thrown);
  expect(snapshot.messages[1]!.status).toBe('error');
  expect(server.requestCount).toBe(1);
});
