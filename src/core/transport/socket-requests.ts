import type { Clock, TimerHandle } from '../clock.js';
import { StreamError } from '../errors.js';

/** Options of one `request()` call. */
export interface SocketRequestOptions {
  /**
   * Reject with a `request-timeout` StreamError if no reply arrives within this time, counted
   * from the call (time spent in the outbound queue included). Default 10,000 ms.
   */
  timeoutMs?: number;
}

/** Default {@link SocketRequestOptions.timeoutMs}. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

interface Pending {
  resolve(reply: unknown): void;
  reject(error: StreamError): void;
  timer: TimerHandle;
  /** Written to the socket: a reply can only come on that connection. */
  sent: boolean;
}

/**
 * Request/reply correlation: each request carries an id, the reply carrying the same id settles
 * it. Ids are unique per client (a prefix random per client, then a counter), so replies to an
 * earlier client sharing the server cannot be mistaken for ours.
 */
export class PendingRequests {
  private readonly pending = new Map<string, Pending>();
  private readonly prefix: string;
  private counter = 0;

  constructor(
    private readonly clock: Clock,
    random: () => number = Math.random,
  ) {
    this.prefix = Math.floor(random() * 2 ** 32).toString(36);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Whether a request with this id awaits its reply. */
  has(id: string): boolean {
    return this.pending.has(id);
  }

  /** A fresh request id. */
  nextId(): string {
    return `${this.prefix}-${++this.counter}`;
  }

  /** Registers a request awaiting its reply; the promise settles by reply, timeout or abort. */
  add(id: string, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        if (!this.pending.delete(id)) return;
        reject(new StreamError('request-timeout', `No reply to request ${id} within ${timeoutMs} ms.`, { timeoutMs }));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, sent: false });
    });
  }

  /** Notes that request `id` went out on the current connection. */
  markSent(id: string): void {
    const entry = this.pending.get(id);
    if (entry) entry.sent = true;
  }

  /** Settles the request `id` with `reply`; false when no request waits for that id. */
  settle(id: unknown, reply: unknown): boolean {
    if (typeof id !== 'string' && typeof id !== 'number') return false;
    const key = String(id);
    const entry = this.pending.get(key);
    if (!entry) return false;
    this.pending.delete(key);
    this.clock.clearTimeout(entry.timer);
    entry.resolve(reply);
    return true;
  }

  /** Rejects one request (e.g. its message was discarded from the queue). */
  fail(id: string, error: StreamError): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    this.clock.clearTimeout(entry.timer);
    entry.reject(error);
  }

  /**
   * The connection dropped: requests already written to it cannot be answered on the next one
   * (the server forgot them), so they fail now. Requests still queued stay pending.
   */
  failSent(error: StreamError): void {
    for (const [id, entry] of [...this.pending]) if (entry.sent) this.fail(id, error);
  }

  /** Rejects everything and clears every timer (the client stopped). */
  failAll(error: StreamError): void {
    for (const id of [...this.pending.keys()]) this.fail(id, error);
  }
}
