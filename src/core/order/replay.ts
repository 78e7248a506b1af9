import type { Clock, TimerHandle } from '../clock.js';
import { deriveOrderFacts, finishOrderState, nextClockChange, type OrderFacts } from './derive.js';
import { createOrderReducer, emptyOrderLog, type OrderLog } from './log.js';
import { TAQUERIA_STEPS } from './steps.js';
import { DEFAULT_POSITION_STALE_MS } from './tracker.js';
import type { OrderConnection, OrderEvent, OrderState, OrderSteps } from './types.js';
import { wallClock } from './wall-clock.js';

/** Options of {@link createOrderReplay}. */
export interface OrderReplayOptions {
  /** Recording time per real time: 2 plays twice as fast, 60 plays a minute per second. Default 1. */
  speed?: number | undefined;
  /** The clock the replay runs on. Default {@link wallClock}. */
  clock?: Clock | undefined;
  /** The flow. Default the taquería flow. */
  steps?: OrderSteps | undefined;
  /** Courier positions older than this (in recording time) are stale. Default 60,000 ms. */
  staleAfterMs?: number | undefined;
  /** Start playing at once. Default false. */
  autoplay?: boolean | undefined;
}

/** What a replay shows. A new object whenever any of it changed. */
export interface OrderReplaySnapshot {
  /** The order as it stood at `position` (late/stale decided on the recording's timeline). */
  state: OrderState;
  playing: boolean;
  speed: number;
  /** Where the replay is, in ms since the recording's first event. */
  position: number;
  /** The recording's length: last event time minus first (ms). */
  duration: number;
  /** Events applied so far. */
  applied: number;
}

/** A replay of a recorded order: a `useSyncExternalStore` source with player controls. */
export interface OrderReplay {
  subscribe(listener: () => void): () => void;
  getSnapshot(): OrderReplaySnapshot;
  play(): void;
  pause(): void;
  /** Jumps to `position` ms after the first event (clamped to 0…duration); keeps playing if it was. */
  seek(position: number): void;
  setSpeed(speed: number): void;
  /** Cancels the timer. */
  destroy(): void;
}

const REPLAY_CONNECTION: OrderConnection = Object.freeze({ status: 'open', topic: 'live', error: null, stale: false });

/**
 * Replays a recorded list of order events (for stories, demos and tests) on an injected clock:
 * events apply when the replay's position passes their `at`, `speed` times faster than the
 * clock. The replay applies them through the same reducer as a live feed, so what it shows is
 * what a tracker would have shown at that moment.
 */
export function createOrderReplay(events: readonly OrderEvent[], options: OrderReplayOptions = {}): OrderReplay {
  const clock = options.clock ?? wallClock;
  const steps = options.steps ?? TAQUERIA_STEPS;
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_POSITION_STALE_MS;
  const reduce = createOrderReducer();
  // Recorded times are the timeline: `receivedAt` from the recording would clamp them, so drop it.
  const timeline = [...events].map(({ receivedAt: _r, ...event }) => event as OrderEvent).sort((a, b) => a.at - b.at);
  const start = timeline[0]?.at ?? 0;
  const duration = timeline.length === 0 ? 0 : timeline[timeline.length - 1]!.at - start;
  const orderId = timeline[0]?.topic ?? '';
  const listeners = new Set<() => void>();
  let speed = positive(options.speed ?? 1);
  let playing = false;
  let position = 0;
  /** Clock time and position when playing last (re)started, to read the position while playing. */
  let anchorClock = 0;
  let anchorPosition = 0;
  let applied = 0;
  let log: OrderLog = emptyOrderLog(orderId);
  let facts: OrderFacts = deriveOrderFacts(log, steps);
  let timer: TimerHandle | null = null;
  let snapshot = makeSnapshot();

  function makeSnapshot(): OrderReplaySnapshot {
    const state = finishOrderState(facts, { now: start + position, staleAfterMs }, REPLAY_CONNECTION);
    return { state, playing, speed, position, duration, applied };
  }

  function advanceTo(target: number): void {
    position = Math.min(Math.max(0, target), duration);
    if (applied > 0 && timeline[applied - 1]!.at - start > position) {
      log = emptyOrderLog(orderId);
      applied = 0;
    }
    const before = applied;
    while (applied < timeline.length && timeline[applied]!.at - start <= position) log = reduce(log, timeline[applied++]!);
    if (applied !== before || before === 0) facts = deriveOrderFacts(log, steps);
  }

  function changed(): void {
    snapshot = makeSnapshot();
    for (const listener of [...listeners]) listener();
  }

  function tick(): void {
    timer = null;
    if (!playing) return;
    advanceTo(anchorPosition + (clock.now() - anchorClock) * speed);
    if (position >= duration) playing = false;
    schedule();
    changed();
  }

  function schedule(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    if (!playing) return;
    let next = applied < timeline.length ? timeline[applied]!.at - start : duration;
    const flip = nextClockChange(facts, { now: start + position, staleAfterMs });
    if (flip !== null && flip - start < next) next = flip - start;
    timer = clock.setTimeout(tick, Math.max(0, (next - position) / speed));
  }

  function restartAnchor(): void {
    anchorClock = clock.now();
    anchorPosition = position;
  }

  advanceTo(0);
  snapshot = makeSnapshot();

  const replay: OrderReplay = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    play() {
      if (playing) return;
      if (position >= duration) advanceTo(0);
      playing = true;
      restartAnchor();
      schedule();
      changed();
    },
    pause() {
      if (!playing) return;
      advanceTo(anchorPosition + (clock.now() - anchorClock) * speed);
      playing = false;
      schedule();
      changed();
    },
    seek(target) {
      advanceTo(target);
      restartAnchor();
      schedule();
      changed();
    },
    setSpeed(next) {
      if (playing) advanceTo(anchorPosition + (clock.now() - anchorClock) * speed);
      speed = positive(next);
      restartAnchor();
      schedule();
      changed();
    },
    destroy() {
      playing = false;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
  if (options.autoplay) replay.play();
  return replay;
}

function positive(speed: number): number {
  return Number.isFinite(speed) && speed > 0 ? speed : 1;
}
