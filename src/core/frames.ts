import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

/** Something that calls back once per rendered frame: `requestAnimationFrame` in a browser. */
export interface FrameSource {
  request(callback: () => void): unknown;
  cancel(handle: unknown): void;
}

/** One frame at 60 Hz; what we fall back to where there is no `requestAnimationFrame`. */
const FALLBACK_FRAME_MS = 16;

/** A callback waiting for the next shared frame; `cancel` empties it. */
interface FrameRequest {
  callback: (() => void) | null;
}

/** Everything waiting for the next animation frame, and whether that frame is requested. */
let waiting: FrameRequest[] = [];
let frameRequested = false;

/**
 * One `requestAnimationFrame` callback runs every store's frame work: stores that publish in the
 * same frame (a toast stack and a notification centre, a chat and a feed) then publish in one
 * task, which React renders and commits once, instead of once per store.
 */
function runFrame(): void {
  frameRequested = false;
  const due = waiting;
  waiting = [];
  for (const request of due) {
    const callback = request.callback;
    request.callback = null;
    if (callback === null) continue;
    try {
      callback();
    } catch (error) {
      // One store's failure must not starve the others of their frame; report it as uncaught.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

/**
 * `requestAnimationFrame` when the platform has it (looked up at call time: safe to import on a
 * server), shared by every caller so that all work due in a frame runs in one task; otherwise a
 * 16 ms timer on the given clock.
 */
export function platformFrames(clock: Clock = systemClock): FrameSource {
  return {
    request(callback) {
      if (typeof globalThis.requestAnimationFrame === 'function') {
        const request: FrameRequest = { callback };
        waiting.push(request);
        if (!frameRequested) {
          frameRequested = true;
          globalThis.requestAnimationFrame(runFrame);
        }
        return request;
      }
      return { timer: clock.setTimeout(callback, FALLBACK_FRAME_MS) };
    },
    cancel(handle) {
      const h = handle as Partial<FrameRequest> & { timer?: unknown };
      // A cancelled request stays in the list, emptied; the frame skips it.
      if ('callback' in h) h.callback = null;
      else clock.clearTimeout(h.timer);
    },
  };
}
