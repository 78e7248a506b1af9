import { http, type HttpHandler } from 'msw';

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

/** How a scripted stream misbehaves, for tests and stories of real-network failures. */
export interface ScriptOptions {
  /** Wait between entries. Default 0. */
  delayMs?: number;
  /** Wait before the first byte (headers are sent at once). Default 0. */
  firstByteDelayMs?: number;
  /** Break the connection (a network error) after this many entries. */
  dropAfter?: number;
  /** Close the stream cleanly, without an error, after this many entries (a truncated stream). */
  endAfter?: number;
  /** Stop sending but keep the connection open after this many entries (a stalled server). */
  stallAfter?: number;
  /** Cut the encoded bytes into pieces of this size (1 splits inside UTF-8 and CRLF pairs). */
  chunkBytes?: number;
  /** Line ending used when encoding. Default `\n`. */
  lineEnding?: '\n' | '\r' | '\r\n';
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

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    // One listener per sleep, removed when the sleep ends: a long script would otherwise pile
    // up abort listeners on one signal (a leak, and Node's MaxListenersExceeded warning).
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
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
 * A `ReadableStream` of SSE bytes that plays `entries` with the given timing and faults.
 * Stops (and clears its timers) when the reader cancels or `signal` aborts.
 */
export function scriptedStream(
  entries: readonly ScriptedEvent[],
  options: ScriptOptions = {},
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  const { delayMs = 0, firstByteDelayMs = 0, lineEnding = '\n', chunkBytes } = options;
  let cancelled = false;
  const stop = new AbortController();
  signal?.addEventListener('abort', () => stop.abort(), { once: true });
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      await sleep(firstByteDelayMs, stop.signal);
      for (let index = 0; index < entries.length; index++) {
        if (cancelled || stop.signal.aborted) return;
        if (options.dropAfter === index) {
          controller.error(new TypeError('Connection reset (scripted drop).'));
          return;
        }
        if (options.endAfter === index) {
          controller.close();
          return;
        }
        if (options.stallAfter === index) return;
        const entry = entries[index]!;
        if (index > 0 || entry.delayMs !== undefined) await sleep(entry.delayMs ?? delayMs, stop.signal);
        if (cancelled || stop.signal.aborted) return;
        const bytes = encoder.encode(encodeEvent(entry, lineEnding));
        const size = chunkBytes ?? bytes.byteLength;
        for (let offset = 0; offset < bytes.byteLength; offset += size) {
          controller.enqueue(bytes.subarray(offset, offset + size));
        }
      }
      if (options.stallAfter !== undefined && options.stallAfter >= entries.length) return;
      if (options.dropAfter !== undefined && options.dropAfter >= entries.length) {
        controller.error(new TypeError('Connection reset (scripted drop).'));
        return;
      }
      controller.close();
    },
    cancel() {
      cancelled = true;
      stop.abort();
    },
  });
}

/** A `text/event-stream` `Response` playing `entries`. */
export function sseResponse(
  entries: readonly ScriptedEvent[],
  options: ScriptOptions = {},
  signal?: AbortSignal,
): Response {
  const headers = new Headers(options.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'text/event-stream; charset=utf-8');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-cache');
  // MSW's Node interceptor writes a body of unknown length as close-delimited; when the client
  // then aborts mid-stream, Node's fetch (undici) fails an internal assertion as the mocked
  // socket closes, crashing the test process. Declaring chunked framing avoids that path.
  // Only under Node: in the browser the service worker hands the body over as it is.
  if (isNode() && !headers.has('content-length') && !headers.has('transfer-encoding')) {
    headers.set('transfer-encoding', 'chunked');
  }
  return new Response(scriptedStream(entries, options, signal), { status: 200, headers });
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
 * An MSW handler that streams a script as Server-Sent Events.
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
    return sseResponse(playable, effective, request.signal);
  });
}
