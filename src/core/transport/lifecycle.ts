import { DEFAULT_BACKOFF, fullJitterDelay, type BackoffOptions } from '../backoff.js';
import { BatchedStore } from '../batched-store.js';
import { systemClock, type Clock, type TimerHandle } from '../clock.js';
import { ConnectionDemand } from '../demand.js';
import { Emitter } from '../emitter.js';
import { browserEnvironment, type StreamEnvironment } from '../environment.js';
import { isRetryableError, type ShouldRetry, type StreamError } from '../errors.js';
import { platformFrames, type FrameSource } from '../frames.js';
import { MetricsRecorder } from '../metrics.js';
import type { StreamStatus } from './status.js';

/** The options every connection shares (read again at every decision, so `setOptions` applies). */
export interface LifecyclePolicy {
  /** Reconnection policy, or `false` to never reconnect by itself. */
  retry?: BackoffOptions | false | undefined;
  /**
   * Replaces the default retry rule ({@link isRetryableError}): return `true` to retry `error`.
   * `attempt` is the 1-based number of the attempt that failed. The retry budget (`maxAttempts`,
   * `maxElapsedMs`) and the rule that a started non-resumable POST is never re-sent still apply;
   * a `stop()` is never retried.
   */
  shouldRetry?: ShouldRetry | undefined;
  /** Injectable randomness for the backoff jitter (tests). */
  random?: (() => number) | undefined;
  /** Called once per connection error; `error.willRetry` says whether a reconnect follows. */
  onError?: ((error: StreamError) => void) | undefined;
}

/** What the transport knows about a failed attempt that the retry rule cannot see in the error. */
export interface FailedAttempt {
  /** The request may not be sent again (a started POST without event ids). Default false. */
  final?: boolean;
  /**
   * The server answered this attempt of a resumable stream: it does not count against
   * `maxAttempts` (a flapping connection may drop before the page reads what the server sent,
   * so the attempt can look empty although the server is fine). `maxElapsedMs` still bounds it.
   */
  answered?: boolean;
  /** The server's own reconnection time (SSE `retry:`), the base of the backoff. */
  serverRetryMs?: number | undefined;
}

interface LifecycleSetup<S> {
  clock?: Clock | undefined;
  environment?: StreamEnvironment | undefined;
  frames?: FrameSource | undefined;
  /** The client's snapshot, rebuilt at publication (from this lifecycle's state and its own). */
  snapshot: (life: ConnectionLifecycle<S, any>) => S;
  /** The client's current options. */
  policy: () => LifecyclePolicy;
  /** Stops the client when its last holder lets go. */
  release: () => void;
}

/**
 * The connection lifecycle every transport shares: status, the run token that retires stale
 * async work, the frame-batched snapshot store, listeners, holders, metrics, and the one retry
 * decision with its backoff wait (online/offline aware). Transports keep only what differs: how
 * to open a connection and read from it.
 *
 * Status: `idle` → `connecting` → `open` → (`reconnecting` → `open`)* → `closed` | `error`.
 */
export class ConnectionLifecycle<S, Events extends { error: StreamError }> {
  status: StreamStatus = 'idle';
  /** The latest connection error (also while reconnecting); cleared by progress. */
  error: StreamError | null = null;
  /** Consecutive failed attempts: the backoff exponent and the reported attempt number. */
  failures = 0;
  /** Bumped by every start/stop: async work from an older run sees the change and quits. */
  run = 0;
  readonly clock: Clock;
  readonly environment: StreamEnvironment;
  readonly metrics = new MetricsRecorder();
  readonly store: BatchedStore<S>;
  readonly events = new Emitter<Events>();
  readonly demand: ConnectionDemand;
  /** Failed attempts that count against `maxAttempts` (answered resumable ones do not). */
  private strikes = 0;
  private lastProgressAt = 0;
  private openedAt: number | null = null;
  private cancelWait: (() => void) | null = null;
  private readonly policy: () => LifecyclePolicy;

  constructor(setup: LifecycleSetup<S>) {
    this.clock = setup.clock ?? systemClock;
    this.environment = setup.environment ?? browserEnvironment;
    this.policy = setup.policy;
    this.store = new BatchedStore(() => setup.snapshot(this), setup.frames ?? platformFrames(this.clock));
    this.demand = new ConnectionDemand(setup.release);
  }

  isActive(): boolean {
    return this.status === 'connecting' || this.status === 'open' || this.status === 'reconnecting';
  }

  /** A new run (start): the counters and the give-up clock start over. Returns the run token. */
  begin(): number {
    this.failures = 0;
    this.strikes = 0;
    this.error = null;
    this.openedAt = null;
    this.lastProgressAt = this.clock.now();
    this.metrics.reset();
    return ++this.run;
  }

  /** Retires the current run and any pending retry wait; an active status becomes `closed`. */
  halt(): void {
    this.run++;
    this.openedAt = null;
    this.cancelWait?.();
    if (this.isActive()) this.setStatus('closed');
  }

  /** Resumes after a pause (hidden tab): a new run token, the give-up clock restarted. */
  resume(): number {
    this.lastProgressAt = this.clock.now();
    return ++this.run;
  }

  setStatus(status: StreamStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.store.invalidate();
  }

  /** Something arrived: the stream is healthy, the counters and the give-up clock start over. */
  progress(now: number): void {
    this.failures = 0;
    this.strikes = 0;
    this.error = null;
    this.lastProgressAt = now;
  }

  /** The connection is open (for the stable-period rule). */
  opened(now: number): void {
    this.openedAt = now;
  }

  /**
   * The open connection dropped. One that stayed up for `stableAfterMs` was healthy even if
   * nothing arrived on it, so it counts as progress: otherwise a quiet feed would creep towards
   * `maxAttempts` one healthy connection at a time and give up for good.
   */
  dropped(now: number): void {
    const openedAt = this.openedAt;
    this.openedAt = null;
    if (openedAt === null) return;
    const { retry } = this.policy();
    const stableAfterMs = (retry === false ? undefined : retry?.stableAfterMs) ?? DEFAULT_BACKOFF.stableAfterMs;
    if (now - openedAt >= stableAfterMs) this.progress(now);
  }

  /**
   * Records a failed attempt of run `run`, reports it (`onError` and the error listeners, with
   * `willRetry` and `attempt`), then waits out the backoff. Resolves true when the transport
   * should connect again, false when it gave up (status `error`) or was stopped meanwhile.
   */
  async fail(run: number, error: StreamError, attempt: FailedAttempt = {}): Promise<boolean> {
    const delay = this.retryDelay(error, attempt);
    const reported = error.with({ willRetry: delay !== null, attempt: this.failures + 1 });
    this.error = reported;
    this.failures++;
    if (attempt.answered !== true) this.strikes++;
    this.events.emit('error', reported as Events['error'], this.policy().onError);
    if (run !== this.run) return false;
    if (delay === null) {
      this.setStatus('error');
      this.store.flush();
      return false;
    }
    this.setStatus('reconnecting');
    return this.waitToRetry(run, delay);
  }

  /** The one retry decision: the wait before the next attempt, or null to give up. */
  private retryDelay(error: StreamError, attempt: FailedAttempt): number | null {
    const { retry, shouldRetry = isRetryableError, random } = this.policy();
    if (retry === false || error.kind === 'aborted' || attempt.final === true) return null;
    if (!shouldRetry(error, this.failures + 1)) return null;
    const policy = { ...DEFAULT_BACKOFF, ...retry };
    if (attempt.answered !== true && this.strikes >= policy.maxAttempts) return null;
    const { serverRetryMs } = attempt;
    let delay: number;
    if (serverRetryMs !== undefined) {
      // The server's `retry:` is the reconnection time; back off from it if failures repeat.
      delay =
        this.failures === 0 ? serverRetryMs : serverRetryMs + fullJitterDelay(this.failures, serverRetryMs, policy.maxDelayMs, random);
    } else {
      delay = fullJitterDelay(this.failures, policy.initialDelayMs, policy.maxDelayMs, random);
    }
    if (error.retryAfterMs !== undefined) delay = Math.max(delay, error.retryAfterMs);
    if (this.clock.now() - this.lastProgressAt + delay > policy.maxElapsedMs) return null;
    return delay;
  }

  /** Waits `delay` (or, while offline, until back online). False when stopped meanwhile. */
  private waitToRetry(run: number, delay: number): Promise<boolean> {
    return new Promise((done) => {
      let timer: TimerHandle | null = null;
      const finish = (proceed: boolean) => {
        if (timer !== null) this.clock.clearTimeout(timer);
        timer = null;
        stopListening();
        this.cancelWait = null;
        done(proceed && run === this.run);
      };
      // Back online: the network is likely fine again, retry at once.
      const stopListening = this.environment.onOnline(() => finish(true));
      this.cancelWait = () => finish(false);
      // Offline (now, or by the time the delay is over): an attempt would only fail and spend a
      // retry, so wait for the `online` signal instead.
      if (this.environment.isOnline()) {
        timer = this.clock.setTimeout(() => {
          timer = null;
          if (this.environment.isOnline()) finish(true);
        }, delay);
      }
    });
  }
}
