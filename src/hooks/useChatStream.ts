'use client';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { BackoffOptions } from '../core/backoff.js';
import { ChatStore, type ChatSnapshot, type ChatStoreOptions } from '../core/chat/chat-store.js';
import { socketReplyTransport, type SocketReplyOptions } from '../core/chat/socket-reply-transport.js';
import { sseReplyTransport, type ChatResume, type SSEReplyOptions } from '../core/chat/sse-reply-transport.js';
import type { ReplyTransport } from '../core/chat/transport.js';
import type { ChatMessage } from '../core/chat/types.js';
import type { Resolvable } from '../core/transport/sse-client.js';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect.js';

/** Options of {@link useChatStream}. Prop names match StreamChat's. */
export interface UseChatStreamOptions
  extends Omit<ChatStoreOptions, 'transport' | 'clock' | 'frames'> {
  /**
   * The chat endpoint: `https://…`/a path for HTTP streaming, `ws://`/`wss://` for WebSocket.
   * Over HTTP a new value applies from the next reply; over WebSocket it opens a socket to the new
   * URL, stopping a reply on the old one (kept as `stopped`) and closing it.
   */
  api: string | URL;
  /**
   * Force the transport; default from `api`'s scheme. Or pass your own {@link ReplyTransport}
   * (keep it stable, e.g. with `useMemo`: replacing one that has `dispose` stops its reply and
   * disposes it).
   */
  transport?: 'sse' | 'websocket' | ReplyTransport;
  /** Request headers (HTTP), or a function resolved on every request: put your auth token here. */
  headers?: Resolvable<HeadersInit | undefined>;
  /** Fetch credentials mode (HTTP). */
  credentials?: RequestCredentials;
  /** A custom fetch (HTTP). */
  fetch?: typeof fetch;
  /**
   * Reconnection of a reply's request (HTTP), merged over the default: 2 attempts, never
   * re-sending a started reply unless its stream carries event ids (then it is resumed).
   */
  retry?: BackoffOptions | false;
  /**
   * How a reply whose stream carried event ids is resumed after a drop (HTTP). Default: the same
   * POST again with `Last-Event-ID`. Return e.g. `{ url: `/api/chat/${conversationId}/stream`,
   * method: 'GET' }` for a server that resumes streams by id without re-running the prompt.
   */
  resume?: ChatResume;
  /** No first byte within this time → error (HTTP). */
  firstByteTimeoutMs?: number;
  /** Silence for this long mid-reply → error (HTTP). */
  idleTimeoutMs?: number;
  /** WebSocket options (auth message, heartbeat, …) when the transport is a WebSocket. */
  socket?: Omit<SocketReplyOptions, 'url'>;
}

/** What {@link useChatStream} returns. */
export interface UseChatStreamResult extends ChatSnapshot {
  /** Sends a user message; the reply streams into `messages`. */
  send: (text: string) => void;
  /** Stops the reply, keeping exactly the text received. */
  stop: () => void;
  /** Drops the last reply and asks again. */
  regenerate: () => void;
  /** After an error, asks again for the failed reply. */
  retry: () => void;
  /** Empties the conversation (and its saved copy). */
  clear: () => void;
  /** Replaces the conversation. */
  setMessages: (messages: readonly ChatMessage[]) => void;
  /** The React-free store behind this hook (for per-message subscriptions). */
  store: ChatStore;
}

function isSocketUrl(api: string | URL): boolean {
  return /^wss?:/i.test(String(api));
}

/**
 * The store's options, every key present: an option the app stops passing (an `id` dropped, an
 * `onError` removed) must reach the store as `undefined`, not leave the old value in place.
 */
function storeOptions(options: UseChatStreamOptions, kind: string): Omit<ChatStoreOptions, 'transport' | 'clock' | 'frames'> {
  return {
    // WebSocket chat speaks the seed's `{type:"chunk"}` … `{type:"done"}` unless told otherwise.
    protocol: options.protocol ?? (kind === 'websocket' ? 'ws-chat' : undefined),
    body: options.body,
    prepareRequest: options.prepareRequest,
    id: options.id,
    initialMessages: options.initialMessages,
    persistence: options.persistence,
    generateId: options.generateId,
    onFinish: options.onFinish,
    onError: options.onError,
  };
}

/**
 * The conversation's store, created, configured and held like {@link useChatStream} does, without
 * subscribing this component to its changes: for views that read the store at their own pace
 * (StreamChat), so the component that owns the conversation does not re-render per update.
 */
export function useChatStore(options: UseChatStreamOptions): ChatStore {
  const latest = useRef(options);
  const kind = typeof options.transport === 'object' ? 'custom' : (options.transport ?? (isSocketUrl(options.api) ? 'websocket' : 'sse'));
  // A socket is opened for one URL, so a new `api` needs a new socket; HTTP reads `api` per reply.
  const socketUrl = kind === 'websocket' ? String(options.api) : null;

  const transport = useMemo<ReplyTransport>(() => {
    if (typeof options.transport === 'object') return options.transport;
    if (kind === 'websocket') {
      return socketReplyTransport(() => ({ ...latest.current.socket, url: String(latest.current.api) }));
    }
    return sseReplyTransport((): SSEReplyOptions => {
      const o = latest.current;
      return {
        api: o.api,
        headers: o.headers,
        credentials: o.credentials,
        fetch: o.fetch,
        retry: o.retry,
        firstByteTimeoutMs: o.firstByteTimeoutMs,
        idleTimeoutMs: o.idleTimeoutMs,
        resume: o.resume,
      };
    });
    // The transport kind (and a socket's URL) picks the transport; its options are read per request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, socketUrl, typeof options.transport === 'object' ? options.transport : null]);

  const [store] = useState(() => new ChatStore({ ...storeOptions(options, kind), transport }));

  // A new `id` switches the store to that conversation; a replaced socket transport is closed
  // (see ChatStore.setOptions). Applied before paint, so the old conversation is never shown
  // under the new id.
  useIsomorphicLayoutEffect(() => {
    latest.current = options;
    store.setOptions({ ...storeOptions(options, kind), transport });
  });

  // Hold the store while mounted: the last release stops a streaming reply and closes sockets.
  useEffect(() => store.retain(), [store]);
  return store;
}

/**
 * A streaming chat conversation as React state, over SSE/HTTP or WebSocket, in any of the
 * supported wire formats (`protocol`, detected by default).
 *
 * ```tsx
 * const { messages, status, send, stop } = useChatStream({
 *   api: '/stream/chat',
 *   headers: async () => ({ Authorization: `Bearer ${await getToken()}` }),
 * });
 * ```
 *
 * Re-renders at most once per frame while a reply streams; finished messages keep their object
 * identity, so memoised message views do not re-render.
 */
export function useChatStream(options: UseChatStreamOptions): UseChatStreamResult {
  const store = useChatStore(options);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return {
    ...snapshot,
    send: store.send,
    stop: store.stop,
    regenerate: store.regenerate,
    retry: store.retry,
    clear: store.clear,
    setMessages: store.setMessages,
    store,
  };
}
