import type { BackoffOptions } from '../backoff.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { StreamEnvironment } from '../environment.js';
import { StreamError, isStreamError, type ShouldRetry } from '../errors.js';
import type { FrameSource } from '../frames.js';
import type { StreamMetrics } from '../metrics.js';
import { callingUserCode, resolve, type Resolvable } from '../resolvable.js';
import { contentTypeError, discard, errorForStatus, mediaType } from './http-errors.js';
import { safely } from '../emitter.js';
import type { SSEShareMirror } from '../share/sse-share.js';
import type { ShareHandle, TabSharing } from '../share/types.js';
import { ConnectionLifecycle } from './lifecycle.js';
import { headerByteString } from './header-bytes.js';
import { SSEDecoder, toSSEEvent, type EventSourceMessage, type SSEEvent } from './sse-events.js';
import { TextChunkDecoder } from './text-chunks.js';
import type { StreamStatus } from './status.js';

export type { SSEEvent } from './sse-events.js';
export type { Resolvable } from '../resolvable.js';

/** Default first-byte timeout: generous, LLMs can think for a long time before answering. */
export const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 60_000;
/** Default idle timeout: any byte resets it, so servers that send `: ping` comments stay up. */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
/**
 * Default {@link SSEClientOptions.maxEventSize}: 8 Mi characters. Far above any chat or feed
 * event, low enough that a server that never ends its line cannot take the page's memory with it.
 */
export const DEFAULT_MAX_EVENT_SIZE = 8 * 1024 * 1024;

const TERMINAL_EVENT_TYPES = new Set([
  'end', // start/chunk/end/error endpoints
  'done',
  'error', // an in-band error ends the stream: the server will not send more
  'message_stop', // Anthropic Messages
  'response.completed', // OpenAI Responses
  'response.failed',
  'response.incomplete',
]);
/** Bit n is set when some terminal type is n characters long (they are all shorter than 31). */
const TERMINAL_TYPE_LENGTHS = [...TERMINAL_EVENT_TYPES].reduce((mask, type) => mask | (1 << type.length), 0);

/**
 * The default end-of-stream rule: `data: [DONE]` (OpenAI, AI SDK, many home-made servers) or
 * an event named `end`, `done`, `error`, `message_stop` or `response.completed|failed|incomplete`.
 * A stream that closes before one of these is `truncated`.
 */
export function isDefaultTerminalEvent(event: SSEEvent): boolean {
  // Runs per event, so the common "no" is cheap: a length test before each string comparison,
  // plain "message"s skip the set, and so does a named event whose length no terminal type has
  // (looking a fresh string up in the set means hashing it; this was ~3 % of the client's time).
  const { data, type } = event;
  return (
    (data.length === 6 && data === '[DONE]') ||
    (type !== 'message' &&
      type.length < 31 &&
      ((TERMINAL_TYPE_LENGTHS >>> type.length) & 1) === 1 &&
      TERMINAL_EVENT_TYPES.has(type))
  );
}

/** What to request. Everything here may change between attempts via `setOptions`. */
export interface SSERequestOptions {
  /** HTTP method. Default `GET`. */
  method?: string;
  /**
   * Request headers, or a function resolved on EVERY attempt, so a reconnect carries a fresh
   * token. `Accept: text/event-stream` and `Last-Event-ID` are added for you.
   */
  headers?: Resolvable<HeadersInit | undefined>;
  /** Request body (ignored for GET/HEAD), or a function resolved on every attempt. */
  body?: Resolvable<BodyInit | null | undefined>;
  /** Fetch credentials mode (`include` sends cookies cross-origin). */
  credentials?: RequestCredentials;
  /** A custom `fetch` (instrumentation, auth wrappers, tests). Default: the global one. */
  fetch?: typeof fetch;
}

/** What a resumed attempt sends instead of repeating the original request (see {@link SSEClientOptions.resume}). */
export interface SSEResumeRequest {
  /** Where to resume from. Default: the original URL. */
  url?: string | URL;
  /** Default: the original method. A `GET` sends no body. */
  method?: string;
  /** Extra headers for this attempt, set over the original ones. */
  headers?: HeadersInit;
  /** The body to send instead of the original one (ignored for GET/HEAD). */
  body?: BodyInit | null;
}

/** What {@link SSEClientOptions.resume} is told about the stream it resumes. */
export interface SSEResumeContext {
  /** The last event id received; also sent as `Last-Event-ID`. */
  lastEventId: string;
  /** 1-based number of the reconnection attempt. */
  attempt: number;
  /** What the first response of this run said (status, headers), or null if none came. */
  firstResponse: SSEOpenInfo | null;
}

/** Options of {@link SSEClient}. Defaults are chosen for LLM streams over flaky networks. */
export interface SSEClientOptions extends SSERequestOptions {
  url: string | URL;
  /** Reconnection policy, or `false` to never reconnect by itself. */
  retry?: BackoffOptions | false;
  /**
   * Replaces the default retry rule (`isRetryableError`: network errors, timeouts, truncation,
   * HTTP 408/429/5xx). `attempt` is the 1-based attempt that failed. The retry budget and the
   * POST re-send rule still apply; `stop()` is never retried.
   */
  shouldRetry?: ShouldRetry;
  /**
   * How to resume a stream that carried event ids, for servers that resume elsewhere than the
   * original request (e.g. `GET /chat/:id/stream` instead of re-sending the prompt). Called
   * before every reconnection that has a last event id; return the request to send, or
   * null/undefined to repeat the original request with `Last-Event-ID` (the default, as
   * EventSource does). A throw is a `callback` error.
   */
  resume?: (context: SSEResumeContext) => SSEResumeRequest | null | undefined | Promise<SSEResumeRequest | null | undefined>;
  /**
   * The most characters one event (with its unfinished line) may buffer before the stream fails
   * with a `too-large` error (eventsource-parser's `maxBufferSize`). Default
   * {@link DEFAULT_MAX_EVENT_SIZE} (8 Mi). 0 disables the cap.
   */
  maxEventSize?: number;
  /**
   * Re-send a non-GET request after the server has started answering, even though the stream
   * carries no event ids to resume from. Off by default: re-POSTing a chat message would run
   * (and bill) the prompt twice.
   */
  retryPost?: boolean;
  /** Fail with `first-byte-timeout` if no response byte arrives within this time. 0 disables. */
  firstByteTimeoutMs?: number;
  /** Fail with `idle-timeout` if no byte at all (comments included) arrives within this time. 0 disables. */
  idleTimeoutMs?: number;
  /**
   * Which event ends the stream normally. A stream that closes before it is `truncated`.
   * `false`: the stream has no end marker and any close is `truncated` (EventSource-like feeds).
   */
  isTerminal?: ((event: SSEEvent) => boolean) | false;
  /**
   * `keep` (default) streams on while the tab is hidden; `close` closes the connection when the
   * page is hidden and resumes (with `Last-Event-ID`) when it is visible again. A POST that cannot
   * be resumed is never closed this way: it would have to be re-sent.
   */
  whenHidden?: 'keep' | 'close';
  /** Called for every dispatched event, in order, none dropped (not batched). */
  onEvent?: (event: SSEEvent) => void;
  /** Called on each successful connection (a 2xx `text/event-stream` response), with its details. */
  onOpen?: (info: SSEOpenInfo) => void;
  /** Called when the stream ended normally: its terminal event, the end of a text body, or a 204. */
  onEnd?: () => void;
  /**
   * Also accept `text/plain` bodies (plain text LLM streams): each network read is dispatched as
   * one event `{ type: 'text', data: <decoded text> }` and the end of the body is a normal end.
   * Default `false`: anything but `text/event-stream` is a `content-type` error.
   */
  acceptText?: boolean;
  /** Called once per connection error; `error.willRetry` says whether a reconnect follows. */
  onError?: (error: StreamError) => void;
  /** Injectable time source (tests). */
  clock?: Clock;
  /** Injectable randomness for the backoff jitter (tests). */
  random?: () => number;
  /** Injectable online/visibility signals (tests). */
  environment?: StreamEnvironment;
  /** Injectable frame source for batching notifications (tests). */
  frames?: FrameSource;
  /**
   * Share one connection among the browser's tabs that open this stream:
   * `acrossTabs({ identity })`. One tab connects, the others receive its events over a
   * `BroadcastChannel`. GET streams only (any other method keeps a connection per tab); read
   * when the client starts. `whenHidden: 'close'` does not apply to a shared stream: the tab
   * holding the connection may be hidden while another shows it.
   */
  shareAcrossTabs?: TabSharing | undefined;
}

/** What {@link SSEClient.getSnapshot} returns; a new object only when something changed. */
export interface SSESnapshot {
  status: StreamStatus;
  /** The latest connection error (also while reconnecting); `null` once an event arrives again. */
  error: StreamError | null;
  /** The stream's last event id; sent as `Last-Event-ID` when reconnecting. */
  lastEventId: string;
  /** Consecutive failed attempts (0 while healthy). */
  attempt: number;
  metrics: StreamMetrics;
}

/** What {@link SSEClientOptions.onOpen} learns about the response. */
export interface SSEOpenInfo {
  status: number;
  headers: Headers;
  /** The response's `content-type` header, or null. */
  contentType: string | null;
}

type Events = {
  event: SSEEvent;
  open: SSEOpenInfo;
  end: undefined;
  error: StreamError;
};

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Server-Sent Events over `fetch` (so it can POST and send headers), React-free.
 *
 * Lifecycle: `idle` → `connecting` → `open` → (`reconnecting` → `open`)* → `closed` | `error`.
 * Listeners see every event synchronously; snapshot subscribers (`subscribe`) are notified at
 * most once per animation frame.
 */
export class SSEClient {
  private options: SSEClientOptions;
  private lastEventId = '';
  private serverRetryMs: number | undefined;
  private controller: AbortController | null = null;
  /** The current attempt's first-byte/idle timer; cleared by `halt()` at once, so stop leaves no timers. */
  private attemptTimer: TimerHandle | null = null;
  private responseStarted = false;
  /** The first response of this run, for `resume`. */
  private firstResponse: SSEOpenInfo | null = null;
  private pausedWhileHidden = false;
  private unwatchVisibility: (() => void) | null = null;
  /** This tab's part in a cross-tab share, while sharing. */
  private share: ShareHandle | null = null;
  /** While another tab leads: its attempt count and metrics, shown as this client's. */
  private mirrored: SSEShareMirror | null = null;
  private readonly life: ConnectionLifecycle<SSESnapshot, Events>;
  /** The event listeners, iterated directly on the per-event path. */
  private readonly eventListeners: Set<(event: SSEEvent) => void>;

  constructor(options: SSEClientOptions) {
    this.options = { ...options };
    this.life = new ConnectionLifecycle<SSESnapshot, Events>({
      clock: options.clock,
      environment: options.environment,
      frames: options.frames,
      snapshot: (life) => this.buildSnapshot(life),
      policy: () => this.options,
      release: () => this.stop(),
    });
    this.eventListeners = this.life.events.listeners('event');
  }

  /** Current state. Stable between notifications, so it can feed `useSyncExternalStore`. */
  readonly getSnapshot = (): SSESnapshot => this.life.store.getSnapshot();

  /** Subscribes to snapshot changes (frame-batched). Returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => this.life.store.subscribe(listener);

  /** Adds a listener for every event / each open / each normal end / each error. Returns the remove function. */
  on(type: 'event', listener: (event: SSEEvent) => void): () => void;
  on(type: 'open', listener: (info: SSEOpenInfo) => void): () => void;
  on(type: 'end', listener: () => void): () => void;
  on(type: 'error', listener: (error: StreamError) => void): () => void;
  on(type: keyof Events, listener: (arg: never) => void): () => void {
    return this.life.events.on(type, listener as (arg: unknown) => void);
  }

  /** Replaces request options and callbacks; they apply from the next attempt. */
  setOptions(options: Partial<SSEClientOptions>): void {
    this.options = { ...this.options, ...options };
  }

  /**
   * Declares that someone holds this client (a mounted component). When the last holder
   * releases it, the client stops (after a microtask, so StrictMode's remount keeps the request).
   */
  retain(): () => void {
    return this.life.demand.retain();
  }

  /** How many holders currently retain this client. */
  get holders(): number {
    return this.life.demand.count;
  }

  /**
   * Connects, unless already connecting or open. After a stop or an error it connects again and
   * resumes from `lastEventId` when the stream carried ids.
   */
  readonly start = (): void => {
    if (this.share !== null) {
      // Shared: the connection to (re)start is the leader tab's (this one's if it leads).
      if (!this.life.isActive()) this.share.command('start').catch(() => {});
      return;
    }
    if (this.life.isActive()) return;
    const run = this.life.begin();
    this.firstResponse = null;
    const sharing = this.options.shareAcrossTabs;
    if (sharing !== undefined) return this.joinShare(run, sharing);
    this.watchVisibility();
    if (this.options.whenHidden === 'close' && this.life.environment.isHidden()) {
      this.pausedWhileHidden = true;
      this.life.setStatus('closed');
      return;
    }
    void this.loop(run, false);
  };

  /** Aborts the request and any pending reconnect; status becomes `closed`. No timers remain. */
  readonly stop = (): void => {
    this.share?.leave();
    this.share = null;
    this.mirrored = null;
    this.pausedWhileHidden = false;
    this.unwatchVisibility?.();
    this.unwatchVisibility = null;
    this.halt();
  };

  private halt(): void {
    this.life.halt();
    this.clearAttemptTimer();
    this.controller?.abort(new StreamError('aborted', 'The stream was stopped.'));
    this.controller = null;
    this.life.store.flush();
  }

  /**
   * Joins the tabs sharing this stream (`shareAcrossTabs`); connects on its own when it cannot
   * share here. The sharing code comes with the option's value, so apps that do not share do
   * not bundle it.
   */
  private joinShare(run: number, sharing: TabSharing): void {
    this.share = sharing.sse(this);
    if (this.share === null) void this.loop(run, false);
  }

  private async loop(run: number, resuming: boolean): Promise<void> {
    const life = this.life;
    let reconnecting = resuming;
    for (;;) {
      life.setStatus(reconnecting ? 'reconnecting' : 'connecting');
      const outcome = await this.connect(run, reconnecting);
      if (run !== life.run) return;
      if (outcome === 'done') {
        life.setStatus('closed');
        life.store.flush();
        life.events.emit('end', undefined, this.options.onEnd);
        return;
      }
      const resumable = this.lastEventId !== '';
      const retry = await life.fail(run, outcome, {
        final: this.responseStarted && !this.canResend(),
        answered: this.responseStarted && resumable,
        serverRetryMs: this.serverRetryMs,
      });
      if (!retry) return;
      reconnecting = true;
    }
  }

  /** One connection attempt: resolves `'done'` after a terminal event (or 204), else the error. */
  private async connect(run: number, isReconnect: boolean): Promise<'done' | StreamError> {
    const life = this.life;
    const clock = life.clock;
    const controller = new AbortController();
    this.controller = controller;
    this.responseStarted = false;
    life.metrics.attemptStarted(clock.now(), isReconnect);
    life.store.invalidate();

    const {
      firstByteTimeoutMs = DEFAULT_FIRST_BYTE_TIMEOUT_MS,
      idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS,
      maxEventSize = DEFAULT_MAX_EVENT_SIZE,
    } = this.options;
    let lastByteAt = clock.now();
    let gotFirstByte = false;
    // `window` is the configured timeout; `delay` is how long this particular timer waits. They
    // differ once the idle timer re-arms for the rest of a window: the quiet time must still be
    // compared with the whole window (comparing it with the shrinking remainder timed out a
    // stream kept alive by regular comments).
    const armTimer = (window: number, kind: 'first-byte-timeout' | 'idle-timeout', delay = window) => {
      // A superseded attempt must not leave a timer behind (halt() already cleared its own).
      if (window <= 0 || controller.signal.aborted || this.controller !== controller) return;
      this.attemptTimer = clock.setTimeout(() => {
        this.attemptTimer = null;
        if (kind === 'idle-timeout') {
          // Re-arm for the rest of the window instead of resetting a timer on every read.
          const quiet = clock.now() - lastByteAt;
          if (quiet < window) return armTimer(window, kind, window - quiet);
        }
        const message =
          kind === 'first-byte-timeout'
            ? `No response within ${window} ms.`
            : `No data for ${window} ms; the connection looks dead.`;
        controller.abort(new StreamError(kind, message, { timeoutMs: window }));
      }, delay);
    };
    armTimer(firstByteTimeoutMs, 'first-byte-timeout');
    let stopReading: (() => void) | null = null;

    try {
      const request = await this.buildRequest(controller.signal, isReconnect);
      if (run !== life.run) return this.abortedError(controller);
      const fetchImpl = this.options.fetch ?? globalThis.fetch;
      const response = await fetchImpl(request.url, request.init);

      if (response.status === 204) {
        // The spec's "stop reconnecting" signal.
        discard(response.body);
        return 'done';
      }
      if (!response.ok) {
        discard(response.body);
        return errorForStatus(response);
      }
      const type = mediaType(response);
      const textMode = this.options.acceptText === true && type === 'text/plain';
      if (type !== 'text/event-stream' && !textMode) {
        discard(response.body);
        return contentTypeError(response, type);
      }
      if (response.body === null) {
        return new StreamError('truncated', 'The server sent no response body.');
      }

      this.responseStarted = true;
      life.opened(clock.now());
      life.setStatus('open');
      const info: SSEOpenInfo = { status: response.status, headers: response.headers, contentType: response.headers.get('content-type') };
      this.firstResponse ??= info;
      life.events.emit('open', info, this.options.onOpen);
      if (run !== life.run) return this.abortedError(controller);

      let terminalSeen = false;
      // Events dispatched by the current read. They are all stamped with the read's arrival time
      // (they did arrive together) as one metrics burst: a clock read per event was most of the
      // client's per-event overhead, and recording each event's gap was the next largest part.
      let dispatched = 0;
      let tooLarge = false;
      const isTerminal = this.options.isTerminal === undefined ? isDefaultTerminalEvent : this.options.isTerminal;
      // The per-event path. The parser calls it directly with its own message (no function of
      // ours in between), and it builds the one public event object itself: each event is a
      // new object that listeners may keep. Everything it calls is a method or module function,
      // which the JIT inlines here; a per-connection closure in between could not be inlined.
      const onMessage = (message: EventSourceMessage) => {
        // A listener may have stopped us, or the stream already ended, earlier in this read.
        if (run !== life.run || terminalSeen) return;
        // `this.lastEventId` is the stream's last event id here: the parser reports a block's
        // id before its event, and onId below takes it under the same guard as this.
        const event = toSSEEvent(message, this.lastEventId);
        dispatched++;
        life.metrics.burstEvent();
        this.emitEvent(event);
        if (isTerminal !== false && isTerminal(event)) terminalSeen = true;
      };
      const decoder = textMode
        ? // One message per read: the per-event shortcut does not matter here.
          new TextChunkDecoder((text) => onMessage({ event: 'text', data: text }))
        : new SSEDecoder(
            {
              onId: (id) => {
                // Same guard as events: an id after a stop or after the terminal event belongs to an
                // event nobody received, and resuming from it would skip that event.
                if (run !== life.run || terminalSeen) return;
                this.lastEventId = id;
              },
              onRetry: (ms) => {
                this.serverRetryMs = ms;
              },
              onTooLarge: () => {
                tooLarge = true;
              },
              onMessage,
            },
            this.lastEventId,
            maxEventSize,
          );

      const reader = response.body.getReader();
      // Not every fetch ends the body when its signal aborts (mocked and polyfilled ones may
      // leave read() pending forever): cancel the reader ourselves so a timeout or stop always
      // ends this loop, and the loop tells that apart from a clean end by the signal.
      stopReading = () => discard(reader, controller.signal.reason);
      controller.signal.addEventListener('abort', stopReading, { once: true });
      for (;;) {
        const { done, value } = await reader.read();
        if (run !== life.run || controller.signal.aborted) {
          discard(reader);
          return this.abortedError(controller);
        }
        if (done) break;
        // An empty chunk carries no byte: it must neither count as the first byte (which would
        // swap the first-byte timeout for the idle one) nor as a sign of life.
        if (value.byteLength === 0) continue;
        lastByteAt = clock.now();
        if (!gotFirstByte) {
          gotFirstByte = true;
          this.clearAttemptTimer();
          armTimer(idleTimeoutMs, 'idle-timeout');
        }
        life.metrics.bytesReceived(value.byteLength, lastByteAt);
        life.metrics.startBurst(lastByteAt);
        dispatched = 0;
        decoder.push(value);
        if (dispatched > 0) life.progress(lastByteAt);
        if (tooLarge) {
          // The parser dropped what it held and stopped: let go of the body too.
          discard(reader);
          return new StreamError('too-large', `An event grew past ${maxEventSize} characters without ending; the stream was closed.`);
        }
        // After the push, so the snapshot published now (or at the next frame) has its events.
        life.store.invalidate();
        if (run !== life.run) {
          discard(reader);
          return this.abortedError(controller);
        }
        if (terminalSeen) {
          // Done: let go of the connection even if the server keeps it open.
          discard(reader);
          return 'done';
        }
      }
      decoder.end();
      // A plain text body has no end marker: its end is the reply's end.
      return terminalSeen || textMode
        ? 'done'
        : new StreamError('truncated', 'The stream closed before its end event; the reply may be incomplete.');
    } catch (cause) {
      if (controller.signal.aborted) return this.abortedError(controller);
      if (isStreamError(cause)) return cause;
      return new StreamError('network', 'The connection failed or was interrupted.', { cause });
    } finally {
      if (stopReading !== null) controller.signal.removeEventListener('abort', stopReading);
      if (this.responseStarted) life.dropped(clock.now());
      if (this.controller === controller) {
        this.clearAttemptTimer();
        this.controller = null;
      }
    }
  }

  private clearAttemptTimer(): void {
    if (this.attemptTimer === null) return;
    this.life.clock.clearTimeout(this.attemptTimer);
    this.attemptTimer = null;
  }

  private abortedError(controller: AbortController): StreamError {
    const reason: unknown = controller.signal.reason;
    return isStreamError(reason) ? reason : new StreamError('aborted', 'The stream was stopped.');
  }

  /** The URL and init of one attempt; a function of the app's that throws is a `callback` error. */
  private async buildRequest(signal: AbortSignal, isReconnect: boolean): Promise<{ url: string | URL; init: RequestInit }> {
    const { credentials, resume } = this.options;
    const resumed =
      isReconnect && resume !== undefined && this.lastEventId !== ''
        ? await callingUserCode('resume', async () =>
            resume({ lastEventId: this.lastEventId, attempt: this.life.failures, firstResponse: this.firstResponse }),
          )
        : null;
    const method = resumed?.method ?? this.options.method ?? 'GET';
    const headers = await callingUserCode('headers', async () => new Headers(await resolve(this.options.headers)));
    if (resumed?.headers !== undefined) new Headers(resumed.headers).forEach((value, name) => headers.set(name, value));
    if (!headers.has('accept')) headers.set('accept', 'text/event-stream');
    // Sent as its UTF-8 bytes, as EventSource does: fetch rejects header text outside Latin-1.
    if (this.lastEventId !== '') headers.set('last-event-id', headerByteString(this.lastEventId));
    const init: RequestInit = { method, headers, signal };
    if (credentials !== undefined) init.credentials = credentials;
    if (!IDEMPOTENT_METHODS.has(method.toUpperCase())) {
      const body =
        resumed != null && 'body' in resumed
          ? resumed.body
          : await callingUserCode('body', async () => resolve(this.options.body));
      if (body !== undefined && body !== null) init.body = body;
    }
    return { url: resumed?.url ?? this.options.url, init };
  }

  /** May the request be sent again once the server has answered? */
  private canResend(): boolean {
    const method = (this.options.method ?? 'GET').toUpperCase();
    return IDEMPOTENT_METHODS.has(method) || this.lastEventId !== '' || this.options.retryPost === true;
  }

  private watchVisibility(): void {
    if (this.options.whenHidden !== 'close' || this.unwatchVisibility) return;
    const environment = this.life.environment;
    this.unwatchVisibility = environment.onVisibilityChange(() => {
      if (environment.isHidden()) {
        // A request in flight that could not be re-sent stays open: a POST may already be
        // running on the server before its first response byte, so closing it now and sending
        // it again on return would run it twice.
        if (!this.life.isActive() || (this.controller !== null && !this.canResend())) return;
        this.pausedWhileHidden = true;
        this.halt();
      } else if (this.pausedWhileHidden) {
        this.pausedWhileHidden = false;
        void this.loop(this.life.resume(), true);
      }
    });
  }

  /** The per-event path of the emitter, kept free of its type dispatch. */
  private emitEvent(event: SSEEvent): void {
    const own = this.options.onEvent;
    if (own !== undefined) safely(own, event);
    const set = this.eventListeners;
    if (set.size > 0) for (const listener of set) safely(listener, event);
  }

  private buildSnapshot(life: ConnectionLifecycle<SSESnapshot, Events>): SSESnapshot {
    return {
      status: life.status,
      error: life.error,
      lastEventId: this.lastEventId,
      attempt: this.mirrored?.attempt ?? life.failures,
      metrics: this.mirrored?.metrics ?? life.metrics.snapshot(),
    };
  }
}
