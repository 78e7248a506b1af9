'use client';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { IDLE_TOPIC, createLiveFeed, type LiveFeed, type LiveFeedOptions } from '../core/feed/live-feed.js';
import type { FeedTransport } from '../core/feed/transport.js';
import type { FeedEvent, FeedStatusSnapshot, TopicSnapshot } from '../core/feed/types.js';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect.js';

/** Options of {@link useLiveFeed}: the feed's options, with the transport built once. */
export interface UseLiveFeedOptions<E extends FeedEvent = FeedEvent, S = E, Raw = unknown>
  extends Omit<LiveFeedOptions<E, S, Raw>, 'transport'> {
  /**
   * The connection, or a function creating it (called once, on first render: pass a function
   * so re-renders do not build clients they throw away). Read once; a new one needs a remount.
   */
  transport: FeedTransport<Raw> | (() => FeedTransport<Raw>);
}

/**
 * Creates a live feed for this component's lifetime (closed after unmount; StrictMode's remount
 * keeps it) and keeps its options current. Share the returned feed with children through props
 * or context; they read topics with {@link useTopic}. Nothing connects until a topic is used.
 */
export function useLiveFeed<E extends FeedEvent = FeedEvent, S = E, Raw = unknown>(
  options: UseLiveFeedOptions<E, S, Raw>,
): LiveFeed<E, S> {
  const [feed] = useState(() => {
    const { transport, ...rest } = options;
    return createLiveFeed<E, S, Raw>({ ...rest, transport: typeof transport === 'function' ? transport() : transport });
  });
  useIsomorphicLayoutEffect(() => {
    const { transport: _transport, clock: _clock, frames: _frames, ...rest } = options;
    feed.setOptions(rest);
  });
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // Deferred: StrictMode unmounts and remounts synchronously, and the remount keeps the feed.
      queueMicrotask(() => {
        if (!mounted.current) feed.close();
      });
    };
  }, [feed]);
  return feed;
}

/** Options of {@link useTopic}. */
export interface UseTopicOptions<E, S> {
  /** Called for every event applied to the topic, synchronously (not batched to frames). */
  onEvent?: (event: E, state: S | undefined) => void;
}

/**
 * Holds `topic` on `feed` while mounted and returns its snapshot (`status`, `state`, `seq`,
 * `error`). Re-renders only when this topic changed, at most once per frame (all topics of a
 * feed publish in the same frame, so React commits once). `null` holds nothing (`idle`).
 */
export function useTopic<E extends FeedEvent, S>(
  feed: LiveFeed<E, S>,
  topic: string | null,
  options: UseTopicOptions<E, S> = {},
): TopicSnapshot<S> {
  const onEvent = useRef(options.onEvent);
  useIsomorphicLayoutEffect(() => {
    onEvent.current = options.onEvent;
  });
  const hasOnEvent = options.onEvent !== undefined;
  const subscribe = useCallback(
    (listener: () => void) => {
      if (topic === null) return () => {};
      return feed.subscribe(
        topic,
        listener,
        hasOnEvent ? { onEvent: (event, state) => onEvent.current?.(event, state) } : undefined,
      );
    },
    [feed, topic, hasOnEvent],
  );
  const getSnapshot = useCallback(
    (): TopicSnapshot<S> => (topic === null ? (IDLE_TOPIC as TopicSnapshot<S>) : feed.getSnapshot(topic)),
    [feed, topic],
  );
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/** The feed's connection status (`status`, `error`, `topics`), re-rendered with the topics' frame. */
export function useFeedStatus(feed: LiveFeed<any, any>): FeedStatusSnapshot {
  const subscribe = useCallback((listener: () => void) => feed.subscribeStatus(listener), [feed]);
  const getSnapshot = useCallback(() => feed.getStatus(), [feed]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
