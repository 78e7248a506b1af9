'use client';
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { SharedClients } from '../core/demand.js';
import type { StreamError } from '../core/errors.js';
import { SSEClient, type SSEClientOptions, type SSEEvent, type SSESnapshot } from '../core/transport/sse-client.js';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect.js';

/** Options of {@link useSSEStream}: the client's options plus React-side switches. */
export interface UseSSEStreamOptions extends Omit<SSEClientOptions, 'url' | 'onEvent' | 'onOpen' | 'onError'> {
  /** Connect automatically while mounted. Default `true`. `false` waits for `start()`. */
  enabled?: boolean;
  /**
   * Components passing the same key share one request (ref-counted): the first one's request
   * options are used, every one's callbacks are called.
   */
  key?: string;
  /** Called for every dispatched event, in order, none dropped — not batched to frames. */
  onEvent?: (event: SSEEvent) => void;
  /** Called on each successful connection. */
  onOpen?: () => void;
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
/**
 * Which mounted component configures a shared client. Decided at commit, not in `useMemo`:
 * StrictMode calls the memo factory twice, so "I created it" is false for everyone there.
 */
const configurers = new WeakMap<SSEClient, object>();

const IDLE: SSESnapshot = Object.freeze({
  status: 'idle',
  error: null,
  lastEventId: '',
  attempt: 0,
  metrics: Object.freeze({
    timeToFirstByteMs: null,
    timeToFirstEventMs: null,
    events: 0,
    bytes: 0,
    eventsPerSecond: 0,
    gapP50Ms: null,
    gapP95Ms: null,
    reconnects: 0,
  }),
}) as SSESnapshot;
const idleSubscribe = () => () => {};
const idleSnapshot = () => IDLE;

function clientOptions(options: UseSSEStreamOptions): Partial<SSEClientOptions> {
  const { enabled: _enabled, key: _key, onEvent: _e, onOpen: _o, onError: _r, ...rest } = options;
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
  const { enabled = true, key } = options;
  const href = url === null ? null : String(url);
  const latest = useRef(options);
  const self = useRef<object>({});

  const client = useMemo(() => {
    if (href === null) return null;
    const create = () => new SSEClient({ ...clientOptions(options), url: href });
    return key === undefined ? create() : sharedClients.getOrCreate(key, create);
    // Only the identity of the stream picks the client; other options are pushed below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [href, key]);

  // Keep request options (a fresh token function, a new body) current for the next attempt.
  // With a shared key the first mounted holder configures it (the next one once it unmounts).
  useIsomorphicLayoutEffect(() => {
    latest.current = options;
    if (client === null) return;
    if (!configurers.has(client)) configurers.set(client, self.current);
    if (configurers.get(client) === self.current) client.setOptions(clientOptions(options));
  });

  // Presence: listeners plus a hold on the client; the last holder to unmount stops it.
  useEffect(() => {
    if (client === null) return;
    const off = [
      client.on('event', (event) => latest.current.onEvent?.(event)),
      client.on('open', () => latest.current.onOpen?.()),
      client.on('error', (error) => latest.current.onError?.(error)),
    ];
    const release = client.retain();
    return () => {
      for (const remove of off) remove();
      if (configurers.get(client) === self.current) configurers.delete(client);
      release();
      if (key !== undefined) {
        queueMicrotask(() => {
          if (client.holders === 0) sharedClients.delete(key, client);
        });
      }
    };
  }, [client, key]);

  // Connection: `enabled` starts it; turning `enabled` off stops it.
  const wasEnabled = useRef(false);
  useEffect(() => {
    if (client === null) return;
    if (enabled) client.start();
    else if (wasEnabled.current) client.stop();
    wasEnabled.current = enabled;
  }, [client, enabled]);

  const snapshot = useSyncExternalStore(
    client?.subscribe ?? idleSubscribe,
    client?.getSnapshot ?? idleSnapshot,
    client?.getSnapshot ?? idleSnapshot,
  );
  const start = useCallback(() => client?.start(), [client]);
  const stop = useCallback(() => client?.stop(), [client]);
  return { ...snapshot, start, stop };
}
