/**
 * The mock kit's protocol presets, checked by our own adapters through the real client path: a
 * preset's response is read whole, re-cut into network reads at random byte offsets (inside
 * UTF-8 characters too), served by MSW, and read by a ChatStore over the SSE reply transport
 * with the protocol detected from the response, as an app would. The finished message must hold
 * exactly the reply's text, reasoning, tool calls, sources and usage, as far as each format
 * carries them.
 */
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ChatStore } from '../../../src/core/chat/chat-store.js';
import { sseReplyTransport } from '../../../src/core/chat/sse-reply-transport.js';
import { messageText, type ChatMessage, type ToolPart } from '../../../src/core/chat/types.js';
import {
  chatHandler,
  chatReply,
  chatResponse,
  presetEvents,
  presetSupport,
  type ChatReplyInit,
  type PresetFormat,
} from '../../../src/msw/index.js';
import { arbitraryCuts, splitAt } from '../protocols/support/fixtures.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const FORMATS = Object.keys(presetSupport) as PresetFormat[];
const URL = 'http://api.test/chat';

/** The taquería order: multi-byte text everywhere, a tool the server ran and one left to the app. */
const ORDER: ChatReplyInit = {
  text: '¿Quieres 3 tacos al pastor? 🌮 Salen en 12 minutos.\n\nGracias, güero.',
  reasoning: 'El cliente pide 3 tacos al pastor; reviso existencias. ¡Ándale!',
  toolCalls: [
    { name: 'check_stock', input: { dish: 'taco al pastor', qty: 3, note: '¡sin cebolla! 🌮' }, output: { available: true, left: 12, chef: 'Doña Ñata' } },
    { id: 'call_PedidoTacos', name: 'place_order', input: { items: [{ dish: 'taco al pastor', qty: 3 }], nota: 'piña extra — ¿sí?' } },
  ],
  sources: [{ url: 'https://taqueria.example/menu#pastor', title: 'Menú — al pastor' }],
  usage: { inputTokens: 187, outputTokens: 64 },
};

/** A preset's response body and headers, as chatResponse produces them. */
async function recorded(format: PresetFormat, reply: ChatReplyInit): Promise<{ bytes: Uint8Array; headers: Headers }> {
  const response = chatResponse(format, reply);
  return { bytes: new Uint8Array(await response.arrayBuffer()), headers: response.headers };
}

/** Serves `bytes` cut at `cuts`, one network read per piece. */
function serve(bytes: Uint8Array, headers: Headers, cuts: readonly number[]): void {
  const pieces = splitAt(bytes, cuts);
  server.resetHandlers();
  server.use(
    http.post(URL, () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const piece of pieces) controller.enqueue(piece);
          controller.close();
        },
      });
      return new HttpResponse(body, { headers });
    }),
  );
}

/** Sends one message through a ChatStore reading `url` (protocol detected) and returns the finished reply. */
function ask(url = URL, store?: ChatStore): Promise<ChatMessage> {
  return new Promise((resolve) => {
    const chat = store ?? new ChatStore({ transport: sseReplyTransport(() => ({ api: url, retry: false })), onFinish: resolve });
    if (store) chat.setOptions({ onFinish: resolve });
    chat.send('Quiero 3 tacos al pastor');
  });
}

/** What the message shows, in the reply's own terms. */
function read(message: ChatMessage) {
  const tools = message.parts
    .filter((part): part is ToolPart => part.type === 'tool')
    .map((part) => ({ id: part.toolCallId, name: part.toolName, input: part.input, ...(part.output !== undefined ? { output: part.output } : {}) }));
  return {
    status: message.status,
    text: messageText(message),
    reasoning: message.parts.flatMap((part) => (part.type === 'reasoning' ? [part.text] : [])).join(''),
    tools,
    sources: message.parts.flatMap((part) => (part.type === 'source' ? [part.source] : [])),
    usage: message.usage,
    finishReason: message.finishReason,
  };
}

/** What `format` must deliver of `init`: everything it carries, in the order the presets send it. */
function expected(format: PresetFormat, init: ChatReplyInit) {
  const support = presetSupport[format];
  const reply = chatReply(init);
  const calls = support.toolOutputs
    ? [...reply.toolCalls.filter((call) => call.output !== undefined), ...reply.toolCalls.filter((call) => call.output === undefined)]
    : reply.toolCalls;
  const asked = calls.some((call) => !support.toolOutputs || call.output === undefined);
  return {
    status: 'done',
    text: reply.text,
    reasoning: support.reasoning ? reply.reasoning : '',
    tools: support.toolCalls
      ? calls.map((call) => ({ id: call.id, name: call.name, input: call.input, ...(support.toolOutputs && call.output !== undefined ? { output: call.output } : {}) }))
      : [],
    sources: support.sources ? reply.sources : [],
    usage:
      support.usage && reply.usage
        ? { inputTokens: reply.usage.inputTokens, outputTokens: reply.usage.outputTokens, totalTokens: reply.usage.inputTokens + reply.usage.outputTokens }
        : undefined,
    finishReason: support.finishReason && asked ? 'tool-calls' : 'stop',
  };
}

describe.each(FORMATS)('%s preset', (format) => {
  test('read whole, it is the reply exactly', async () => {
    const { bytes, headers } = await recorded(format, ORDER);
    serve(bytes, headers, []);
    expect(read(await ask())).toEqual(expected(format, ORDER));
  });

  test('read one byte at a time, it is the reply exactly', async () => {
    const { bytes, headers } = await recorded(format, ORDER);
    serve(bytes, headers, Array.from({ length: bytes.length - 1 }, (_, index) => index + 1));
    expect(read(await ask())).toEqual(expected(format, ORDER));
  });

  test('cut into reads at random bytes, it is the reply exactly', async () => {
    const { bytes, headers } = await recorded(format, ORDER);
    await fc.assert(
      fc.asyncProperty(arbitraryCuts(bytes.length), async (cuts) => {
        serve(bytes, headers, cuts);
        expect(read(await ask())).toEqual(expected(format, ORDER));
      }),
      { numRuns: 25 },
    );
  });

  test('any text and reasoning, at any words per delta and random cuts, come back exactly', async () => {
    const texts = fc.string({ unit: 'grapheme', maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(texts, texts, fc.integer({ min: 1, max: 4 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), async (text, reasoning, chunkWords, at) => {
        const reply: ChatReplyInit = { text, reasoning };
        const response = chatResponse(format, reply, { chunkWords });
        const bytes = new Uint8Array(await response.arrayBuffer());
        serve(bytes, response.headers, at.map((fraction) => Math.floor(fraction * bytes.length)));
        const message = read(await ask());
        expect({ text: message.text, reasoning: message.reasoning, status: message.status }).toEqual({
          text,
          reasoning: presetSupport[format].reasoning ? reasoning : '',
          status: 'done',
        });
      }),
      { numRuns: 20 },
    );
  });

  test.skipIf(!presetSupport[format].toolCalls)('a tool call without input arrives with {} (a tool without parameters)', async () => {
    const { bytes, headers } = await recorded(format, { text: 'Listo.', toolCalls: [{ name: 'open_kitchen', input: undefined }] });
    serve(bytes, headers, []);
    expect(read(await ask()).tools).toEqual([{ id: 'call_1', name: 'open_kitchen', input: {} }]);
  });

  test('chunkWords sets the words per text delta: five words are five deltas, or one', () => {
    const count = (chunkWords: number) => presetEvents(format, { text: 'uno dos tres cuatro cinco' }, { chunkWords }).length;
    expect(count(1) - count(5)).toBe(4);
    expect(count(2) - count(5)).toBe(2);
  });
});

const ERROR: ChatReplyInit = {
  text: 'Reviso la cocina… ',
  reasoning: 'Hay que revisar el trompo.',
  error: { message: 'La cocina no responde 🌮', code: 'overloaded_error' },
};

describe.each(FORMATS.filter((format) => presetSupport[format].error))('%s error preset', (format) => {
  test('parses to a provider error, the text received kept', async () => {
    const { bytes, headers } = await recorded(format, ERROR);
    serve(bytes, headers, [7, 99, 100, 101, 250]);
    const message = await ask();
    expect(message.status).toBe('error');
    expect(messageText(message)).toBe(ERROR.text);
    expect(message.error?.kind).toBe('provider');
    expect(message.error?.detail).toBe('La cocina no responde 🌮');
    expect(message.error?.message).toBe('The model provider reported an error: La cocina no responde 🌮');
    if (presetSupport[format].errorCode) expect(message.error?.cause).toBe('overloaded_error');
  });
});

describe('chatHandler', () => {
  test('answers a POST in the format, with its headers (AI SDK detected by its header), a reply per request', async () => {
    server.use(chatHandler(URL, 'ai-sdk', ({ connection }) => ({ text: `Respuesta ${connection}: ¿Quieres 3 tacos al pastor? 🌮` }), { chunkBytes: 3 }));
    const store = new ChatStore({ transport: sseReplyTransport(() => ({ api: URL, retry: false })) });
    expect(read(await ask(URL, store)).text).toBe('Respuesta 1: ¿Quieres 3 tacos al pastor? 🌮');
    const second = new Promise<ChatMessage>((resolve) => store.setOptions({ onFinish: resolve }));
    store.regenerate();
    expect(read(await second).text).toBe('Respuesta 2: ¿Quieres 3 tacos al pastor? 🌮');
  });

  test('takes the scripted stream options: a stream closed after four events is a truncated reply', async () => {
    server.use(chatHandler(URL, 'anthropic', { text: 'Tres tacos al pastor' }, { endAfter: 4 }));
    const message = await ask();
    expect(message.status).toBe('error');
    expect(message.error?.kind).toBe('truncated');
    expect(messageText(message)).toBe('Tres ');
  });

  test('your headers go over the preset ones', async () => {
    server.use(chatHandler(URL, 'generic', { text: 'Hola' }, { headers: { 'x-request-id': 'taq-42' } }));
    const response = await fetch(URL, { method: 'POST' });
    expect(response.headers.get('x-request-id')).toBe('taq-42');
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await response.text();
  });
});
