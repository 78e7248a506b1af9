/** An opaque timer handle, as returned by {@link Clock.setTimeout}. */
export type TimerHandle = unknown;

/**
 * Time as the core sees it. Injected so tests drive time and so nothing in the core touches
 * globals at import time (server rendering imports the package without a DOM).
 */
export interface Clock {
  /** Milliseconds, monotonic where the platform allows. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The platform clock: `performance.now()` and the global timers, looked up at call time. */
export const systemClock: Clock = {
  now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
