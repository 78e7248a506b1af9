'use client';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { ChatSnapshot, ChatStore } from '../core/chat/chat-store.js';
import { systemClock, type Clock, type TimerHandle } from '../core/clock.js';
import { useIsomorphicLayoutEffect } from '../hooks/useIsomorphicLayoutEffect.js';
import { isAwaitingFirstToken } from './MessageList.js';

/** The slowest pace: a reply still moves several times a second on a busy machine. */
const MAX_INTERVAL_MS = 250;
/** Share of the main thread the transcript's own commits may take while text streams. */
const COST_SHARE = 10;

/**
 * True when `next` must be shown at once rather than at the next paced slot: anything but more
 * text of the same streaming reply — the first token, a new message, a status change (the end of
 * a reply, an error), a finished message.
 */
function isMilestone(shown: ChatSnapshot, next: ChatSnapshot): boolean {
  if (shown.status !== next.status || shown.error !== next.error) return true;
  if (shown.messages.length !== next.messages.length) return true;
  const before = shown.messages[shown.messages.length - 1];
  const after = next.messages[next.messages.length - 1];
  if (before?.id !== after?.id || before?.status !== after?.status) return true;
  return isAwaitingFirstToken(shown.messages, shown.status) !== isAwaitingFirstToken(next.messages, next.status);
}

/**
 * The store's snapshot at a text commit rate that adapts to the machine: nobody reads 60
 * updates a second, and each commit of a growing reply costs script, layout and paint.
 *
 * While a reply streams, more of its text is shown at most every `minIntervalMs`, or every
 * `COST_SHARE` times what the last commit of the transcript cost (render to layout effect, so a
 * loaded main thread, where the same work takes longer, gets fewer commits), capped at
 * `MAX_INTERVAL_MS`. The first token, the end of a reply, errors and new messages are never
 * held back. `minIntervalMs` 0 shows every snapshot the store publishes (once per frame).
 *
 * Call it at the top of the transcript's component: the time from its render to its layout
 * effect (children's effects and DOM updates included) is the commit's cost.
 */
export function usePacedSnapshot(store: ChatStore, minIntervalMs: number, clock: Clock = systemClock): ChatSnapshot {
  const shown = useRef<ChatSnapshot | null>(null);
  shown.current ??= store.getSnapshot();
  const lastShownAt = useRef(Number.NEGATIVE_INFINITY);
  const intervalMs = useRef(minIntervalMs);
  const renderStartedAt = useRef(0);

  const subscribe = useCallback(
    (listener: () => void) => {
      let timer: TimerHandle | null = null;
      const show = () => {
        timer = null;
        shown.current = store.getSnapshot();
        lastShownAt.current = clock.now();
        listener();
      };
      const unsubscribe = store.subscribe(() => {
        const next = store.getSnapshot();
        if (next === shown.current) return;
        const wait = lastShownAt.current + intervalMs.current - clock.now();
        if (wait <= 0 || isMilestone(shown.current!, next)) {
          if (timer !== null) clock.clearTimeout(timer);
          show();
        } else if (timer === null) {
          // The timer shows whatever the store holds when it fires: text that arrives meanwhile
          // rides along, and one timer serves the whole interval.
          timer = clock.setTimeout(show, wait);
        }
      });
      // A change between render and subscription is shown at once.
      if (store.getSnapshot() !== shown.current) show();
      return () => {
        if (timer !== null) clock.clearTimeout(timer);
        unsubscribe();
      };
    },
    [store, clock],
  );
  const getSnapshot = useCallback(() => shown.current!, []);
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);

  renderStartedAt.current = clock.now();
  // Server rendering has no layout effects (and React 18 warns about them there).
  useIsomorphicLayoutEffect(() => {
    const cost = clock.now() - renderStartedAt.current;
    intervalMs.current = minIntervalMs <= 0 ? 0 : Math.min(MAX_INTERVAL_MS, Math.max(minIntervalMs, cost * COST_SHARE));
  });
  return snapshot;
}
