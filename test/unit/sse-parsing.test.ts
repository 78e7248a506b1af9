/**
 * EventSource parity: the same bytes through SSEDecoder, through SSEClient over MSW, and through
 * an independent transcription of the WHATWG algorithm must give the same events, ids and
 * retry values — however the bytes are cut into network reads.
 */
import fc from 'fast-check';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { SSEClient } from '../../src/core/transport/sse-client.js';
import { SSEDecoder, type SSEEvent } from '../../src/core/transport/sse-events.js';
import type { StreamError } from '../../src/core/errors.js';
import { chunkedBody, eventStreamResponse, ManualFrames } from './support/fakes.js';
import { referenceParse } from './support/sse-reference.js';

const URL_ = 'http://api.test/parse';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const encoder = new TextEncoder();
const bytesOf = (input: string | Uint8Array) => (typeof input === 'string' ? encoder.encode(input) : input);

interface Decoded {
  events: SSEEvent[];
  ids: string[];
  retries: number[];
  comments: string[];
  lastEventId: string;
}

function decodeAll(chunks: readonly Uint8Array[], initialLastEventId = ''): Decoded {
  const out: Decoded = { events: [], ids: [], retries: [], comments: [], lastEventId: initialLastEventId };
  const decoder = new SSEDecoder(
    {
      onEvent: (event) => out.events.push(event),
      onId: (id) => {
        out.ids.push(id);
        out.lastEventId = id;
      },
      onRetry: (ms) => out.retries.push(ms),
      onComment: (comment) => out.comments.push(comment),
    },
    initialLastEventId,
  );
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return out;
}

function splitEvery(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.slice(offset, offset + size));
  return chunks;
}

function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let previous = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    chunks.push(bytes.slice(previous, cut));
    previous = cut;
  }
  chunks.push(bytes.slice(previous));
  return chunks;
}

/** Streams `chunks` to an SSEClient through MSW; the body just ends, so the run ends in `truncated`. */
async function viaClient(chunks: readonly Uint8Array[]) {
  let requests = 0;
  server.use(
    http.get(URL_, () => {
      requests++;
      return eventStreamResponse(chunkedBody(chunks));
    }),
  );
  const events: SSEEvent[] = [];
  const errors: StreamError[] = [];
  const client = new SSEClient({
    url: URL_,
    retry: false,
    isTerminal: false,
    frames: new ManualFrames(),
    onEvent: (event) => events.push(event),
    onError: (error) => errors.push(error),
  });
  client.start();
  await vi.waitFor(() => expect(client.getSnapshot().status).toBe('error'));
  return { events, errors, requests, lastEventId: client.getSnapshot().lastEventId };
}

const ev = (data: string, type = 'message', lastEventId = ''): SSEEvent => ({ type, data, lastEventId });

interface Case {
  name: string;
  input: string | Uint8Array;
  events: SSEEvent[];
  lastEventId: string;
  retries?: number[];
  comments?: string[];
}

const BOM = [0xef, 0xbb, 0xbf];
const cases: Case[] = [
  {
    name: 'named events, multi-line data, default type "message"',
    input: 'event: update\ndata: line 1\ndata: line 2\n\ndata: plain\n\nevent:\ndata:\n\n',
    events: [ev('line 1\nline 2', 'update'), ev('plain'), ev('')],
    lastEventId: '',
  },
  {
    name: 'field value: one leading space removed, a second kept; no colon means empty value',
    input: 'data:  two spaces\n\ndata\ndata\n\ndata:no-space\n\n',
    events: [ev(' two spaces'), ev('\n'), ev('no-space')],
    lastEventId: '',
  },
  {
    name: 'one leading BOM is stripped',
    input: new Uint8Array([...BOM, ...encoder.encode('data: after bom\n\n')]),
    events: [ev('after bom')],
    lastEventId: '',
  },
  {
    // The second U+FEFF is kept, so the first line's field name is "\uFEFFdata": unknown, ignored.
    name: 'a second BOM is kept (and makes its line an unknown field)',
    input: new Uint8Array([...BOM, ...BOM, ...encoder.encode('data: hidden\n\ndata: shown\n\ndata: \uFEFFin data\n\n')]),
    events: [ev('shown'), ev('\uFEFFin data')],
    lastEventId: '',
  },
  {
    // "ï»¿" is what a BOM looks like decoded as Latin-1, but as UTF-8 text it is three letters.
    name: 'the text "ï»¿" at the start is not a BOM',
    input: '\u00EF\u00BB\u00BFdata: not an event\n\ndata: real\n\n',
    events: [ev('real')],
    lastEventId: '',
  },
  {
    name: 'LF line ends',
    input: 'event: a\ndata: 1\ndata: 2\n\ndata: 3\n\n',
    events: [ev('1\n2', 'a'), ev('3')],
    lastEventId: '',
  },
  {
    name: 'CR line ends',
    input: 'event: a\rdata: 1\rdata: 2\r\rdata: 3\r\r',
    events: [ev('1\n2', 'a'), ev('3')],
    lastEventId: '',
  },
  {
    name: 'CRLF line ends',
    input: 'event: a\r\ndata: 1\r\ndata: 2\r\n\r\ndata: 3\r\n\r\n',
    events: [ev('1\n2', 'a'), ev('3')],
    lastEventId: '',
  },
  {
    name: 'mixed line ends (LF CR CRLF, and LF right after CR closes a block)',
    input: 'data: 1\rdata: 2\r\n\ndata: 3\n\r',
    events: [ev('1\n2'), ev('3')],
    lastEventId: '',
  },
  {
    name: 'id-only blocks update lastEventId; it persists; an empty id resets it; ids with NUL are ignored',
    input: 'id: 1\n\ndata: a\n\nid: 7\ndata: b\n\ndata: c\n\nid: bad\u0000id\ndata: d\n\nid\n\ndata: e\n\n',
    events: [ev('a', 'message', '1'), ev('b', 'message', '7'), ev('c', 'message', '7'), ev('d', 'message', '7'), ev('e')],
    lastEventId: '',
  },
  {
    name: "an unterminated final block's id is not committed",
    input: 'id: 1\ndata: a\n\nid: 2\ndata: b\n',
    events: [ev('a', 'message', '1')],
    lastEventId: '1',
  },
  {
    name: 'retry: only digits count',
    input: 'retry: 1500\n\nretry: 15x\nretry: -1\nretry:  10\nretry: 1.5\nretry:\nretry: 0300\n\ndata: x\n\n',
    events: [ev('x')],
    lastEventId: '',
    retries: [1500, 300],
  },
  {
    name: 'comments are not events',
    input: ': keep-alive\n\n:\ndata: x\n: between\n\n',
    events: [ev('x')],
    lastEventId: '',
    comments: ['keep-alive', '', 'between'],
  },
  {
    name: 'an incomplete final event is discarded',
    input: 'data: a\n\ndata: b\ndata: c\n',
    events: [ev('a')],
    lastEventId: '',
  },
  {
    name: 'unknown fields are ignored',
    input: 'foo: bar\nData: no\nEVENT: no\ndata: yes\n\n',
    events: [ev('yes')],
    lastEventId: '',
  },
];

describe('SSEDecoder, on fixed inputs', () => {
  test.each(cases)('$name', (c) => {
    const bytes = bytesOf(c.input);
    const whole = decodeAll([bytes]);
    expect(whole.events).toEqual(c.events);
    expect(whole.lastEventId).toBe(c.lastEventId);
    expect(whole.retries).toEqual(c.retries ?? []);
    if (c.comments) expect(whole.comments).toEqual(c.comments);
    // One byte per read: every UTF-8 sequence, BOM and CRLF pair is cut.
    const bytewise = decodeAll(splitEvery(bytes, 1));
    expect(bytewise).toEqual(whole);
    // And the spec's own algorithm agrees.
    const reference = referenceParse(bytes);
    expect(whole.events).toEqual(reference.events);
    expect(whole.retries).toEqual(reference.retries);
    expect(whole.lastEventId).toBe(reference.lastEventId);
  });

  test('a BOM split across reads is still stripped, once', () => {
    const bytes = new Uint8Array([...BOM, ...encoder.encode('data: x\n\n')]);
    expect(decodeAll([bytes.slice(0, 1), bytes.slice(1, 2), bytes.slice(2)]).events).toEqual([ev('x')]);
  });

  test('the initial lastEventId is reported until a block commits another', () => {
    const out = decodeAll([encoder.encode('data: a\n\nid: 9\ndata: b\n\n')], '42');
    expect(out.events).toEqual([ev('a', 'message', '42'), ev('b', 'message', '9')]);
  });
});

describe('SSEClient over MSW, on the same inputs', () => {
  test.each(cases)('$name', async (c) => {
    const bytes = bytesOf(c.input);
    const result = await viaClient(splitEvery(bytes, 3));
    expect(result.events).toEqual(c.events);
    expect(result.lastEventId).toBe(c.lastEventId);
    expect(result.requests).toBe(1);
    // isTerminal:false: every close is `truncated`, and retry:false means no second request.
    expect(result.errors.map((error) => [error.kind, error.willRetry])).toEqual([['truncated', false]]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: any cut of the bytes into reads gives the events of the uncut stream.

const words = ['hola', '¡Pedido entregado! 🌮', 'ñandú', 'café', '🚀🚀', '日本語', 'a:b', ' lead', '', 'x'];
const lineEnd = fc.constantFrom('\n', '\r', '\r\n');
const text = fc.oneof(fc.constantFrom(...words), fc.string({ unit: 'grapheme', maxLength: 8 }).map((s) => s.replace(/[\r\n]/g, '')));
const field = fc.oneof(
  { weight: 5, arbitrary: text.map((value) => `data: ${value}`) },
  { weight: 2, arbitrary: fc.constantFrom('order.updated', 'message_stop', '', 'ñ').map((type) => `event: ${type}`) },
  { weight: 2, arbitrary: fc.oneof(fc.integer({ min: 0, max: 999 }).map(String), text).map((id) => `id: ${id}`) },
  { weight: 1, arbitrary: fc.constantFrom('retry: 250', 'retry: 2x', 'retry:1000') },
  { weight: 1, arbitrary: text.map((comment) => `: ${comment}`) },
  { weight: 1, arbitrary: fc.constantFrom('data', 'id', 'foo: bar', '\uFEFFdata: kept bom') },
);
const block = fc.tuple(fc.array(fc.tuple(field, lineEnd), { maxLength: 5 }), lineEnd).map(
  ([lines, end]) => lines.map(([line, le]) => line + le).join('') + end,
);
const streamText = fc
  .tuple(fc.boolean(), fc.array(block, { minLength: 1, maxLength: 12 }), fc.oneof(fc.constant(''), field))
  // An optional leading BOM, blocks, then maybe an unterminated tail that must be dropped.
  .map(([bom, blocks, tail]) => (bom ? '\uFEFF' : '') + blocks.join('') + tail);

/** Cut points worth trying: inside multi-byte UTF-8 sequences and between CR and LF. */
function interestingCuts(bytes: Uint8Array): number[] {
  const cuts: number[] = [];
  for (let i = 1; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if ((byte & 0xc0) === 0x80) cuts.push(i); // a continuation byte: the cut splits a code point
    if (bytes[i - 1] === 0x0d && byte === 0x0a) cuts.push(i); // between CR and LF
  }
  return cuts;
}

const generated = streamText.chain((source) => {
  const bytes = encoder.encode(source);
  const anywhere = fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, bytes.length - 1) }), { maxLength: 20 });
  return fc.record({
    bytes: fc.constant(bytes),
    cuts: fc.tuple(fc.subarray(interestingCuts(bytes)), anywhere).map(([a, b]) => [...new Set([...a, ...b])]),
  });
});

describe('property: chunking never changes the result', () => {
  test('random cuts (inside UTF-8 sequences, between CR and LF) give the uncut events', () => {
    fc.assert(
      fc.property(generated, ({ bytes, cuts }) => {
        const whole = decodeAll([bytes]);
        const split = decodeAll(splitAt(bytes, cuts));
        expect(split).toEqual(whole);
        const reference = referenceParse(bytes);
        expect(whole.events).toEqual(reference.events);
        expect(whole.retries).toEqual(reference.retries);
        expect(whole.lastEventId).toBe(reference.lastEventId);
      }),
      { numRuns: 400 },
    );
  });

  test('the generator does produce the hard cases (so the property is not vacuous)', () => {
    const samples = fc.sample(generated, { numRuns: 200, seed: 7 });
    const splitsCodePoint = samples.some(({ bytes, cuts }) => cuts.some((cut) => (bytes[cut]! & 0xc0) === 0x80));
    const splitsCRLF = samples.some(({ bytes, cuts }) => cuts.some((cut) => bytes[cut - 1] === 0x0d && bytes[cut] === 0x0a));
    const hasEmoji = samples.some(({ bytes }) => new TextDecoder().decode(bytes).includes('🌮'));
    expect([splitsCodePoint, splitsCRLF, hasEmoji]).toEqual([true, true, true]);
  });

  test('the same stream through SSEClient over MSW, cut at the hard places, matches the decoder', async () => {
    const samples = fc.sample(generated, { numRuns: 15, seed: 42 });
    for (const { bytes, cuts } of samples) {
      const expected = decodeAll([bytes]);
      const result = await viaClient(splitAt(bytes, cuts));
      expect(result.events).toEqual(expected.events);
      expect(result.lastEventId).toBe(expected.lastEventId);
    }
  });
});
