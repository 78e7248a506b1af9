'use client';
import { useEffect, useRef, useState } from 'react';
import { systemClock, type Clock, type TimerHandle } from '../core/clock.js';

/**
 * True once `activity` (any value that changes when the reply moves: the messages array) has
 * stayed the same for `delayMs` while `active`; false again at the next change.
 *
 * One timer per silence, not per update: each update only records the time, and the timer, when
 * it fires early, waits for the rest of the delay.
 */
export function useServerSilence(active: boolean, activity: unknown, delayMs: number, clock: Clock = systemClock): boolean {
  const [silent, setSilent] = useState(false);
  const lastActivity = useRef(0);

  useEffect(() => {
    lastActivity.current = clock.now();
    // Only when it changes: a state update per streamed update could cost a render each.
    if (silent) setSilent(false);
    // `silent` is read, not watched: activity ends a silence, a silence is not activity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activity, active, clock]);

  useEffect(() => {
    if (!active || silent || !(delayMs > 0) || delayMs === Infinity) return;
    let handle: TimerHandle;
    const check = () => {
      const quiet = clock.now() - lastActivity.current;
      if (quiet >= delayMs) setSilent(true);
      else handle = clock.setTimeout(check, delayMs - quiet);
    };
    handle = clock.setTimeout(check, delayMs);
    return () => clock.clearTimeout(handle);
  }, [active, silent, delayMs, clock]);

  return active && silent;
}
