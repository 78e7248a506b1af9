import { http, type HttpHandler } from 'msw';
import { systemClock, type Clock } from '../core/clock.js';
import { onNetworkConditionsChange, openNetworkConnection, type NetworkConnection } from './network.js';

/** One entry of a scripted SSE stream. `data` objects are sent as JSON. */
export interface ScriptedEvent {
  /** `event:` field (omit for the default `message`). */
  event?: string;
  /** `data:` payload; multi-line strings become several `data:` lines. Objects are JSON-encoded. */
  data?: unknown;
  /** `id:` field. */
  id?: string;
  /** `retry:` field, in milliseconds. */
  retry?: number;
  /** A comment line (`: text`), e.g. a keep-alive. */
  comment?: string;
  /** Wait this long before sending this entry (overrides the stream's `delayMs`). */
  delayMs?: number;
}

/**
 * The timers a script waits on: the core's `Clock` (its `now` is not needed). Pass a fake one
 * to make a test advance time instead of waiting.
 */
export type ScriptClock = Pick<Clock, 'setTimeout' | 'clearTimeout'>;

/** How a scripted stream misbehaves, for tests and stories of real-network failures. */
export interface ScriptOptions {
  /** Wait between entries. Default 0. */
  delayMs?: number;
  /** Wait before the first byte (headers are sent at once). Default 0. */
  firstByteDelayMs?: number;
  /** Add a random 0 to `jitterMs` to every wait (seeded by `seed`, so a test replays it). Default 0. */
  jitterMs?: number;
  /** Break the connection (a network error) after this many entries. */
  dropAfter?: number;
  /** Close the stream cleanly, without an error, after this many entries (a truncated stream). */
  endAfter?: number;
  /** Stop sending but keep the connection open after this many entries (a stalled server). */
  stallAfter?: number;
  /** Cut the encoded bytes into pieces of this size (1 splits inside UTF-8 and CRLF pairs). */
  chunkBytes?: number;
  /**
   * Cut each entry's bytes at random places, into pieces of 1 to `randomChunkBytes` bytes (inside
   * UTF-8 sequences and CRLF pairs too), seeded by `seed`. Overrides `chunkBytes`.
   */
  randomChunkBytes?: number;
  /** Seed of `randomChunkBytes` and `jitterMs`: the same seed replays the same splits and waits. Default 1. */
  seed?: number;
  /** Line ending used when encoding: `'\r'` (CR only) and `'\r\n'` (CRLF) are valid SSE too. Default `\n`. */
  lineEnding?: '\n' | '\r' | '\r\n';
  /** Start the body with a UTF-8 byte order mark (the client must strip it). Default `false`. */
  bom?: boolean;
  /**
   * Hold every byte until the script ends, then send them all in one piece: a misconfigured
   * buffering proxy. A drop or a stall then sends nothing at all. Default `false`.
   */
  bufferAll?: boolean;
  /**
   * Responses only: answer 200 `text/html` with this page (`true`: a small login page) instead
   * of the stream, like a login redirect or a proxy's error page.
   */
  htmlPage?: boolean | string;
  /**
   * Responses only: answer with this status. A non-2xx status (or 204) sends a short plain-text
   * body instead of the stream, e.g. `{ status: 503, retryAfter: 2 }`.
   */
  status?: number;
  /** Responses only: the `Retry-After` header, in seconds or as an HTTP date. */
  retryAfter?: number | string;
  /** The timers waits use. Default the platform's `setTimeout`. */
  clock?: ScriptClock;
  /** Extra response headers. */
  headers?: HeadersInit;
}

/** Encodes one entry as SSE text, terminated by a blank line. */
export function encodeEvent(entry: ScriptedEvent, lineEnding = '\n'): string {
  const lines: string[] = [];
  if (entry.comment !== undefined) lines.push(`: ${entry.comment}`);
  if (entry.event !== undefined) lines.push(`event: ${entry.event}`);
  if (entry.id !== undefined) lines.push(`id: ${entry.id}`);
  if (entry.retry !== undefined) lines.push(`retry: ${entry.retry}`);
  if (entry.data !== undefined) {
    const text = typeof entry.data === 'string' ? entry.data : JSON.stringify(entry.data);
    for (const line of text.split(/\r\n|\r|\n/)) lines.push(`data: ${line}`);
  }
  return lines.join(lineEnding) + lineEnding + lineEnding;
}

const encoder = new TextEncoder();
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/**
 * Resolves on a later task (not a timer: no clamping, nothing for a fake clock to advance):
 * `setImmediate` under Node, a `MessageChannel` message in browsers. Internal to the kit.
 */
export function nextTask(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  if (immediate !== undefined) return new Promise((resolve) => void immediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

function sleep(ms: number, signal: AbortSignal, clock: ScriptClock): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    // One listener per sleep, removed when the sleep ends: a long script would otherwise pile
    // up abort listeners on one signal (a leak, and Node's MaxListenersExceeded warning).
    const onAbort = () => {
      clock.clearTimeout(timer);
      resolve();
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * True under Node (MSW's `setupServer`), false in a browser (MSW's service worker).
 * Read at call time so importing this module stays side-effect free.
 */
function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/**
 * A seeded pseudo-random source in [0, 1) (mulberry32): the same seed gives the same splits and
 * waits, so a failing test replays exactly.
 */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const scriptedDrop = () => new TypeError('Connection reset (scripted drop).');

function playScript(
  entries: readonly ScriptedEvent[],
  options: ScriptOptions,
  signal: AbortSignal | undefined,
  network: NetworkConnection | undefined,
): ReadableStream<Uint8Array> {
  const profile = network?.profile;
  const { delayMs = 0, lineEnding = '\n', clock = systemClock } = options;
  const firstByteDelayMs = (options.firstByteDelayMs ?? 0) + (profile?.firstByteDelayMs ?? 0);
  const factor = profile?.delayFactor ?? 1;
  const latencyMs = profile?.latencyMs ?? 0;
  const dropAfter = minDefined(options.dropAfter, network?.dropAfter);
  const chunkBytes = minDefined(options.chunkBytes, profile?.chunkBytes || undefined);
  const bufferAll = options.bufferAll === true || profile?.bufferAll === true;
  const jitterMs = options.jitterMs ?? 0;
  const randomChunkBytes = options.randomChunkBytes === undefined ? undefined : Math.max(1, Math.floor(options.randomChunkBytes));
  const random = randomChunkBytes !== undefined || jitterMs > 0 ? seededRandom(options.seed ?? 1) : undefined;
  const stop = new AbortController();
  let wentOffline = false;
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  // Only the switch to offline acts on a stream already playing (stalled ones included).
  const offNetwork =
    network === undefined
      ? undefined
      : onNetworkConditionsChange((next) => {
          if (next !== 'offline') return;
          wentOffline = true;
          stop.abort();
        });
  const release = () => {
    signal?.removeEventListener('abort', onAbort);
    offNetwork?.();
  };
  const wait = (ms: number) => sleep(ms * factor + latencyMs + (random !== undefined && jitterMs > 0 ? random() * jitterMs : 0), stop.signal, clock);
  const held: Uint8Array[] = [];

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      // Pieces of one write go out a task apart: enqueued back to back, the transport (MSW's
      // Node interceptor, the worker) would join them again into one read.
      const write = async (bytes: Uint8Array) => {
        if (bufferAll) return void held.push(bytes);
        for (let offset = 0; offset < bytes.byteLength; ) {
          if (offset > 0) {
            await nextTask();
            if (stop.signal.aborted) return;
          }
          const size = randomChunkBytes !== undefined ? 1 + Math.floor(random!() * randomChunkBytes) : (chunkBytes ?? bytes.byteLength);
          controller.enqueue(bytes.subarray(offset, offset + size));
          offset += size;
        }
      };
      // The buffering proxy's flush: everything held, as one piece (one read on the client).
      const flush = () => {
        if (held.length === 0) return;
        const all = new Uint8Array(held.reduce((sum, bytes) => sum + bytes.byteLength, 0));
        let offset = 0;
        for (const bytes of held) {
          all.set(bytes, offset);
          offset += bytes.byteLength;
        }
        held.length = 0;
        controller.enqueue(all);
      };
      // Stopped by the reader (nothing to report) or by the network going offline (a drop).
      const stopped = () => {
        if (!stop.signal.aborted) return false;
        if (wentOffline && signal?.aborted !== true) controller.error(scriptedDrop());
        return true;
      };
      const stall = () => new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
      try {
        await sleep(firstByteDelayMs, stop.signal, clock);
        if (stopped()) return;
        if (options.bom === true) await write(BOM);
        for (let index = 0; index < entries.length; index++) {
          if (dropAfter === index) return controller.error(scriptedDrop());
          if (options.endAfter === index) {
            flush();
            return controller.close();
          }
          if (options.stallAfter === index) {
            await stall();
            stopped();
            return;
          }
          const entry = entries[index]!;
          // The first entry follows the first byte at once unless it has its own delay (or jitter).
          if (index > 0 || entry.delayMs !== undefined || jitterMs > 0) await wait(entry.delayMs ?? (index > 0 ? delayMs : 0));
          if (stopped()) return;
          await write(encoder.encode(encodeEvent(entry, lineEnding)));
          if (stopped()) return;
        }
        if (options.stallAfter !== undefined && options.stallAfter >= entries.length) {
          await stall();
          stopped();
          return;
        }
        if (dropAfter !== undefined && dropAfter >= entries.length) return controller.error(scriptedDrop());
        flush();
        controller.close();
      } finally {
        release();
      }
    },
    cancel() {
      stop.abort();
    },
  });
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/**
 * A `ReadableStream` of SSE bytes that plays `entries` with the given timing and faults.
 * Stops (and clears its timers) when the reader cancels or `signal` aborts. It plays exactly as
 * scripted: the network conditions apply to responses ({@link sseResponse}, {@link sseHandler}).
 */
export function scriptedStream(
  entries: readonly ScriptedEvent[],
  options: ScriptOptions = {},
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  return playScript(entries, options, signal, undefined);
}

const LOGIN_PAGE = '<!doctype html><html><head><title>Sign in</title></head><body><form method="post" action="/login"><input name="user"><button>Sign in</button></form></body></html>';

/**
 * A `text/event-stream` `Response` playing `entries` under the current network conditions
 * (`offline`: `Response.error()`, a network error). Pass the `request` (rather than only its
 * signal) so `flaky` counts connections per URL.
 */
export function sseResponse(
  entries: readonly ScriptedEvent[],
  options: ScriptOptions = {},
  requestOrSignal?: Request | AbortSignal,
): Response {
  // Told apart by shape: the Request class of the test environment may not be the one MSW used.
  const request = requestOrSignal !== undefined && typeof (requestOrSignal as Partial<Request>).url === 'string' ? (requestOrSignal as Request) : undefined;
  const signal = request?.signal ?? (requestOrSignal as AbortSignal | undefined);
  const connection = openNetworkConnection(request?.url ?? '');
  if (connection.profile.offline) return Response.error();
  const headers = new Headers(options.headers);
  if (options.retryAfter !== undefined && !headers.has('retry-after')) headers.set('retry-after', String(options.retryAfter));
  const { status = 200 } = options;
  if (options.htmlPage !== undefined && options.htmlPage !== false) {
    if (!headers.has('content-type')) headers.set('content-type', 'text/html; charset=utf-8');
    return new Response(typeof options.htmlPage === 'string' ? options.htmlPage : LOGIN_PAGE, { status, headers });
  }
  if (status === 204 || status >= 300) {
    if (!headers.has('content-type') && status !== 204) headers.set('content-type', 'text/plain; charset=utf-8');
    return new Response(status === 204 ? null : `HTTP ${status}`, { status, headers });
  }
  if (!headers.has('content-type')) headers.set('content-type', 'text/event-stream; charset=utf-8');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-cache');
  // MSW's Node interceptor writes a body of unknown length as close-delimited; when the client
  // then aborts mid-stream, Node's fetch (undici) fails an internal assertion as the mocked
  // socket closes, crashing the test process. Declaring chunked framing avoids that path.
  // Only under Node: in the browser the service worker hands the body over as it is.
  if (isNode() && !headers.has('content-length') && !headers.has('transfer-encoding')) {
    headers.set('transfer-encoding', 'chunked');
  }
  const body = playScript(entries, options, signal, connection);
  return new Response(body, { status, headers });
}

/** What a scripted handler knows about the request it answers. */
export interface ScriptContext {
  request: Request;
  /** 1 for the first request this handler answered, 2 for the next, … */
  connection: number;
  /** The `Last-Event-ID` the client sent ('' on a fresh connection). */
  lastEventId: string;
}

export type Script =
  | readonly ScriptedEvent[]
  | ((context: ScriptContext) => readonly ScriptedEvent[] | { entries: readonly ScriptedEvent[]; options?: ScriptOptions });

export interface SSEHandlerOptions extends ScriptOptions {
  /** HTTP method to answer. Default `get`. */
  method?: 'get' | 'post' | 'put' | 'patch' | 'all';
  /**
   * Resume like a real server: on a request with `Last-Event-ID`, skip entries up to and
   * including that id. Default `true`.
   */
  resume?: boolean;
  /** Apply `dropAfter` only to the first N connections (default: all), so a story can recover. */
  dropConnections?: number;
}

/**
 * An MSW handler that streams a script as Server-Sent Events, under the network conditions of
 * the moment (see `setNetworkConditions`), read on each request.
 *
 * ```ts
 * sseHandler('/api/feed', [{ id: '1', data: { status: 'received' } }], { delayMs: 500, dropAfter: 2 })
 * ```
 */
export function sseHandler(path: string, script: Script, options: SSEHandlerOptions = {}): HttpHandler {
  const { method = 'get', resume = true, dropConnections, ...scriptOptions } = options;
  let connection = 0;
  return http[method](path, ({ request }) => {
    connection++;
    const lastEventId = request.headers.get('last-event-id') ?? '';
    const produced = typeof script === 'function' ? script({ request, connection, lastEventId }) : script;
    const entries = Array.isArray(produced) ? (produced as readonly ScriptedEvent[]) : (produced as { entries: readonly ScriptedEvent[] }).entries;
    const extra = Array.isArray(produced) ? {} : ((produced as { options?: ScriptOptions }).options ?? {});
    let playable = entries;
    if (resume && lastEventId !== '') {
      const at = entries.findIndex((entry) => entry.id === lastEventId);
      if (at >= 0) playable = entries.slice(at + 1);
    }
    const effective: ScriptOptions = { ...scriptOptions, ...extra };
    if (dropConnections !== undefined && connection > dropConnections) delete effective.dropAfter;
    return sseResponse(playable, effective, request);
  });
}
