import { Manager, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { StreamError } from '../core/errors.js';
import type { FeedTopicChange, FeedTransport, FeedTransportSink } from '../core/feed/transport.js';
import type { StreamStatus } from '../core/transport/status.js';
import { rotateUrls } from './failover.js';
import { connectError, disconnectError, reconnectFailedError } from './errors.js';

/**
 * How topics become socket.io rooms. Each function may return a promise (e.g. from
 * `socket.timeout(ms).emitWithAck(…)`): the feed is then told the topics are live only once it
 * settles, so a snapshot loaded from elsewhere (HTTP) is never read before the server has joined
 * the room. A snapshot asked over the same socket needs no ack: the server reads one socket's
 * messages in order.
 */
export interface SocketIoRoomsConvention {
  /** Joins `topics`. Default: `socket.emit('subscribe', topic)` for each. */
  subscribe?: ((socket: Socket, topics: readonly string[]) => void | PromiseLike<unknown>) | undefined;
  /** Leaves `topics`. Default: `socket.emit('unsubscribe', topic)` for each. */
  unsubscribe?: ((socket: Socket, topics: readonly string[]) => void | PromiseLike<unknown>) | undefined;
}

/** Options of {@link socketIoFeedTransport}: give a `socket`, or `url` (one or several). */
export interface SocketIoFeedOptions<Raw = unknown> extends SocketIoRoomsConvention {
  /**
   * A socket.io-client `Socket` the app created, best with `autoConnect: false`. The transport
   * connects it when the feed wants its first topic and disconnects it when none is left; its
   * Manager does the reconnecting (`reconnectionDelay`, `reconnectionAttempts` …).
   */
  socket?: Socket | undefined;
  /**
   * The server, or several servers of one cluster (joined by an adapter such as
   * `@socket.io/redis-adapter`): the first is tried first, and each reconnection attempt tries
   * the next one in turn, so a client whose server died carries on on another.
   */
  url?: string | readonly string[] | undefined;
  /** socket.io-client options when the transport creates the socket from `url`. `autoConnect` is ignored. */
  options?: Partial<ManagerOptions & SocketOptions> | undefined;
  /** The namespace, when the transport creates the socket. Default `'/'`. */
  namespace?: string | undefined;
  /** The socket.io event names that carry feed events. Default `['event']`. */
  events?: readonly string[] | undefined;
  /**
   * Turns one received socket.io event into the raw message the feed's `mapEvent` reads.
   * Default: the event's first argument.
   */
  toRaw?: ((event: string, args: readonly unknown[]) => Raw) | undefined;
}

const defaultSubscribe = (socket: Socket, topics: readonly string[]): void => {
  for (const topic of topics) socket.emit('subscribe', topic);
};
const defaultUnsubscribe = (socket: Socket, topics: readonly string[]): void => {
  for (const topic of topics) socket.emit('unsubscribe', topic);
};
const firstArgument = (_event: string, args: readonly unknown[]): any => args[0];

/**
 * A live-feed transport over socket.io: topics are rooms, joined with the app's convention and
 * joined again after every reconnect that did not recover the session. Reconnection is
 * socket.io's own (its Manager); this only translates.
 *
 * socket.io delivers at most once: events sent while a client was away are lost unless the
 * server has connection state recovery and the session recovered (`socket.recovered`). The
 * feed is told which (`open({ resumed })`) and reloads every topic's snapshot when not. Note
 * that `@socket.io/redis-adapter` does not support connection state recovery: across a cluster
 * joined by it, every reconnect reloads (which is what keeps the topics exact).
 *
 * Statuses and errors are reported as `StreamError` kinds: `network` (dropped or refused,
 * `willRetry` while the Manager retries; `willRetry: false` when the server disconnected the
 * socket itself or `reconnectionAttempts` ran out), `idle-timeout` (ping timeout), `auth` (the
 * server refused the connection in a middleware), `callback` (a rooms convention that threw or
 * rejected). After a give-up (`error`), the feed's next `connect()` starts a fresh attempt.
 */
export function socketIoFeedTransport<Raw = unknown>(options: SocketIoFeedOptions<Raw>): SocketIoFeedTransport<Raw> {
  return new SocketIoTransport(options);
}

/** A {@link FeedTransport} over socket.io, with the socket it drives. */
export interface SocketIoFeedTransport<Raw = unknown> extends FeedTransport<Raw> {
  /**
   * The socket (the app's, or the one made from `url`): for requests over the same connection,
   * e.g. a `loadSnapshot` that calls `socket.timeout(ms).emitWithAck('snapshot', topic)`.
   * Leave connecting and disconnecting to the feed.
   */
  readonly socket: Socket;
}

class SocketIoTransport<Raw> implements SocketIoFeedTransport<Raw> {
  readonly socket: Socket;
  private readonly ownSocket: boolean;
  private sink: FeedTransportSink<Raw> | null = null;
  private unwire: (() => void) | null = null;
  private status: StreamStatus = 'idle';
  /** Topics the feed wants. */
  private readonly wanted = new Set<string>();
  /** Topics the server holds for this connection, as far as we told it. */
  private readonly joined = new Set<string>();
  private everOpened = false;
  /** An `open` owed to the feed once the current room sync settles, and its `resumed`. */
  private openOwed: { resumed: boolean } | null = null;
  /** Bumped by every sync and every disconnect: a settling sync that is no longer the latest stays quiet. */
  private syncId = 0;
  private wantOpen = false;

  constructor(private readonly options: SocketIoFeedOptions<Raw>) {
    this.ownSocket = options.socket === undefined;
    if (options.socket === undefined && (options.url === undefined || options.url.length === 0)) {
      throw new TypeError('socketIoFeedTransport needs a `socket` or a `url`.');
    }
    this.socket = options.socket ?? createSocket(options);
  }

  attach(sink: FeedTransportSink<Raw>): () => void {
    this.unwire?.();
    this.sink = sink;
    const socket = this.socket;
    this.unwire = this.wire(socket);
    return () => {
      if (this.sink !== sink) return;
      this.unwire?.();
      this.unwire = null;
      this.sink = null;
      this.syncId++;
      if (this.ownSocket) {
        this.wantOpen = false;
        socket.disconnect();
      }
    };
  }

  connect(): void {
    const socket = this.socket;
    // After giving up (`error`), connect() starts over: socket.connect() opens a fresh attempt.
    if (this.wantOpen && this.status !== 'error') return;
    this.wantOpen = true;
    if (socket.connected) {
      // The app's socket was connected already: that counts as this feed's first open.
      this.onConnect();
      return;
    }
    this.setStatus('connecting', null);
    socket.connect();
  }

  close(): void {
    if (!this.wantOpen) return;
    this.wantOpen = false;
    this.syncId++;
    this.openOwed = null;
    // A deliberate disconnect: the server drops our rooms, the next connect joins afresh.
    this.joined.clear();
    this.socket.disconnect();
    this.setStatus('closed', null);
  }

  setTopics(change: FeedTopicChange): void {
    this.wanted.clear();
    for (const topic of change.topics) this.wanted.add(topic);
    if (this.socket.connected && this.wantOpen) this.sync();
  }

  private wire(socket: Socket): () => void {
    const toRaw = this.options.toRaw ?? firstArgument;
    const events = this.options.events ?? ['event'];
    const handlers = events.map((event) => {
      const handler = (...args: unknown[]): void => {
        this.sink?.message(toRaw(event, args));
      };
      socket.on(event, handler);
      return [event, handler] as const;
    });
    const onConnect = (): void => this.onConnect();
    const onDisconnect = (reason: Socket.DisconnectReason, description?: unknown): void =>
      this.onDisconnect(socket, reason, description);
    const onConnectError = (error: Error): void => {
      if (!this.wantOpen) return;
      const failure = connectError(error, socket.active, socket.io.reconnection());
      this.sink?.error(failure);
      // Until the first open of this connect(), retries are still `connecting`.
      this.setStatus(failure.willRetry ? (this.status === 'connecting' ? 'connecting' : 'reconnecting') : 'error', failure);
    };
    const onReconnectFailed = (): void => {
      if (!this.wantOpen) return;
      const failure = reconnectFailedError();
      this.sink?.error(failure);
      this.setStatus('error', failure);
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    socket.io.on('reconnect_failed', onReconnectFailed);
    return () => {
      for (const [event, handler] of handlers) socket.off(event, handler);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.io.off('reconnect_failed', onReconnectFailed);
    };
  }

  private onConnect(): void {
    const socket = this.socket;
    if (!this.wantOpen) return;
    // Recovered: the server restored our rooms and replayed what we missed. Otherwise the
    // rooms are gone and anything sent meanwhile is lost: join again, and the feed reloads.
    const resumed = this.everOpened && socket.recovered === true;
    if (!resumed) this.joined.clear();
    this.everOpened = true;
    this.setStatus('open', null);
    this.openOwed = { resumed };
    this.sync();
  }

  private onDisconnect(socket: Socket, reason: Socket.DisconnectReason, description: unknown): void {
    this.syncId++;
    this.openOwed = null;
    if (!this.wantOpen || reason === 'io client disconnect') return;
    // The Manager reconnects unless the server itself disconnected the socket.
    const failure = disconnectError(reason, description, socket.active && socket.io.reconnection());
    this.sink?.error(failure);
    this.setStatus(failure.willRetry ? 'reconnecting' : 'error', failure);
  }

  /**
   * Brings the server's rooms to the wanted set (joins what is missing, leaves what is gone),
   * then tells the feed: `open` after a (re)connect, `live` after a topic change.
   */
  private sync(): void {
    const socket = this.socket;
    const added: string[] = [];
    const removed: string[] = [];
    for (const topic of this.wanted) if (!this.joined.has(topic)) added.push(topic);
    for (const topic of this.joined) if (!this.wanted.has(topic)) removed.push(topic);
    for (const topic of added) this.joined.add(topic);
    for (const topic of removed) this.joined.delete(topic);
    const pending: unknown[] = [];
    try {
      if (added.length > 0) pending.push((this.options.subscribe ?? defaultSubscribe)(socket, added));
      if (removed.length > 0) pending.push((this.options.unsubscribe ?? defaultUnsubscribe)(socket, removed));
    } catch (cause) {
      pending.push(Promise.reject(cause));
    }
    const id = ++this.syncId;
    if (!pending.some(isThenable)) {
      this.settled(id);
      return;
    }
    void Promise.allSettled(pending).then((results) => {
      if (id !== this.syncId) return;
      for (const result of results) {
        if (result.status === 'rejected') {
          // The rooms may not be joined: say so, but let the topics go live; a topic's `seq`
          // gap then triggers its reload rather than the feed waiting for ever.
          this.sink?.error(
            new StreamError('callback', 'Joining or leaving a socket.io room failed', { cause: result.reason }),
          );
        }
      }
      this.settled(id);
    });
  }

  private settled(id: number): void {
    if (id !== this.syncId || this.sink === null) return;
    const owed = this.openOwed;
    this.openOwed = null;
    if (owed !== null) this.sink.open(owed);
    else this.sink.live();
  }

  private setStatus(status: StreamStatus, error: StreamError | null): void {
    if (status === this.status && error === null) return;
    this.status = status;
    this.sink?.status(status, error);
  }
}

/** A socket on its own Manager (not socket.io's shared cache), not connected yet. */
function createSocket(options: SocketIoFeedOptions<any>): Socket {
  const urls = typeof options.url === 'string' ? [options.url] : [...(options.url ?? [])];
  const manager = new Manager(urls[0]!, { ...options.options, autoConnect: false });
  if (urls.length > 1) rotateUrls(manager, urls);
  return manager.socket(options.namespace ?? '/', { ...options.options });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
