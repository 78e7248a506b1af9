import type { Clock } from '../clock.js';

/**
 * The platform clock on the wall-time scale (`Date.now()`): order times are server timestamps,
 * so "late" and "stale" compare against epoch milliseconds, not `performance.now()`.
 * Inject a fake {@link Clock} whose `now()` is epoch ms in tests, stories and replays.
 */
export const wallClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
