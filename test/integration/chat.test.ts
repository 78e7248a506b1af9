import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { ChatStore, messageText, socketReplyTransport, sseReplyTransport } from '../../src/index.js';
import { readBody, settled } from './support/chat.js';
import { SSEServer, formatEvent, openEventStream } from './support/sse-server.js';

// The chat store against real servers on 127.0.0.1: seed 004's POST /stream/chat with a JWT and
// start/chunk/end/error events over node:http, and seed 001's chat over a `ws` WebSocket.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Seed 004's endpoint: JWT required, start → chunks (one per word, 5 ms apart) → end. */
function seedChatServer(words: string[], options: { killAfter?: number } = {}) {
  const bodies: unknown[] = [];
  const server: SSEServer = new SSEServer(async (req, res) => {
    const body = await readBody(req);
    if (req.headers.authorization !== 'Bearer good-token') {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"detail":"Unauthorized"}');
      return;
    }
    bodies.push(JSON.parse(body));
    openEventStream(res);
    res.write(formatEvent({ event: 'start', data: JSON.stringify({ conversation_id: 'c1', status: 'processing' }) }));
    words.forEach((word, index) =>
      server.later(5 * (index + 1), () => {
        if (options.killAfter === index) {
          void server.kill();
          return;
        }
        const chunk = { type: 'content', content: word, chunk_index: index, is_final: index === words.length - 1 };
        res.write(formatEvent({ event: 'chunk', data: JSON.stringify(chunk) }));
        if (index === words.length - 1) {
          res.end(formatEvent({ event: 'end', data: JSON.stringify({ conversation_id: 'c1', status: 'completed', message_count: 1 }) }));
        }
      }),
    );
  });
  cleanups.push(() => server.close());
  return { server, bodies };
}

test('seed 004 over HTTP: token, detected start/chunk/end format, the history on the next turn', async () => {
  const { server, bodies } = seedChatServer(['Tus ', '3 tacos ', 'al pastor ', 'van en camino.']);
  await server.start();
  const store = new ChatStore({
    transport: sseReplyTransport(() => ({ api: `${server.url}/stream/chat`, headers: { Authorization: 'Bearer good-token' } })),
  });
  store.send('¿Dónde está mi pedido?');
  let snapshot = await settled(store);
  expect(snapshot.status).toBe('ready');
  expect(messageText(snapshot.messages[1]!)).toBe('Tus 3 tacos al pastor van en camino.');
  expect(snapshot.messages[1]!.metrics?.deltas).toBe(4);

  store.send('Gracias');
  snapshot = await settled(store);
  expect(server.requestCount).toBe(2);
  const second = bodies[1] as { messages: Array<{ role: string; content: string }>; message: string };
  expect(second.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  expect(second.message).toBe('Gracias');
});

test('a bad token is an auth error with no retry and no message', async () => {
  const { server } = seedChatServer(['x']);
  await server.start();
  const store = new ChatStore({
    transport: sseReplyTransport(() => ({ api: `${server.url}/stream/chat`, headers: { Authorization: 'Bearer expired' } })),
  });
  store.send('Hola');
  const snapshot = await settled(store);
  expect(snapshot.error?.kind).toBe('auth');
  expect(snapshot.error?.status).toBe(401);
  expect(snapshot.error?.message).not.toContain('expired');
  expect(snapshot.messages).toHaveLength(1);
  expect(server.requestCount).toBe(1);
});

test('the server dies mid-reply: the message keeps its text, is in error, and the POST is not re-sent', async () => {
  const { server } = seedChatServer(['Uno ', 'dos ', 'tres ', 'cuatro.'], { killAfter: 2 });
  await server.start();
  const store = new ChatStore({
    transport: sseReplyTransport(() => ({
      api: `${server.url}/stream/chat`,
      headers: { Authorization: 'Bearer good-token' },
      retry: { initialDelayMs: 5, maxDelayMs: 10 },
    })),
  });
  store.send('Cuenta hasta cuatro');
  const snapshot = await settled(store);
  const reply = snapshot.messages[1]!;
  expect(reply.status).toBe('error');
  expect(messageText(reply)).toBe('Uno dos ');
  expect(['network', 'truncated']).toContain(reply.error?.kind);
  expect(server.requestCount).toBe(1);
});

test('seed 001 over a real WebSocket: chunk … done per message, one socket for the conversation', async () => {
  const http: Server = createServer();
  const wss = new WebSocketServer({ server: http });
  let connections = 0;
  const received: unknown[] = [];
  wss.on('connection', (socket) => {
    connections++;
    socket.on('message', (raw) => {
      const data = JSON.parse(String(raw)) as { message: string };
      received.push(data);
      const words = `Recibí: ${data.message}`.split(' ');
      words.forEach((word, index) =>
        setTimeout(() => {
          socket.send(JSON.stringify({ type: 'chunk', content: index === 0 ? word : ` ${word}` }));
          if (index === words.length - 1) socket.send(JSON.stringify({ type: 'done' }));
        }, 3 * (index + 1)),
      );
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws/chat`;
  const transport = socketReplyTransport(() => ({ url, WebSocket: WebSocket as never }));
  const store = new ChatStore({ transport, protocol: 'ws-chat' });
  cleanups.push(async () => {
    transport.dispose?.();
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  store.send('tres tacos');
  let snapshot = await settled(store);
  expect(messageText(snapshot.messages[1]!)).toBe('Recibí: tres tacos');
  store.send('y una horchata');
  snapshot = await settled(store);
  expect(messageText(snapshot.messages[3]!)).toBe('Recibí: y una horchata');
  expect(connections).toBe(1);
  expect((received[1] as { messages: unknown[] }).messages).toHaveLength(3);
});
