'use client';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { createOrderReplay, type OrderReplay, type OrderReplayOptions, type OrderReplaySnapshot } from '../core/order/replay.js';
import type { OrderEvent } from '../core/order/types.js';

/** What {@link useOrderReplay} returns: the replay's snapshot and its controls. */
export interface UseOrderReplayResult extends OrderReplaySnapshot {
  play: OrderReplay['play'];
  pause: OrderReplay['pause'];
  seek: OrderReplay['seek'];
  setSpeed: OrderReplay['setSpeed'];
}

/**
 * Replays recorded order `events` (stories, demos, tests) with player controls. The events and
 * `clock`/`steps` are read when the replay is created; new `events` start a new replay. `speed`
 * may change at any time.
 */
export function useOrderReplay(events: readonly OrderEvent[], options: OrderReplayOptions = {}): UseOrderReplayResult {
  const [replay, setReplay] = useState(() => ({ events, replay: createOrderReplay(events, { ...options, autoplay: false }) }));
  let current = replay;
  if (replay.events !== events) {
    current = { events, replay: createOrderReplay(events, { ...options, autoplay: false }) };
    setReplay(current);
  }
  const { replay: player } = current;
  const autoplay = options.autoplay === true;
  // Playing starts in an effect (creating a replay sets no timer), so StrictMode's
  // unmount/remount and discarded renders leave no timer behind.
  useEffect(() => {
    if (autoplay) player.play();
    return () => player.destroy();
    // `autoplay` is read once per replay, on purpose.
  }, [player]);
  const speed = options.speed ?? 1;
  useEffect(() => {
    if (player.getSnapshot().speed !== speed) player.setSpeed(speed);
  }, [player, speed]);
  const snapshot = useSyncExternalStore(player.subscribe, player.getSnapshot, player.getSnapshot);
  return { ...snapshot, play: player.play, pause: player.pause, seek: player.seek, setSpeed: player.setSpeed };
}
