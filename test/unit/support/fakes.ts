/**
 * Deterministic stand-ins for the things SSEClient lets tests inject: time, frames, the
 * browser's online/visibility signals, and a response body the test writes by hand.
 */
import type { Clock } from '../../../src/core/clock.js';
import type { StreamEnvironment } from '../../../src/core/environment.js';
import type { FrameSource } from '../../../src/core/frames.js';

interface FakeTimer {
  id: number;
  at: number;
  callback: () => void;
}

/** A clock that only moves when told to, and counts the timers still pending. */
export class FakeClock implements Clock {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, FakeTimer>();
  /** Every delay ever passed to setTimeout, in order (to check backoff decisions). */
  readonly delays: number[] = [];

  now = (): number => this.time;

  setTimeout = (callback: () => void, ms: number): number => {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.time + Math.max(0, ms), callback });
    this.delays.push(ms);
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** Timers scheduled and neither fired nor cleared. */
  get pending(): number {
    return this.timers.size;
  }

  /** The time of the next timer, if any. */
  get nextAt(): number | undefined {
    let min: number | undefined;
    for (const timer of this.timers.values()) if (min === undefined || timer.at < min) min = timer.at;
    return min;
  }

  /** Moves time forward by `ms`, firing due timers in order (timers they set included). */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      let due: FakeTimer | undefined;
      for (const timer of this.timers.values()) {
        if (timer.at <= target && (due === undefined || timer.at < due.at || (timer.at === due.at && timer.id < due.id))) {
          due = timer;
        }
      }
      if (due === undefined) break;
      this.timers.delete(due.id);
      this.time = due.at;
      due.callback();
    }
    this.time = target;
  }
}

/** Frames that only fire when the test steps them. */
export class ManualFrames implements FrameSource {
  private nextId = 1;
  private readonly callbacks = new Map<number, () => void>();
  /** How many frames have fired. */
  fired = 0;

  request = (callback: () => void): number => {
    const id = this.nextId++;
    this.callbacks.set(id, callback);
    return id;
  };

  cancel = (handle: unknown): void => {
    this.callbacks.delete(handle as number);
  };

  get pending(): number {
    return this.callbacks.size;
  }

  /** Fires one frame: every callback requested before this call. */
  step(): void {
    const due = [...this.callbacks.values()];
    this.callbacks.clear();
    this.fired++;
    for (const callback of due) callback();
  }
}

/** Online/visibility the test flips by hand. */
export class FakeEnvironment implements StreamEnvironment {
  online = true;
  hidden = false;
  private readonly onlineListeners = new Set<() => void>();
  private readonly visibilityListeners = new Set<() => void>();

  isOnline = (): boolean => this.online;
  isHidden = (): boolean => this.hidden;

  onOnline = (callback: () => void): (() => void) => {
    this.onlineListeners.add(callback);
    return () => this.onlineListeners.delete(callback);
  };

  onVisibilityChange = (callback: () => void): (() => void) => {
    this.visibilityListeners.add(callback);
    return () => this.visibilityListeners.delete(callback);
  };

  setOnline(online: boolean): void {
    this.online = online;
    if (online) for (const listener of [...this.onlineListeners]) listener();
  }

  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    for (const listener of [...this.visibilityListeners]) listener();
  }

  get listenerCount(): number {
    return this.onlineListeners.size + this.visibilityListeners.size;
  }
}

const encoder = new TextEncoder();

/** A response body the test writes to by hand (text is UTF-8 encoded). */
export class ManualBody {
  readonly stream: ReadableStream<Uint8Array>;
  cancelled = false;
  private controller!: ReadableStreamDefaultController<Uint8Array>;

  constructor() {
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      cancel: () => {
        this.cancelled = true;
      },
    });
  }

  push(chunk: string | Uint8Array): void {
    if (this.cancelled) return;
    this.controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  }

  close(): void {
    if (!this.cancelled) this.controller.close();
  }

  fail(): void {
    if (!this.cancelled) this.controller.error(new TypeError('socket hang up'));
  }
}

/**
 * A `text/event-stream` response over `body`. Chunked framing is declared because MSW's Node
 * interceptor otherwise sends a close-delimited body, and Node's fetch asserts when such a
 * mocked body is aborted (see src/msw/sse.ts).
 */
export function eventStreamResponse(body: BodyInit | null, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(body, {
    status: init.status ?? 200,
    headers: { 'content-type': 'text/event-stream', 'transfer-encoding': 'chunked', ...init.headers },
  });
}

/** A body that yields `chunks` one read each, then ends. */
export function chunkedBody(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(chunks[index++]!);
      else controller.close();
    },
  });
}

/** Lets pending promise callbacks and I/O callbacks run. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
