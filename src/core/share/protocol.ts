import { StreamError, type StreamErrorInit, type StreamErrorKind } from '../errors.js';

/**
 * The messages tabs exchange on a share's `BroadcastChannel`. Everything posted is listed here:
 * stream messages, connection state, and commands a follower asks the leader to run (with the
 * app's payloads). Never credentials: each tab's leader connects with its own options (headers,
 * auth, tokens), which stay in that tab. `from` is the sender's random tab id; a follower heeds
 * only the tab it knows as the leader.
 */
export type ShareMessage<M, S> =
  /**
   * A tab joined, or answers a new leader: it wants the stream (and these rooms, for sockets).
   * `rejoin`: it followed before and lost track (deposed, or missed a hand-off): send the tail.
   */
  | { t: 'hello'; from: string; rooms?: readonly string[] | undefined; rejoin?: boolean }
  /** A tab took the lock: its state and its last messages, so followers can place themselves. */
  | { t: 'lead'; from: string; state: S; tail: readonly M[] }
  /** The leader's answer to `hello`: where the stream is now (and its tail, for a tab that rejoins). */
  | { t: 'sync'; from: string; to: string; state: S; position: string; tail?: readonly M[] }
  /** Stream messages, in order (one post per network read, not per message). */
  | { t: 'msg'; from: string; batch: readonly M[] }
  /** The leader's connection opened / ended normally / failed (with `willRetry`). */
  | { t: 'open'; from: string; info: unknown }
  | { t: 'end'; from: string }
  | { t: 'error'; from: string; error: WireError }
  /** The leader's connection state (status, error, metrics…); also the answer to `ping`. */
  | { t: 'state'; from: string; state: S }
  /** A follower heard nothing for a while: is the leader alive? (`lost`: it knows no leader.) */
  | { t: 'ping'; from: string; lost: boolean }
  /** A tab leaves (the leader: followers show `reconnecting` until the next one leads). */
  | { t: 'bye'; from: string }
  /** A follower asks the leader `to` to act for it (send, request, join, leave, start). */
  | { t: 'cmd'; from: string; to: string; id: number; op: string; arg?: unknown }
  /** The leader's answer to a `cmd` addressed `to` its tab. */
  | { t: 'reply'; from: string; to: string; id: number; ok: boolean; value?: unknown; error?: WireError };

/** A {@link StreamError} as posted (structured clone keeps no class). */
export interface WireError extends StreamErrorInit {
  kind: StreamErrorKind;
  message: string;
  willRetry: boolean;
}

export function toWireError(error: StreamError): WireError {
  const { kind, message, status, retryAfterMs, closeCode, closeReason, timeoutMs, detail, willRetry, attempt } = error;
  return { kind, message, status, retryAfterMs, closeCode, closeReason, timeoutMs, detail, willRetry, attempt };
}

export function fromWireError(wire: WireError): StreamError {
  const { kind, message, ...init } = wire;
  return new StreamError(kind, message, init);
}

/** Anything thrown, as a wire error (a command's failure on the leader). */
export function toWireFailure(cause: unknown): WireError {
  return cause instanceof StreamError
    ? toWireError(cause)
    : { kind: 'aborted', message: cause instanceof Error ? cause.message : String(cause), willRetry: false };
}

/**
 * A random tab id (not a secret: it only tells tabs apart). Not from the client's injectable
 * `random`: tests pin that one for the backoff, and tabs must never share an id.
 */
export function tabId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
}
