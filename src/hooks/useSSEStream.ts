'use client';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { SharedClients } from '../core/demand.js';
import type { StreamError } from '../core/errors.js';
import { EMPTY_METRICS } from '../core/metrics.js';
import {
  SSEClient,
  type SSEClientOptions,
  type SSEEvent,
  type SSEOpenInfo,
  type SSESnapshot,
} from '../core/transport/sse-client.js';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect.js';
import { useStreamClient } from './useStreamClient.js';

/** Options of {@link useSSEStream}: the client's options plus React-side switches. */
export interface UseSSEStreamOptions extends Omit<SSEClientOptions, 'url' | 'onEvent' | 'onOpen' | 'onEnd' | 'onError'> {
  /** Connect automatically while mounted. Default `true`. `false` waits for `start()`. */
  enabled?: boolean;
  /**
   * Components passing the same key share one request (ref-counted): the first one's request
   * options are used, every one's callbacks are called.
   */
  key?: string;
  /** Called for every dispatched event, in order, none dropped — not batched to frames. */
  onEvent?: (event: SSEEvent) => void;
  /** Called on each successful connection, with the response's status and headers. */
  onOpen?: (info: SSEOpenInfo) => void;
  /** Called when the stream ended normally: its terminal event, the end of a text body, or a 204. */
  onEnd?: () => void;
  /** Called once per connection error; `error.willRetry` tells whether it reconnects. */
  onError?: (error: StreamError) => void;
}

/** What {@link useSSEStream} returns. Re-renders at most once per animation frame. */
export interface UseSSEStreamResult extends SSESnapshot {
  /** Connect (again). Resumes from `lastEventId` when the stream carries ids. */
  start: () => void;
  /** Abort the request and any pending reconnect. */
  stop: () => void;
}

const sharedClients = new SharedClients<SSEClient>();

const IDLE: SSESnapshot = Object.freeze({
  status: 'idle',
  error: null,
  lastEventId: '',
  attempt: 0,
  metrics: EMPTY_METRICS,
}) as SSESnapshot;
const idleSubscribe = () => () => {};
const idleSnapshot = () => IDLE;

function clientOptions(options: UseSSEStreamOptions): Partial<SSEClientOptions> {
  // Callbacks are not client options: every holder of a shared client registers its own below.
  const { enabled: _enabled, key: _key, onEvent: _e, onOpen: _o, onEnd: _n, onError: _r, ...rest } = options;
  return rest;
}

/**
 * Server-Sent Events over fetch, as React state. `url === null` means not connected.
 *
 * ```tsx
 * const { status, error } = useSSEStream('/stream/chat', {
 *   method: 'POST',
 *   headers: async () => ({ Authorization: `Bearer ${await getToken()}` }),
 *   body: JSON.stringify({ message }),
 *   onEvent: (event) => append(event),
 * });
 * ```
 */
export function useSSEStream(url: string | URL | null, options: UseSSEStreamOptions = {}): UseSSEStreamResult {
  const latest = useRef(options);
  // Callbacks are read when events arrive, so the latest ones are always used.
  useIsomorphicLayoutEffect(() => {
    latest.current = options;
  });
  const client = useStreamClient<SSEClient>({
    href: url === null ? null : String(url),
    key: options.key,
    enabled: options.enabled ?? true,
    registry: sharedClients,
    create: (href) => new SSEClient({ ...clientOptions(options), url: href }),
    // A fresh token function or a new body applies from the next attempt.
    configure: (target) => target.setOptions(clientOptions(options)),
    listen: (target) => {
      const off = [
        target.on('event', (event) => latest.current.onEvent?.(event)),
        target.on('open', (info) => latest.current.onOpen?.(info)),
        target.on('end', () => latest.current.onEnd?.()),
        target.on('error', (error) => latest.current.onError?.(error)),
      ];
      return () => off.forEach((remove) => remove());
    },
  });

  const snapshot = useSyncExternalStore(
    client?.subscribe ?? idleSubscribe,
    client?.getSnapshot ?? idleSnapshot,
    client?.getSnapshot ?? idleSnapshot,
  );
  const start = useCallback(() => client?.start(), [client]);
  const stop = useCallback(() => client?.stop(), [client]);
  return { ...snapshot, start, stop };
}
