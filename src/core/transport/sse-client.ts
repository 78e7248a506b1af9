import { DEFAULT_BACKOFF, fullJitterDelay, type BackoffOptions } from '../backoff.js';
import { BatchedStore } from '../batched-store.js';
import { systemClock, type Clock, type TimerHandle } from '../clock.js';
import { ConnectionDemand } from '../demand.js';
import { browserEnvironment, type StreamEnvironment } from '../environment.js';
import { StreamError, isStreamError } from '../errors.js';
import { platformFrames, type FrameSource } from '../frames.js';
import { MetricsRecorder, type StreamMetrics } from '../metrics.js';
import { contentTypeError, errorForStatus, isEventStream, isPlainText, isRetryableStatus } from './http-errors.js';
import { SSEDecoder, toSSEEvent, type EventSourceMessage, type SSEEvent } from './sse-events.js';
import { TextChunkDecoder } from './text-chunks.js';
import type { StreamStatus } from './status.js';

export type { SSEEvent } from './sse-events.js';

/** A value, or a function (sync or async) called to get it on every connection attempt. */
export type Resolvable<T> = T | (() => T | Promise<T>);

/** Default first-byte timeout: generous, LLMs can think for a long time before answering. */
export const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 60_000;
/** Default idle timeout: any byte resets it, so servers that send `: ping` comments stay up. */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

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

/** Options of {@link SSEClient}. Defaults are chosen for LLM streams over flaky networks. */
export interface SSEClientOptions extends SSERequestOptions {
  url: string | URL;
  /** Reconnection policy, or `false` to never reconnect by itself. */
  retry?: BackoffOptions | false;
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

type Listeners = {
  event: Set<(event: SSEEvent) => void>;
  open: Set<(info: SSEOpenInfo) => void>;
  end: Set<() => void>;
  error: Set<(error: StreamError) => void>;
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
  private status: StreamStatus = 'idle';
  private error: StreamError | null = null;
  private lastEventId = '';
  private serverRetryMs: number | undefined;
  private failures = 0;
  private lastProgressAt = 0;
  /** Bumped by every start/stop: async work from an older run sees the change and quits. */
  private run = 0;
  private controller: AbortController | null = null;
  /** The current attempt's first-byte/idle timer; cleared by `halt()` at once, so stop leaves no timers. */
  private attemptTimer: TimerHandle | null = null;
  private cancelWait: (() => void) | null = null;
  private responseStarted = false;
  private pausedWhileHidden = false;
  private unwatchVisibility: (() => void) | null = null;
  private readonly clock: Clock;
  private readonly environment: StreamEnvironment;
  private readonly metrics = new MetricsRecorder();
  private readonly store: BatchedStore<SSESnapshot>;
  private readonly listeners: Listeners = { event: new Set(), open: new Set(), end: new Set(), error: new Set() };
  private readonly demand = new ConnectionDemand(() => this.stop());

  constructor(options: SSEClientOptions) {
    this.options = { ...options };
    this.clock = options.clock ?? systemClock;
    this.environment = options.environment ?? browserEnvironment;
    this.store = new BatchedStore(() => this.buildSnapshot(), options.frames ?? platformFrames(this.clock));
  }

  /** Current state. Stable between notifications, so it can feed `useSyncExternalStore`. */
  readonly getSnapshot = (): SSESnapshot => this.store.getSnapshot();

  /** Subscribes to snapshot changes (frame-batched). Returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  /** Adds a listener for every event / each open / each error. Returns the remove function. */
  on(type: 'event', listener: (event: SSEEvent) => void): () => void;
  on(type: 'open', listener: (info: SSEOpenInfo) => void): () => void;
  on(type: 'end', listener: () => void): () => void;
  on(type: 'error', listener: (error: StreamError) => void): () => void;
  on(type: keyof Listeners, listener: (arg: never) => void): () => void {
    const set = this.listeners[type] as Set<(arg: never) => void>;
    set.add(listener);
    return () => set.delete(listener);
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
    return this.demand.retain();
  }

  /** How many holders currently retain this client. */
  get holders(): number {
    return this.demand.count;
  }

  /**
   * Connects, unless already connecting or open. After a stop or an error it connects again and
   * resumes from `lastEventId` when the stream carried ids.
   */
  readonly start = (): void => {
    if (this.isActive()) return;
    const run = ++this.run;
    this.failures = 0;
    this.error = null;
    this.lastProgressAt = this.clock.now();
    this.metrics.reset();
    this.watchVisibility();
    if (this.options.whenHidden === 'close' && this.environment.isHidden()) {
      this.pausedWhileHidden = true;
      this.setStatus('closed');
      return;
    }
    void this.loop(run, false);
  };

  /** Aborts the request and any pending reconnect; status becomes `closed`. No timers remain. */
  readonly stop = (): void => {
    this.pausedWhileHidden = false;
    this.unwatchVisibility?.();
    this.unwatchVisibility = null;
    this.halt();
  };

  private isActive(): boolean {
    return this.status === 'connecting' || this.status === 'open' || this.status === 'reconnecting';
  }

  private halt(): void {
    this.run++;
    this.clearAttemptTimer();
    this.controller?.abort(new StreamError('aborted', 'The stream was stopped.'));
    this.controller = null;
    this.cancelWait?.();
    if (this.isActive()) this.setStatus('closed');
    this.store.flush();
  }

  private async loop(run: number, resuming: boolean): Promise<void> {
    let reconnecting = resuming;
    for (;;) {
      this.setStatus(reconnecting ? 'reconnecting' : 'connecting');
      const outcome = await this.connect(run, reconnecting);
      if (run !== this.run) return;
      if (outcome === 'done') {
        this.setStatus('closed');
        this.store.flush();
        this.emit('end');
        return;
      }
      const delay = this.retryDelay(outcome);
      const error = outcome.with({ willRetry: delay !== null, attempt: this.failures + 1 });
      this.error = error;
      this.failures++;
      this.emit('error', error);
      if (run !== this.run) return;
      if (delay === null) {
        this.setStatus('error');
        this.store.flush();
        return;
      }
      this.setStatus('reconnecting');
      reconnecting = true;
      if (!(await this.waitToRetry(run, delay))) return;
    }
  }

  /** One connection attempt: resolves `'done'` after a terminal event (or 204), else the error. */
  private async connect(run: number, isReconnect: boolean): Promise<'done' | StreamError> {
    const controller = new AbortController();
    this.controller = controller;
    this.responseStarted = false;
    this.metrics.attemptStarted(this.clock.now(), isReconnect);
    this.store.invalidate();

    const { firstByteTimeoutMs = DEFAULT_FIRST_BYTE_TIMEOUT_MS, idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS } =
      this.options;
    let lastByteAt = this.clock.now();
    let gotFirstByte = false;
    // `window` is the configured timeout; `delay` is how long this particular timer waits. They
    // differ once the idle timer re-arms for the rest of a window: the quiet time must still be
    // compared with the whole window (comparing it with the shrinking remainder timed out a
    // stream kept alive by regular comments).
    const armTimer = (window: number, kind: 'first-byte-timeout' | 'idle-timeout', delay = window) => {
      // A superseded attempt must not leave a timer behind (halt() already cleared its own).
      if (window <= 0 || controller.signal.aborted || this.controller !== controller) return;
      this.attemptTimer = this.clock.setTimeout(() => {
        this.attemptTimer = null;
        if (kind === 'idle-timeout') {
          // Re-arm for the rest of the window instead of resetting a timer on every read.
          const quiet = this.clock.now() - lastByteAt;
          if (quiet < window) return armTimer(window, kind, window - quiet);
        }
        const message =
          kind === 'first-byte-timeout'
            ? `No response within ${window} ms.`
            : `No data for ${window} ms; the connection looks dead.`;
        controller.abort(new StreamError(kind, message));
      }, delay);
    };
    armTimer(firstByteTimeoutMs, 'first-byte-timeout');
    let stopReading: (() => void) | null = null;

    try {
      let init: RequestInit;
      try {
        init = await this.buildRequest(controller.signal);
      } catch (cause) {
        return new StreamError('auth', 'Building the request failed (the headers or body function threw).', {
          cause,
        });
      }
      if (run !== this.run) return this.abortedError(controller);
      const fetchImpl = this.options.fetch ?? globalThis.fetch;
      const response = await fetchImpl(this.options.url, init);

      if (response.status === 204) {
        // The spec's "stop reconnecting" signal.
        void response.body?.cancel().catch(() => {});
        return 'done';
      }
      if (!response.ok) {
        void response.body?.cancel().catch(() => {});
        return errorForStatus(response);
      }
      const textMode = this.options.acceptText === true && !isEventStream(response) && isPlainText(response);
      if (!isEventStream(response) && !textMode) {
        void response.body?.cancel().catch(() => {});
        return contentTypeError(response);
      }
      if (response.body === null) {
        return new StreamError('truncated', 'The server sent no response body.');
      }

      this.responseStarted = true;
      this.setStatus('open');
      this.emit('open', { status: response.status, headers: response.headers, contentType: response.headers.get('content-type') });
      if (run !== this.run) return this.abortedError(controller);

      let terminalSeen = false;
      // Events dispatched by the current read. They are all stamped with the read's arrival time
      // (they did arrive together) as one metrics burst: a clock read per event was most of the
      // client's per-event overhead, and recording each event's gap was the next largest part.
      let dispatched = 0;
      const isTerminal = this.options.isTerminal === undefined ? isDefaultTerminalEvent : this.options.isTerminal;
      // The per-event path. The parser calls it directly with its own message (no function of
      // ours in between), and it builds the one public event object itself: each event is a
      // new object that listeners may keep. Everything it calls is a method or module function,
      // which the JIT inlines here; a per-connection closure in between could not be inlined.
      const onMessage = (message: EventSourceMessage) => {
        // A listener may have stopped us, or the stream already ended, earlier in this read.
        if (run !== this.run || terminalSeen) return;
        // `this.lastEventId` is the stream's last event id here: the parser reports a block's
        // id before its event, and onId below takes it under the same guard as this.
        const event = toSSEEvent(message, this.lastEventId);
        dispatched++;
        this.metrics.burstEvent();
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
            if (run !== this.run || terminalSeen) return;
            this.lastEventId = id;
          },
          onRetry: (ms) => {
            this.serverRetryMs = ms;
          },
          onMessage,
        },
        this.lastEventId,
      );

      const reader = response.body.getReader();
      // Not every fetch ends the body when its signal aborts (mocked and polyfilled ones may
      // leave read() pending forever): cancel the reader ourselves so a timeout or stop always
      // ends this loop, and the loop tells that apart from a clean end by the signal.
      stopReading = () => void reader.cancel(controller.signal.reason).catch(() => {});
      controller.signal.addEventListener('abort', stopReading, { once: true });
      for (;;) {
        const { done, value } = await reader.read();
        if (run !== this.run || controller.signal.aborted) {
          void reader.cancel().catch(() => {});
          return this.abortedError(controller);
        }
        if (done) break;
        // An empty chunk carries no byte: it must neither count as the first byte (which would
        // swap the first-byte timeout for the idle one) nor as a sign of life.
        if (value.byteLength === 0) continue;
        lastByteAt = this.clock.now();
        if (!gotFirstByte) {
          gotFirstByte = true;
          this.clearAttemptTimer();
          armTimer(idleTimeoutMs, 'idle-timeout');
        }
        this.metrics.bytesReceived(value.byteLength, lastByteAt);
        this.metrics.startBurst(lastByteAt);
        dispatched = 0;
        decoder.push(value);
        if (dispatched > 0) {
          this.failures = 0;
          this.error = null;
          this.lastProgressAt = lastByteAt;
        }
        // After the push, so the snapshot published now (or at the next frame) has its events.
        this.store.invalidate();
        if (run !== this.run) {
          void reader.cancel().catch(() => {});
          return this.abortedError(controller);
        }
        if (terminalSeen) {
          // Done: let go of the connection even if the server keeps it open.
          void reader.cancel().catch(() => {});
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
      if (this.controller === controller) {
        this.clearAttemptTimer();
        this.controller = null;
      }
    }
  }

  private clearAttemptTimer(): void {
    if (this.attemptTimer === null) return;
    this.clock.clearTimeout(this.attemptTimer);
    this.attemptTimer = null;
  }

  private abortedError(controller: AbortController): StreamError {
    const reason: unknown = controller.signal.reason;
    return isStreamError(reason) ? reason : new StreamError('aborted', 'The stream was stopped.');
  }

  private async buildRequest(signal: AbortSignal): Promise<RequestInit> {
    const { method = 'GET', credentials } = this.options;
    const headers = new Headers(await resolve(this.options.headers));
    if (!headers.has('accept')) headers.set('accept', 'text/event-stream');
    if (this.lastEventId !== '') headers.set('last-event-id', this.lastEventId);
    const init: RequestInit = { method, headers, signal };
    if (credentials !== undefined) init.credentials = credentials;
    if (!IDEMPOTENT_METHODS.has(method.toUpperCase())) {
      const body = await resolve(this.options.body);
      if (body !== undefined) init.body = body;
    }
    return init;
  }

  /** The wait before the next attempt, or null when this error must not be retried. */
  private retryDelay(error: StreamError): number | null {
    const { retry } = this.options;
    if (retry === false) return null;
    switch (error.kind) {
      case 'auth':
      case 'content-type':
      case 'aborted':
      case 'parse':
        return null;
      case 'http':
        if (error.status === undefined || !isRetryableStatus(error.status)) return null;
        break;
      default:
        break;
    }
    if (this.responseStarted && !this.canResend()) return null;

    const policy = { ...DEFAULT_BACKOFF, ...retry };
    if (this.failures >= policy.maxAttempts) return null;
    let delay: number;
    if (this.serverRetryMs !== undefined) {
      // The server's `retry:` is the reconnection time; back off from it if failures repeat.
      delay =
        this.failures === 0
          ? this.serverRetryMs
          : this.serverRetryMs +
            fullJitterDelay(this.failures, this.serverRetryMs, policy.maxDelayMs, this.options.random);
    } else {
      delay = fullJitterDelay(this.failures, policy.initialDelayMs, policy.maxDelayMs, this.options.random);
    }
    if (error.retryAfterMs !== undefined) delay = Math.max(delay, error.retryAfterMs);
    if (this.clock.now() - this.lastProgressAt + delay > policy.maxElapsedMs) return null;
    return delay;
  }

  /** May the request be sent again once the server has answered? */
  private canResend(): boolean {
    const method = (this.options.method ?? 'GET').toUpperCase();
    return IDEMPOTENT_METHODS.has(method) || this.lastEventId !== '' || this.options.retryPost === true;
  }

  /** Waits `delay` (or, while offline, until back online). False when stopped meanwhile. */
  private waitToRetry(run: number, delay: number): Promise<boolean> {
    return new Promise((resolvePromise) => {
      let timer: TimerHandle | null = null;
      const finish = (proceed: boolean) => {
        if (timer !== null) this.clock.clearTimeout(timer);
        stopListening();
        this.cancelWait = null;
        resolvePromise(proceed && run === this.run);
      };
      // Back online: the network is likely fine again, retry at once.
      const stopListening = this.environment.onOnline(() => finish(true));
      this.cancelWait = () => finish(false);
      // Offline (now, or by the time the delay is over): an attempt would only fail and burn a
      // retry, so wait for the `online` signal instead.
      if (this.environment.isOnline()) {
        timer = this.clock.setTimeout(() => {
          timer = null;
          if (this.environment.isOnline()) finish(true);
        }, delay);
      }
    });
  }

  private watchVisibility(): void {
    if (this.options.whenHidden !== 'close' || this.unwatchVisibility) return;
    this.unwatchVisibility = this.environment.onVisibilityChange(() => {
      if (this.environment.isHidden()) {
        // A request in flight that could not be re-sent stays open: a POST may already be
        // running on the server before its first response byte, so closing it now and sending
        // it again on return would run it twice.
        if (!this.isActive() || (this.controller !== null && !this.canResend())) return;
        this.pausedWhileHidden = true;
        this.halt();
      } else if (this.pausedWhileHidden) {
        this.pausedWhileHidden = false;
        const run = ++this.run;
        this.lastProgressAt = this.clock.now();
        void this.loop(run, true);
      }
    });
  }

  private setStatus(status: StreamStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.store.invalidate();
  }

  /** The per-event path of {@link emit}, kept free of the type dispatch. */
  private emitEvent(event: SSEEvent): void {
    const own = this.options.onEvent;
    if (own !== undefined) this.call(own as (arg: unknown) => void, event);
    const set = this.listeners.event;
    if (set.size > 0) for (const listener of set) this.call(listener as (arg: unknown) => void, event);
  }

  private emit(type: 'event', event: SSEEvent): void;
  private emit(type: 'open', info: SSEOpenInfo): void;
  private emit(type: 'end'): void;
  private emit(type: 'error', error: StreamError): void;
  private emit(type: keyof Listeners, arg?: SSEEvent | StreamError | SSEOpenInfo): void {
    const own = (
      type === 'event'
        ? this.options.onEvent
        : type === 'open'
          ? this.options.onOpen
          : type === 'end'
            ? this.options.onEnd
            : this.options.onError
    ) as ((arg: unknown) => void) | undefined;
    if (own) this.call(own, arg);
    // Runs once per event: iterate the set directly instead of copying it into an array.
    // A listener added meanwhile is also called (Set iteration semantics); one removed is not.
    const set = this.listeners[type] as Set<(arg: unknown) => void>;
    if (set.size > 0) for (const listener of set) this.call(listener, arg);
  }

  private call(listener: (arg: unknown) => void, arg: unknown): void {
    try {
      listener(arg);
    } catch (error) {
      // A consumer's bug must not corrupt the stream state: report it out of band.
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  private buildSnapshot(): SSESnapshot {
    return {
      status: this.status,
      error: this.error,
      lastEventId: this.lastEventId,
      attempt: this.failures,
      metrics: this.metrics.snapshot(),
    };
  }
}

async function resolve<T>(value: Resolvable<T>): Promise<T> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : value;
}
