/**
 * The kinds of failure a stream can report. Each has one documented retry rule (see README
 * "Errors"): the transports decide from the kind, never from the message text.
 */
export type StreamErrorKind =
  /** The server answered with a non-2xx status (other than 401/403). Retried only for 408, 429 and 5xx. */
  | 'http'
  /** HTTP 401/403, or a WebSocket closed with 1008 or an auth close code. Never retried. */
  | 'auth'
  /**
   * A function you passed threw or rejected while a request was being built (`headers`, `body`,
   * `auth`, `protocols`, the `authQueryParam` value, `prepareRequest`, `resume`). `cause` holds what
   * it threw. Never retried: the same function would most likely throw again.
   */
  | 'callback'
  /**
   * One event (or an unterminated line) grew past `maxEventSize`: a broken server or a proxy that
   * swallowed newlines. The connection is closed before the buffer can eat the page's memory.
   * Never retried: the server would send the same thing again.
   */
  | 'too-large'
  /** The response was not `text/event-stream` (e.g. an HTML error page sent with 200). Never retried. */
  | 'content-type'
  /** A message could not be decoded (malformed JSON). Reported per message; the connection stays up. */
  | 'parse'
  /** The connection failed or dropped (DNS, refused, reset, socket closed abnormally). Retried. */
  | 'network'
  /** No response headers/first byte within `firstByteTimeoutMs`. Retried. */
  | 'first-byte-timeout'
  /** No byte (comments and heartbeats count) for `idleTimeoutMs`, or a missed pong. Retried. */
  | 'idle-timeout'
  /**
   * The stream closed before its protocol's terminal event (`[DONE]`, `end`, `message_stop` …).
   * Retried like a network error: a GET reconnects (as EventSource does, resuming after
   * `Last-Event-ID` when the stream carries ids); a POST only when resumable or `retryPost`.
   */
  | 'truncated'
  /** The caller aborted (`stop()`, unmount, or an aborted signal). Never retried, never reported to `onError`. */
  | 'aborted'
  /** The model provider reported an error inside the stream (Anthropic `error`, OpenAI `response.failed` …). Not retried automatically: `retry()` asks again. */
  | 'provider'
  /** A WebSocket `request()` got no matching reply within its `timeoutMs`. Rejects that request only; never re-sent. */
  | 'request-timeout';

/** Fields every {@link StreamError} may carry besides its kind. */
export interface StreamErrorInit {
  /** HTTP status, for `http` and `auth` errors that came from a response. */
  status?: number | undefined;
  /** How long the server asked us to wait (from `Retry-After`), in milliseconds. */
  retryAfterMs?: number | undefined;
  /** WebSocket close code, for errors that came from a close frame. */
  closeCode?: number | undefined;
  /** WebSocket close reason (server supplied text), for errors that came from a close frame. */
  closeReason?: string | undefined;
  /** The limit that ran out, for `first-byte-timeout`, `idle-timeout` and `request-timeout` errors, in milliseconds. */
  timeoutMs?: number | undefined;
  /** The server's own words: the error text a model provider put in the stream (`provider` errors). */
  detail?: string | undefined;
  /** Whether the client will reconnect by itself after this error. */
  willRetry?: boolean | undefined;
  /** 1-based number of the connection attempt that failed. */
  attempt?: number | undefined;
  /** The underlying error, when there is one (kept for debugging; never shown in `message`). */
  cause?: unknown;
}

/**
 * A typed stream failure. Switch on `kind`; read `status`/`retryAfterMs` for HTTP failures and
 * `willRetry` to know whether the client is already reconnecting.
 *
 * Messages are written by us from the kind and status only: they never contain request
 * headers (tokens) or request bodies, and quote nothing of a response body — except `provider`
 * errors, which quote the error text the server put in the stream for you (e.g. Anthropic's
 * `overloaded_error` message).
 */
export class StreamError extends Error {
  override readonly name = 'StreamError';
  readonly kind: StreamErrorKind;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly closeCode: number | undefined;
  readonly closeReason: string | undefined;
  readonly timeoutMs: number | undefined;
  readonly detail: string | undefined;
  readonly willRetry: boolean;
  readonly attempt: number | undefined;

  constructor(kind: StreamErrorKind, message: string, init: StreamErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.closeCode = init.closeCode;
    this.closeReason = init.closeReason;
    this.timeoutMs = init.timeoutMs;
    this.detail = init.detail;
    this.willRetry = init.willRetry ?? false;
    this.attempt = init.attempt;
  }

  /** A copy with a different retry decision, attempt number, or both (the fields given replace the copy's). */
  with(init: Pick<StreamErrorInit, 'willRetry' | 'attempt'>): StreamError {
    // The error's own fields are its init (`cause` and `message` are not enumerable, so named).
    return new StreamError(this.kind, this.message, { ...this, cause: this.cause, ...init });
  }
}

/**
 * The one retry rule, used by every transport: may a connection that failed with `error` be
 * tried again? Yes for `network`, `first-byte-timeout`, `idle-timeout` and `truncated`, and for
 * `http` 408, 429 and 5xx. Everything else (`auth`, `callback`, `content-type`, `too-large`, other
 * 4xx, `parse`, `provider`, `request-timeout`, `aborted`) would fail the same way again.
 *
 * Transports apply it within the retry budget (`maxAttempts`, `maxElapsedMs`) and never re-send a
 * request that may not be repeated (a started POST without event ids). Pass `shouldRetry` to a
 * client to decide differently for some kinds; the budget and the re-send rule still apply.
 */
export function isRetryableError(error: StreamError): boolean {
  switch (error.kind) {
    case 'network':
    case 'first-byte-timeout':
    case 'idle-timeout':
    case 'truncated':
      return true;
    case 'http':
      return error.status !== undefined && isRetryableStatus(error.status);
    default:
      return false;
  }
}

/** Statuses worth asking again: the server said "later" (408, 429) or failed (5xx). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Decides whether a failed connection is retried (see {@link isRetryableError}, the default).
 * `attempt` is the 1-based number of the attempt that failed. Called only for errors that may be
 * retried at all: the retry budget and the re-send rule are checked around it.
 */
export type ShouldRetry = (error: StreamError, attempt: number) => boolean;

/** True for a {@link StreamError}, also across bundle copies (checks the shape, not the class). */
export function isStreamError(value: unknown): value is StreamError {
  return (
    value instanceof StreamError ||
    (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'StreamError' && 'kind' in value)
  );
}
