import { SocketClient, type SocketClientOptions, type SocketRoomsConvention } from '../transport/socket-client.js';
import type { StreamStatus } from '../transport/status.js';
import type { FeedTopicChange, FeedTransport, FeedTransportSink } from './transport.js';

/** Options of {@link socketFeedTransport}. */
export interface SocketFeedTransportOptions<TIn = unknown> {
  /** The client carrying the socket, or the options to create one. */
  client: SocketClient<TIn> | SocketClientOptions<TIn>;
  /**
   * The subscribe/unsubscribe frames, as room join/leave messages. Default: the client's own
   * `rooms` convention (`{ type: 'join', room }` / `{ type: 'leave', room }`), e.g.
   * `{ join: (topic) => ({ action: 'subscribe', topic }), leave: (topic) => ({ action: 'unsubscribe', topic }) }`.
   * Setting it sets the client's `rooms` option.
   */
  frames?: SocketRoomsConvention;
  /**
   * For servers that take many topics per frame: one subscribe frame for every topic added in a
   * tick and one unsubscribe frame for those removed, e.g.
   * `{ subscribe: (topics) => ({ action: 'subscribe', topics }), unsubscribe: (topics) => ({ action: 'unsubscribe', topics }) }`.
   * After every reconnect one subscribe frame carries the whole set. Replaces `frames` (the
   * client's rooms are then not used).
   */
  batch?: {
    subscribe: (topics: readonly string[]) => unknown;
    unsubscribe: (topics: readonly string[]) => unknown;
  };
  /**
   * Whether a reconnect continued where the previous connection stopped (the server replays
   * what was missed on re-subscribe). Default false: plain WebSockets have no resume, so every
   * topic reloads its snapshot after a reconnect.
   */
  resumed?: () => boolean;
}

/**
 * A {@link FeedTransport} over one {@link SocketClient}: topics are the client's rooms, so
 * subscribe frames go out when a topic is added (coalesced per tick by the feed) and are
 * re-sent by the client after every reconnect, before anything queued; unsubscribe frames when
 * one is removed. Every decoded message is handed to the feed, which routes it by topic.
 */
export function socketFeedTransport<TIn = unknown>(
  options: SocketFeedTransportOptions<TIn>,
): FeedTransport<TIn> & { readonly client: SocketClient<TIn> } {
  const client = options.client instanceof SocketClient ? options.client : new SocketClient<TIn>(options.client);
  if (options.frames !== undefined) client.setOptions({ rooms: options.frames });
  let sink: FeedTransportSink<TIn> | null = null;
  let release: (() => void) | null = null;
  let everOpened = false;
  let isOpen = false;
  let status: StreamStatus = 'idle';
  const { batch } = options;
  /** The topic set, when frames are batched (rooms keep their own). */
  const topics = new Set<string>();

  return {
    client,
    attach(next) {
      sink = next;
      const offs = [
        client.on('message', (message) => sink?.message(message)),
        client.on('open', () => {
          // Room joins were re-sent by the client already; a batch convention re-sends here,
          // before the feed hears of the open (and loads snapshots).
          if (batch !== undefined && topics.size > 0) client.send(batch.subscribe([...topics]));
          const resumed = everOpened && options.resumed !== undefined && options.resumed();
          everOpened = true;
          isOpen = true;
          sink?.open({ resumed });
        }),
        client.on('close', () => {
          isOpen = false;
        }),
        client.on('error', (error) => {
          if (error.kind !== 'parse') isOpen = false;
          sink?.error(error);
        }),
        client.subscribeSnapshot(() => {
          const snapshot = client.getSnapshot();
          if (snapshot.status !== 'open') isOpen = false;
          if (snapshot.status === status) return;
          status = snapshot.status;
          sink?.status(snapshot.status, snapshot.error);
        }),
      ];
      return () => {
        sink = null;
        for (const off of offs) off();
      };
    },
    connect() {
      if (release !== null) return;
      release = client.retain();
      client.start();
    },
    close() {
      isOpen = false;
      release?.();
      release = null;
    },
    setTopics(change: FeedTopicChange) {
      if (batch !== undefined) {
        for (const topic of change.removed) topics.delete(topic);
        for (const topic of change.added) topics.add(topic);
        // Not open: nothing is queued, the next open subscribes the whole set.
        if (isOpen) {
          if (change.removed.length > 0) client.send(batch.unsubscribe(change.removed));
          if (change.added.length > 0) client.send(batch.subscribe(change.added));
          sink?.live();
        }
        return;
      }
      for (const topic of change.removed) client.leave(topic);
      for (const topic of change.added) client.join(topic);
      // Joins were written now if the socket is open; otherwise the next open sends them.
      if (isOpen) sink?.live();
    },
  };
}
