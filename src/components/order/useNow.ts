'use client';
import { useCallback, useSyncExternalStore } from 'react';
import type { Clock } from '../../core/clock.js';

/**
 * One timer per clock and interval, however many components tick on it: a dashboard of 100
 * trackers wakes once per interval, and React commits their updates together.
 */
class Ticker {
  private readonly listeners = new Set<() => void>();
  private handle: unknown = undefined;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.schedule();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.handle !== undefined) {
        this.clock.clearTimeout(this.handle);
        this.handle = undefined;
      }
    };
  }

  private schedule(): void {
    // Aligned to the interval's boundaries, so every reader's bucket changes at the same tick.
    const now = this.clock.now();
    const delay = this.intervalMs - (((now % this.intervalMs) + this.intervalMs) % this.intervalMs);
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      for (const listener of [...this.listeners]) listener();
      if (this.listeners.size > 0) this.schedule();
    }, delay);
  }
}

const tickers = new WeakMap<Clock, Map<number, Ticker>>();

function tickerFor(clock: Clock, intervalMs: number): Ticker {
  let byInterval = tickers.get(clock);
  if (!byInterval) tickers.set(clock, (byInterval = new Map()));
  let ticker = byInterval.get(intervalMs);
  if (!ticker) byInterval.set(intervalMs, (ticker = new Ticker(clock, intervalMs)));
  return ticker;
}

/**
 * The clock's time, rounded down to `intervalMs` (> 0): the component re-renders once per
 * interval (not per event), which is all a "3 min ago" needs.
 */
export function useNow(clock: Clock, intervalMs: number): number {
  const subscribe = useCallback((listener: () => void) => tickerFor(clock, intervalMs).subscribe(listener), [clock, intervalMs]);
  const getSnapshot = useCallback(() => Math.floor(clock.now() / intervalMs) * intervalMs, [clock, intervalMs]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
