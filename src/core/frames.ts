import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

/** Something that calls back once per rendered frame: `requestAnimationFrame` in a browser. */
export interface FrameSource {
  request(callback: () => void): unknown;
  cancel(handle: unknown): void;
}

/** One frame at 60 Hz; what we fall back to where there is no `requestAnimationFrame`. */
const FALLBACK_FRAME_MS = 16;

/**
 * `requestAnimationFrame` when the platform has it (looked up at call time: safe to import on a
 * server), otherwise a 16 ms timer on the given clock.
 */
export function platformFrames(clock: Clock = systemClock): FrameSource {
  return {
    request(callback) {
      if (typeof globalThis.requestAnimationFrame === 'function') {
        return { raf: globalThis.requestAnimationFrame(() => callback()) };
      }
      return { timer: clock.setTimeout(callback, FALLBACK_FRAME_MS) };
    },
    cancel(handle) {
      const h = handle as { raf?: number; timer?: unknown };
      if (h.raf !== undefined) globalThis.cancelAnimationFrame(h.raf);
      else clock.clearTimeout(h.timer);
    },
  };
}
