import type { StreamError } from '../errors.js';
import type { StreamStatus } from '../transport/status.js';

/**
 * The topic set the feed wants on the wire, as handed to {@link FeedTransport.setTopics}. The
 * feed coalesces changes made within one tick (a subscribe undone in the same tick, as React's
 * StrictMode does, changes nothing) and calls `setTopics` at most once per tick.
 */
export interface FeedTopicChange {
  /** Every topic the feed wants now (the full set, for transports that rebuild a URL from it). */
  readonly topics: ReadonlySet<string>;
  /** Topics new since the previous call (send a subscribe frame / join a room for each). */
  readonly added: readonly string[];
  /** Topics gone since the previous call (send an unsubscribe frame / leave the room). */
  readonly removed: readonly string[];
}

/** What a connection (re)open tells the feed. */
export interface FeedOpenInfo {
  /**
   * True when the server continued where the previous connection stopped (SSE `Last-Event-ID`
   * honoured, a socket.io connection recovered): nothing was missed, no topic reloads. False
   * on the first open and whenever events may have been lost: every topic reloads its snapshot.
   */
  readonly resumed: boolean;
}

/**
 * How a transport reports to the feed. The feed hands one sink to {@link FeedTransport.attach};
 * the transport calls it synchronously from its own callbacks. Every method is cheap and never
 * throws.
 */
export interface FeedTransportSink<Raw = unknown> {
  /** One raw message off the wire, in arrival order (the feed maps it with `mapEvent`). */
  message(raw: Raw): void;
  /**
   * The connection opened (first time or after a reconnect) and every topic of the latest
   * `setTopics` is subscribed on the server: the feed may now load snapshots safely (deltas
   * from here on will arrive), and reloads all topics when `info.resumed` is false.
   */
  open(info: FeedOpenInfo): void;
  /**
   * The latest `setTopics` took effect on the already open connection (subscribe frames were
   * written): the added topics are live and the feed may load their snapshots. A transport
   * that must reconnect to change topics (an SSE URL built from the topic set) calls `open`
   * after that reconnect instead.
   */
  live(): void;
  /** The connection status changed (`connecting`, `open`, `reconnecting`, `closed`, `error`). */
  status(status: StreamStatus, error: StreamError | null): void;
  /** A connection error, or a per-message `parse` error of the transport's own decoding. */
  error(error: StreamError): void;
}

/**
 * The small, engine-neutral interface a live feed talks to: one connection carrying many
 * topics. `sseFeedTransport` and `socketFeedTransport` implement it over `SSEClient` and
 * `SocketClient`; any other engine (socket.io with rooms as topics, a cross-tab leader) can
 * implement it too. Reconnection, backoff, auth and liveness belong to the engine underneath;
 * the transport only translates.
 *
 * Call order made by the feed: `attach` once, then `setTopics` (before the first `connect`
 * and on every change), `connect` when the first topic is wanted, `close` when none is left
 * (possibly `connect` again later), and the detach function returned by `attach` when the feed
 * is closed for good.
 */
export interface FeedTransport<Raw = unknown> {
  /** Wires the feed's sink. Returns the function that unwires it (the transport then stays quiet). */
  attach(sink: FeedTransportSink<Raw>): () => void;
  /** Opens the connection if it is not open or opening. Idempotent. */
  connect(): void;
  /** Closes the connection and any pending reconnect; no timers remain. Idempotent. */
  close(): void;
  /**
   * The topic set changed. Send subscribe/unsubscribe frames for `added`/`removed` now if
   * connected (then call `sink.live()`), and again for every topic after each reconnect; or
   * rebuild the connection for the new set (then call `sink.open` once it is up). A transport
   * whose server sends every topic on one stream may ignore it and call `sink.live()`.
   */
  setTopics(change: FeedTopicChange): void;
}
