import { http, HttpResponse, ws, type RequestHandler, type WebSocketHandler } from 'msw';
import { chatHandler, chatResponse, presetEvents, sseHandler, type ScriptedEvent } from '../../src/msw/index.js';
import { textPieces } from '../../src/msw/presets/reply.js';
import aiSdkRaw from '../../test/fixtures/protocols/ai-sdk.sse?raw';
import anthropicErrorRaw from '../../test/fixtures/protocols/anthropic-error.sse?raw';
import anthropicRaw from '../../test/fixtures/protocols/anthropic.sse?raw';
import chunkEventsErrorRaw from '../../test/fixtures/protocols/chunk-events-error.sse?raw';
import chunkEventsRaw from '../../test/fixtures/protocols/chunk-events.sse?raw';
import genericAgentRaw from '../../test/fixtures/protocols/generic-agent.sse?raw';
import genericRaw from '../../test/fixtures/protocols/generic.sse?raw';
import llamaindexRaw from '../../test/fixtures/protocols/llamaindex.sse?raw';
import openaiErrorRaw from '../../test/fixtures/protocols/openai-error.sse?raw';
import openaiReasoningRaw from '../../test/fixtures/protocols/openai-reasoning.sse?raw';
import openaiResponsesRaw from '../../test/fixtures/protocols/openai-responses.sse?raw';
import openaiRaw from '../../test/fixtures/protocols/openai.sse?raw';
import textRaw from '../../test/fixtures/protocols/text.txt?raw';
import wsChatRaw from '../../test/fixtures/protocols/ws-chat.jsonl?raw';

/**
 * Mocked chat endpoints for the StreamChat stories and browser tests: every protocol fixture
 * replayed as its server sends it (paced, so streaming is visible), plus scenarios for each
 * state of the chat (slow, never answering, failing, tool-using, hostile text), written with the
 * mock kit's protocol presets. One URL per scenario, so stories on one docs page never share a
 * handler.
 */
export const chatUrls = {
  anthropic: '/api/chat/anthropic',
  anthropicError: '/api/chat/anthropic-error',
  openai: '/api/chat/openai',
  openaiReasoning: '/api/chat/openai-reasoning',
  openaiError: '/api/chat/openai-error',
  openaiResponses: '/api/chat/openai-responses',
  aiSdk: '/api/chat/ai-sdk',
  llamaindex: '/api/chat/llamaindex',
  generic: '/api/chat/generic',
  genericAgent: '/api/chat/generic-agent',
  chunkEvents: '/api/chat/chunk-events',
  chunkEventsError: '/api/chat/chunk-events-error',
  text: '/api/chat/text',
  /** Answers quoting the question, numbered per request (so a regenerated reply differs). */
  echo: '/api/chat/echo',
  /** A long reply (paragraphs and a code block) at 40 ms a word: for stop, cursor, scrolling. */
  slow: '/api/chat/slow',
  /** Accepts the request and sends nothing for a minute: the "writing…" state. */
  writing: '/api/chat/writing',
  /** HTTP 500 before any byte. */
  serverError: '/api/chat/500',
  /** HTTP 401: the credentials were refused (no Retry can fix it). */
  unauthorized: '/api/chat/401',
  /** HTTP 429 with `Retry-After: 90`. */
  rateLimited: '/api/chat/429',
  /** A few words, then silence with the connection open: the "waiting for the server" state. */
  stalled: '/api/chat/stalled',
  /** An agent that runs a tool for a while, then answers with sources. */
  tools: '/api/chat/tools',
  /** A reply full of markup and script that must stay text. */
  hostile: '/api/chat/hostile',
  /** The WebSocket chat (ws-chat transcript). */
  socket: 'wss://chat.streamkit.test/ws',
} as const;

/** Parses an SSE body into scripted events (event, id, data; comments kept). */
export function parseSSE(raw: string): ScriptedEvent[] {
  const events: ScriptedEvent[] = [];
  for (const block of raw.replace(/\r\n?/g, '\n').split(/\n\n+/)) {
    if (block.trim() === '') continue;
    const event: ScriptedEvent = {};
    const data: string[] = [];
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === '') event.comment = value;
      else if (field === 'event') event.event = value;
      else if (field === 'id') event.id = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) event.data = data.join('\n');
    events.push(event);
  }
  return events;
}

/** Splits text into word tokens, keeping the spaces and newlines (as the presets stream them). */
export function wordTokens(text: string): string[] {
  return textPieces(text);
}

/** A `start` / `chunk` / `end` stream (the chunk-events format) of `text`, one word per chunk. */
export function chunkEventsScript(text: string, conversationId = 'conv_demo'): ScriptedEvent[] {
  return presetEvents('chunk-events', { text, conversationId });
}

/** The long reply of the `slow` scenario: paragraphs, a list and a fenced code block. */
export const SLOW_REPLY = [
  'Claro, te explico cómo seguir tu pedido de tacos al pastor en tiempo real.',
  'Primero, la cocina confirma el pedido y te manda un evento por cada paso: recibido, en preparación, listo, en camino y entregado.',
  'Cada evento llega por Server-Sent Events, así que la página no tiene que preguntar nada:\n\n```ts\nconst feed = new EventSource("/api/orders/A-042");\nfeed.addEventListener("status", (event) => {\n  console.log(JSON.parse(event.data).step);\n});\n```',
  'Si la conexión se cae, el navegador vuelve a conectar y manda el último id que vio, y el servidor sigue desde ahí sin repetir nada.',
  'Por último, cuando el repartidor sale, el mapa se actualiza cada pocos segundos hasta que tus 3 tacos llegan a la puerta. ¡Buen provecho! 🌮',
].join('\n\n');

const post = { method: 'post' } as const;

/** An SSE fixture replayed with pacing; `headers` as its real server sends them. */
const fixture = (url: string, raw: string, headers?: Record<string, string>) =>
  sseHandler(url, parseSSE(raw), { ...post, delayMs: 90, ...(headers ? { headers } : {}) });

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** A plain text body sent word by word (the text protocol has no framing). */
function textStream(text: string, delayMs: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      for (const token of wordTokens(text)) {
        await sleep(delayMs, signal);
        if (signal.aborted) return;
        controller.enqueue(encoder.encode(token));
      }
      controller.close();
    },
  });
}

async function lastUserText(request: Request): Promise<string> {
  try {
    const body = (await request.json()) as { message?: unknown };
    return typeof body.message === 'string' ? body.message : '';
  } catch {
    return '';
  }
}

let echoCount = 0;

/** Tool-using agent in the generic format: two tools that take a while, then text and sources. */
const toolsReply = {
  text: 'Revisé la cocina y al repartidor: tus 3 tacos al pastor llegan en unos 12 minutos.',
  toolCalls: [
    { name: 'kitchen_status', input: { order_id: 'A-042' }, output: { status: 'en el trompo', eta_minutes: 12 }, delayMs: 900 },
    { name: 'courier_eta', input: { order_id: 'A-042' }, output: { courier: 'Luis', minutes: 9 }, delayMs: 700 },
  ],
  sources: [
    { title: 'Estado del pedido A-042', url: 'https://taqueria.example/pedidos/A-042' },
    { title: 'Tiempos de entrega', url: 'https://taqueria.example/ayuda/entregas' },
  ],
};

/** Markup and script in every place a stream can put text. */
export const HOSTILE_TEXT =
  'Hola <img src=x onerror="window.__xss=1"> y <script>window.__xss=2</script>\n\n<b onmouseover="window.__xss=3">negrita</b> &lt;ok&gt;';

const hostileReply = {
  text: HOSTILE_TEXT,
  toolCalls: [{ name: '<svg onload="window.__xss=6">', input: { html: '<img src=x onerror="window.__xss=7">' }, output: '<script>window.__xss=8</script>' }],
  sources: [
    { title: 'Fuente con javascript:', url: 'javascript:window.__xss=4' },
    { title: '<img src=x onerror="window.__xss=5">', url: 'https://taqueria.example/ok' },
  ],
};

/** The ws-chat transcript, replayed on each message the client sends. */
const socketFrames = wsChatRaw.split('\n').filter((line) => line.trim() !== '' && !line.includes('"ping"'));

export const chatHandlers: RequestHandler[] = [
  fixture(chatUrls.anthropic, anthropicRaw),
  fixture(chatUrls.anthropicError, anthropicErrorRaw),
  fixture(chatUrls.openai, openaiRaw),
  fixture(chatUrls.openaiReasoning, openaiReasoningRaw),
  fixture(chatUrls.openaiError, openaiErrorRaw),
  fixture(chatUrls.openaiResponses, openaiResponsesRaw),
  fixture(chatUrls.aiSdk, aiSdkRaw, { 'x-vercel-ai-ui-message-stream': 'v1' }),
  fixture(chatUrls.llamaindex, llamaindexRaw),
  fixture(chatUrls.generic, genericRaw),
  fixture(chatUrls.genericAgent, genericAgentRaw),
  fixture(chatUrls.chunkEvents, chunkEventsRaw),
  fixture(chatUrls.chunkEventsError, chunkEventsErrorRaw),
  http.post(
    chatUrls.text,
    ({ request }) =>
      new HttpResponse(textStream(textRaw, 60, request.signal), { headers: { 'content-type': 'text/plain; charset=utf-8' } }),
  ),
  http.post(chatUrls.echo, async ({ request }) => {
    const question = await lastUserText(request);
    const reply = `Respuesta ${++echoCount}: preguntaste «${question}». Tus 3 tacos al pastor salen en unos 12 minutos.`;
    return chatResponse('chunk-events', { text: reply, conversationId: 'conv_demo' }, { delayMs: 40 }, request.signal);
  }),
  chatHandler(chatUrls.slow, 'chunk-events', { text: SLOW_REPLY }, { delayMs: 40 }),
  chatHandler(chatUrls.writing, 'chunk-events', { text: 'Ya casi.' }, { firstByteDelayMs: 60_000 }),
  http.post(chatUrls.serverError, () =>
    HttpResponse.json({ error: 'The kitchen is closed' }, { status: 500, headers: { 'content-type': 'application/json' } }),
  ),
  http.post(chatUrls.unauthorized, () =>
    HttpResponse.json({ error: 'Session expired' }, { status: 401, headers: { 'content-type': 'application/json' } }),
  ),
  http.post(chatUrls.rateLimited, () =>
    HttpResponse.json({ error: 'Slow down' }, { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '90' } }),
  ),
  // The start event and four words, then nothing (the connection stays open).
  chatHandler(chatUrls.stalled, 'chunk-events', { text: 'Déjame revisar la cocina, un momento…' }, { delayMs: 40, stallAfter: 5 }),
  chatHandler(chatUrls.tools, 'generic', toolsReply, { delayMs: 120 }),
  chatHandler(chatUrls.hostile, 'generic', hostileReply, { delayMs: 20 }),
];

/**
 * The WebSocket chat: replays the ws-chat transcript for each message the client sends. Not in
 * {@link chatHandlers} (WebSocket handlers are not request handlers): register it per story,
 * `beforeEach: ({ msw }) => msw.use(chatSocketHandler())`.
 */
export function chatSocketHandler(url: string = chatUrls.socket): WebSocketHandler {
  return ws.link(url).addEventListener('connection', ({ client }) => {
    let timers: ReturnType<typeof setTimeout>[] = [];
    client.addEventListener('message', (event) => {
      if (typeof event.data === 'string' && event.data.includes('"ping"')) {
        client.send(JSON.stringify({ type: 'pong' }));
        return;
      }
      timers = socketFrames.map((frame, index) => setTimeout(() => client.send(frame), 120 * (index + 1)));
    });
    client.addEventListener('close', () => timers.forEach(clearTimeout));
  });
}
