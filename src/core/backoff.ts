/** How a transport waits between reconnection attempts. */
export interface BackoffOptions {
  /** First delay, and the base the exponential growth starts from. Default 1,000 ms. */
  initialDelayMs?: number;
  /** Upper bound of any single delay. Default 30,000 ms. */
  maxDelayMs?: number;
  /**
   * Retries allowed after a failed request, in a row without progress. The first request is not
   * counted: `2` sends at most 3 requests (the first and 2 retries) before giving up with
   * `willRetry: false`, and `0` never retries. The count starts over when an event arrives, or
   * when a connection that stayed open for `stableAfterMs` drops; attempts of a resumable stream
   * that the server answered are not counted (`maxElapsedMs` still applies). Default 10.
   * `Infinity` never gives up on the count.
   */
  maxAttempts?: number;
  /** Give up once this long has passed since the last successful event. Default 5 minutes. */
  maxElapsedMs?: number;
  /**
   * A connection that stayed open this long was healthy, whether or not anything arrived on it
   * (a quiet feed, a socket the client only writes to): when it drops, the attempt counter and
   * the `maxElapsedMs` clock start over. Default 10,000 ms.
   */
  stableAfterMs?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxAttempts: 10,
  maxElapsedMs: 5 * 60_000,
  stableAfterMs: 10_000,
};

/**
 * "Full jitter" exponential backoff: a uniformly random delay in [0, min(cap, base·2^n)].
 * Spreads reconnecting clients out so a restarted server is not hit by all of them at once.
 *
 * @param failures consecutive failures so far (0 for the first retry)
 * @param random injectable for tests; returns a number in [0, 1)
 */
export function fullJitterDelay(
  failures: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(failures, 30));
  return Math.floor(random() * ceiling);
}
