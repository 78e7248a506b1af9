import type { Clock, TimerHandle } from '../clock.js';

/**
 * Application-level keep-alive for a WebSocket. Browsers cannot send protocol ping frames, and
 * a connection through a dead NAT or proxy can look open for minutes: only a reply proves the
 * server still hears us.
 */
export interface HeartbeatOptions {
  /** Time between pings (from one ping to the next). Default 30,000 ms. */
  intervalMs?: number;
  /**
   * How long to wait for the pong, measured from the ping. Missing it closes the socket and
   * reconnects (`idle-timeout`). Default 30,000 ms, so a dead connection is noticed at most
   * 60 s after the last proof of life.
   */
  timeoutMs?: number;
  /** The ping message, or a function building it (e.g. with a timestamp). Default `{ type: 'ping' }`. */
  ping?: unknown;
  /**
   * Recognises the pong among decoded inbound messages. Default: `message.type === 'pong'`.
   * Pongs are consumed by the heartbeat and not passed to `onMessage`.
   */
  isPong?: (message: unknown) => boolean;
}

/** Defaults of {@link HeartbeatOptions} (the heartbeat itself is off unless configured). */
export const DEFAULT_HEARTBEAT = {
  intervalMs: 30_000,
  timeoutMs: 30_000,
  ping: { type: 'ping' } as unknown,
  isPong: (message: unknown): boolean =>
    typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'pong',
};

/** What a running {@link Heartbeat} does to the connection it watches. */
export interface HeartbeatHooks {
  /** Sends one ping message on the socket. */
  sendPing(message: unknown): void;
  /** Called when a pong arrives, with the round-trip time of the ping it answers. */
  onRoundTrip(rttMs: number): void;
  /** Called once when a pong is overdue; the heartbeat has stopped by then. */
  onTimeout(timeoutMs: number): void;
}

/**
 * One connection's ping/pong cycle. At most one timer is pending at any time: either the wait
 * until the next ping, or the pong deadline of the ping in flight.
 */
export class Heartbeat {
  private timer: TimerHandle | null = null;
  private pingSentAt: number | null = null;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly ping: unknown;
  readonly isPong: (message: unknown) => boolean;

  constructor(
    options: HeartbeatOptions,
    private readonly clock: Clock,
    private readonly hooks: HeartbeatHooks,
  ) {
    this.intervalMs = options.intervalMs ?? DEFAULT_HEARTBEAT.intervalMs;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_HEARTBEAT.timeoutMs;
    this.ping = 'ping' in options ? options.ping : DEFAULT_HEARTBEAT.ping;
    this.isPong = options.isPong ?? DEFAULT_HEARTBEAT.isPong;
  }

  /** Starts the cycle: the first ping goes out one interval after the connection opened. */
  start(): void {
    this.stop();
    this.schedulePing(this.intervalMs);
  }

  /** Clears the pending timer. Safe to call repeatedly. */
  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.pingSentAt = null;
  }

  /** Feeds a pong in; returns the measured round-trip time, or null for an unexpected pong. */
  pong(): number | null {
    if (this.pingSentAt === null) return null;
    const now = this.clock.now();
    const rtt = now - this.pingSentAt;
    // Keep the cadence from the ping, not from the pong, so a slow server is not pinged less.
    const nextIn = Math.max(0, this.intervalMs - rtt);
    this.stop();
    this.schedulePing(nextIn);
    this.hooks.onRoundTrip(rtt);
    return rtt;
  }

  private schedulePing(delay: number): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      const message = typeof this.ping === 'function' ? (this.ping as () => unknown)() : this.ping;
      this.pingSentAt = this.clock.now();
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        this.pingSentAt = null;
        this.hooks.onTimeout(this.timeoutMs);
      }, this.timeoutMs);
      this.hooks.sendPing(message);
    }, delay);
  }
}
