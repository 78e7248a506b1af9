'use client';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { SharedClients } from '../core/demand.js';
import type { StreamError } from '../core/errors.js';
import { EMPTY_METRICS } from '../core/metrics.js';
import {
  SocketClient,
  type SendResult,
  type SocketClientOptions,
  type SocketCloseInfo,
  type SocketRequestOptions,
  type SocketSnapshot,
} from '../core/transport/socket-client.js';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect.js';
import { useStreamClient } from './useStreamClient.js';

/** Options of {@link useSocketStream}: the client's options plus React-side switches. */
export interface UseSocketStreamOptions<TIn = unknown>
  extends Omit<SocketClientOptions<TIn>, 'url' | 'onMessage' | 'onOpen' | 'onClose' | 'onError'> {
  /** Connect automatically while mounted. Default `true`. `false` waits for `start()`. */
  enabled?: boolean;
  /**
   * Components passing the same key share one socket (ref-counted): the first one's connection
   * options are used, every one's callbacks are called. The socket closes when the last one unmounts.
   */
  key?: string;
  /** Called for every decoded message, in order, none dropped — not batched to frames. */
  onMessage?: (message: TIn) => void;
  /** Called each time the socket opens. */
  onOpen?: () => void;
  /** Called each time a connection closes, with its close code and reason. */
  onClose?: (info: SocketCloseInfo) => void;
  /** Called once per error; `error.willRetry` tells whether it reconnects. */
  onError?: (error: StreamError) => void;
}

/** What {@link useSocketStream} returns. Re-renders at most once per animation frame. */
export interface UseSocketStreamResult<TIn = unknown> extends SocketSnapshot<TIn> {
  /** Sends now if open, else queues. `'rejected'` while the url is `null`. */
  send: (message: unknown) => SendResult;
  /** Sends with a correlation id and resolves with the reply (see `SocketClient.request`). */
  request: <TReply = TIn>(message: object, options?: SocketRequestOptions) => Promise<TReply>;
  /**
   * Calls `listener` for every message of `type`; returns the unsubscribe function. Its identity
   * changes with the socket, so call it from an effect that lists it as a dependency.
   */
  subscribe: (type: string, listener: (message: TIn) => void) => () => void;
  /** Joins a room (re-joined after every reconnect). */
  join: (room: string) => void;
  /** Leaves a room. */
  leave: (room: string) => void;
  /** Connect (again). */
  start: () => void;
  /** Close the socket and cancel any pending reconnect. */
  stop: () => void;
  /** The underlying client (`null` while the url is `null`). */
  client: SocketClient<TIn> | null;
}

const sharedClients = new SharedClients<SocketClient<unknown>>();

const IDLE: SocketSnapshot<never> = Object.freeze({
  status: 'idle',
  error: null,
  attempt: 0,
  closeCode: null,
  closeReason: null,
  rooms: Object.freeze([]) as readonly string[],
  queued: 0,
  dropped: 0,
  lastMessage: undefined,
  metrics: Object.freeze({ ...EMPTY_METRICS, rttMs: null }),
}) as SocketSnapshot<never>;
const idleSubscribe = () => () => {};
const idleSnapshot = () => IDLE;
const rejectNoSocket = () => Promise.reject(new TypeError('useSocketStream: no socket (the url is null).'));

function clientOptions<TIn>(options: UseSocketStreamOptions<TIn>): Partial<SocketClientOptions<TIn>> {
  const { enabled: _enabled, key: _key, onMessage: _m, onOpen: _o, onClose: _c, onError: _r, ...rest } = options;
  return rest;
}

/**
 * A WebSocket as React state. `url === null` means not connected.
 *
 * ```tsx
 * const { status, send, join } = useSocketStream<ChatEvent>('wss://chat.example.com', {
 *   auth: async () => ({ type: 'auth', token: await getToken() }),
 *   heartbeat: true,
 *   onMessage: (event) => append(event),
 * });
 * ```
 */
export function useSocketStream<TIn = unknown>(
  url: string | URL | null,
  options: UseSocketStreamOptions<TIn> = {},
): UseSocketStreamResult<TIn> {
  const latest = useRef(options);
  // Callbacks are read when messages arrive, so the latest ones are always used.
  useIsomorphicLayoutEffect(() => {
    latest.current = options;
  });
  const client = useStreamClient<SocketClient<TIn>>({
    href: url === null ? null : String(url),
    key: options.key,
    enabled: options.enabled ?? true,
    registry: sharedClients as unknown as SharedClients<SocketClient<TIn>>,
    create: (href) => new SocketClient<TIn>({ ...clientOptions(options), url: href }),
    // Credentials functions and settings apply from the next attempt.
    configure: (target) => target.setOptions(clientOptions(options)),
    listen: (target) => {
      const off = [
        target.on('message', (message) => latest.current.onMessage?.(message)),
        target.on('open', () => latest.current.onOpen?.()),
        target.on('close', (info) => latest.current.onClose?.(info)),
        target.on('error', (error) => latest.current.onError?.(error)),
      ];
      return () => off.forEach((remove) => remove());
    },
  });

  const snapshot = useSyncExternalStore<SocketSnapshot<TIn>>(
    client?.subscribeSnapshot ?? idleSubscribe,
    client?.getSnapshot ?? idleSnapshot,
    client?.getSnapshot ?? idleSnapshot,
  );
  const send = useCallback((message: unknown): SendResult => client?.send(message) ?? 'rejected', [client]);
  const request = useCallback(
    <TReply = TIn>(message: object, requestOptions?: SocketRequestOptions): Promise<TReply> =>
      client ? client.request<TReply>(message, requestOptions) : rejectNoSocket(),
    [client],
  );
  const subscribe = useCallback(
    (type: string, listener: (message: TIn) => void) => client?.subscribe(type, listener) ?? (() => {}),
    [client],
  );
  const join = useCallback((room: string) => client?.join(room), [client]);
  const leave = useCallback((room: string) => client?.leave(room), [client]);
  const start = useCallback(() => client?.start(), [client]);
  const stop = useCallback(() => client?.stop(), [client]);
  return { ...snapshot, send, request, subscribe, join, leave, start, stop, client };
}
