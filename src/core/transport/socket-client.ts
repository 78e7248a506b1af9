import type { BackoffOptions } from '../backoff.js';
import type { Clock, TimerHandle } from '../clock.js';
import { safely } from '../emitter.js';
import type { StreamEnvironment } from '../environment.js';
import { StreamError, type ShouldRetry } from '../errors.js';
import type { FrameSource } from '../frames.js';
import type { StreamMetrics } from '../metrics.js';
import { callingUserCode, resolve, type Resolvable } from '../resolvable.js';
import {
  decodeFrame,
  encodeMessage,
  frameSize,
  normalizeFrame,
  type SocketDecode,
  type SocketEncode,
  type SocketWireData,
} from './socket-codec.js';
import { Heartbeat, type HeartbeatOptions } from './socket-heartbeat.js';
import { OutboundQueue, type OutboundQueueOptions } from './socket-queue.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, PendingRequests, type SocketRequestOptions } from './socket-requests.js';
import { ConnectionLifecycle } from './lifecycle.js';
import type { StreamStatus } from './status.js';
import type { SocketShareMirror, SocketShareState } from '../share/socket-share.js';
import type { ShareHandle, TabSharing } from '../share/types.js';


export type { HeartbeatOptions } from './socket-heartbeat.js';
export type { OutboundQueueOptions, QueueFullPolicy } from './socket-queue.js';
export type { SocketRequestOptions } from './socket-requests.js';
export type { SocketDecode, SocketEncode, SocketFrameData, SocketWireData } from './socket-codec.js';

/** What {@link SocketClient.send} did with a message. */
export type SendResult =
  /** Written to the open socket. */
  | 'sent'
  /** Held in the outbound queue; it is written once, in order, when the socket (re)opens. */
  | 'queued'
  /** Neither: the queue is off or full (`whenFull: 'reject'`), or the client is closed/failed. */
  | 'rejected';

/**
 * The part of the WebSocket API the client uses. The DOM `WebSocket`, the `ws` package's
 * `WebSocket` and MSW's interceptor all fit.
 */
export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  // `any` on purpose: the DOM, `ws` and MSW sockets type their events differently, and a handler
  // property typed with `unknown` would reject all three under strictFunctionTypes.
  onopen: ((event: any) => void) | null;
  onmessage: ((event: any) => void) | null;
  onclose: ((event: any) => void) | null;
  onerror: ((event: any) => void) | null;
  send(data: any): void;
  close(code?: number, reason?: string): void;
}

/** A `WebSocket` class: `new WebSocket(url, protocols)`. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** The messages used to join and leave rooms. */
export interface SocketRoomsConvention {
  /** Builds the join message. Default `{ type: 'join', room }`. */
  join?: (room: string) => unknown;
  /** Builds the leave message. Default `{ type: 'leave', room }`. */
  leave?: (room: string) => unknown;
}

/** An opt-in token in the query string (see {@link SocketClientOptions.authQueryParam}). */
export interface SocketAuthQueryParam {
  /** Query parameter name, e.g. `token`. */
  name: string;
  /** The token, or a function resolved on every connection attempt (so reconnects get a fresh one). */
  value: Resolvable<string>;
}

/** How a connection ended, as reported by the close frame (or 1006 when there was none). */
export interface SocketCloseInfo {
  code: number;
  reason: string;
}

/** Close code of a normal closure: the server is done with us; no reconnect. */
export const NORMAL_CLOSURE = 1000;
/** Default {@link SocketClientOptions.authCloseCodes}: policy violation and the common 4001/4003 app codes. */
export const DEFAULT_AUTH_CLOSE_CODES: readonly number[] = Object.freeze([1008, 4001, 4003]);
/** Default {@link SocketClientOptions.connectTimeoutMs}. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
/** Close code the client uses when it gives up on a connection it considers dead (app range). */
export const CLIENT_TIMEOUT_CLOSE_CODE = 4000;

const OPEN = 1;

/** Options of {@link SocketClient}. Everything but `url`, `queue` and `clock` may change via `setOptions`. */
export interface SocketClientOptions<TIn = unknown> {
  /** `ws:`/`wss:` URL. Never put a token here; see `auth` and `authQueryParam`. */
  url: string | URL;
  /**
   * Subprotocols offered in the handshake, or a function resolved on every connection attempt.
   * Some servers take a token this way (`['bearer', token]`) because browsers cannot set headers.
   */
  protocols?: Resolvable<string | string[] | undefined>;
  /**
   * The recommended way to authenticate: a message sent first, right after the socket opens and
   * before anything else (room joins, queued messages). A value, or a function (sync or async)
   * resolved on EVERY connection attempt so a reconnect carries a fresh token, e.g.
   * `async () => ({ type: 'auth', token: await getToken() })`. `undefined`/`null`: no message.
   * The token never appears in URLs, so it stays out of proxy and server access logs.
   */
  auth?: Resolvable<unknown>;
  /**
   * Explicit opt-in: add the token to the URL's query string (`?name=value`). Only for servers
   * that accept nothing else — URLs end up in logs and browser history.
   */
  authQueryParam?: SocketAuthQueryParam;
  /**
   * Close codes that mean "not authorised": no reconnect, an `auth` error. Default
   * `[1008, 4001, 4003]`.
   */
  authCloseCodes?: readonly number[];
  /** Reconnection policy (full-jitter exponential backoff), or `false` to never reconnect. */
  retry?: BackoffOptions | false;
  /**
   * Replaces the default retry rule (`isRetryableError`: network errors and timeouts; auth close
   * codes are not retried). `attempt` is the 1-based attempt that failed. The retry budget still
   * applies; `stop()` is never retried.
   */
  shouldRetry?: ShouldRetry;
  /** Fail the attempt with `first-byte-timeout` if the handshake does not complete in time. 0 disables. Default 15,000 ms. */
  connectTimeoutMs?: number;
  /**
   * Ping/pong keep-alive. Off by default (`false`): enable with `true` for the defaults (ping
   * `{ type: 'ping' }` every 30 s, pong `{ type: 'pong' }` expected within 30 s of the ping) or
   * pass your own options. A missed pong reconnects with an `idle-timeout` error.
   */
  heartbeat?: HeartbeatOptions | boolean;
  /**
   * Outbound queue for messages sent while connecting or reconnecting (or before `start()`), or
   * `false` to reject them. Default: 100 messages, 30 s, `drop-oldest`. Read once, at construction.
   */
  queue?: OutboundQueueOptions | false;
  /** How inbound frames are decoded. Default `'json'`. */
  decode?: SocketDecode;
  /** How outbound messages are encoded. Default: strings and binary as-is, the rest as JSON. */
  encode?: SocketEncode;
  /** Field holding a message's type, for `subscribe(type, …)`. Default `'type'`. */
  typeField?: string;
  /** Field carrying the correlation id of `request()` and of its reply. Default `'id'`. */
  requestIdField?: string;
  /** Join/leave message convention. */
  rooms?: SocketRoomsConvention;
  /** Called for every decoded message, in order, none dropped (not batched). Heartbeat pongs excluded. */
  onMessage?: (message: TIn) => void;
  /** Called each time the socket opens (after the auth message, room joins and queue flush). */
  onOpen?: () => void;
  /** Called each time a connection closes (by the server or the network), with its close code. Not called for `stop()`. */
  onClose?: (info: SocketCloseInfo) => void;
  /** Called once per error: connection failures (`willRetry` tells if a reconnect follows) and per-message `parse` errors. */
  onError?: (error: StreamError) => void;
  /** The WebSocket class. Default: `globalThis.WebSocket`, looked up at connection time (safe to import on a server). */
  WebSocket?: WebSocketConstructor;
  /** Injectable time source (tests). */
  clock?: Clock;
  /** Injectable randomness for the backoff jitter and request ids (tests). */
  random?: () => number;
  /** Injectable online signal (tests): a pending reconnect fires at once when the browser comes back online. */
  environment?: StreamEnvironment;
  /** Injectable frame source for batching notifications (tests). */
  frames?: FrameSource;
  /**
   * Share one socket among the browser's tabs that open it: `acrossTabs({ identity })`. One
   * tab connects (with its own `auth`), the others receive its messages over a
   * `BroadcastChannel` and send, request, join and leave through it. A follower's `send`
   * returns `'queued'` (handed to the leader tab). Read when the client starts.
   */
  shareAcrossTabs?: TabSharing | undefined;
}

/** {@link StreamMetrics} plus the heartbeat's round trip. */
export interface SocketMetrics extends StreamMetrics {
  /** Round-trip time of the latest ping/pong, in milliseconds; `null` until one completed. */
  rttMs: number | null;
}

/** What {@link SocketClient.getSnapshot} returns; a new object only when something changed. */
export interface SocketSnapshot<TIn = unknown> {
  status: StreamStatus;
  /**
   * The latest error: a connection failure (also while reconnecting) or a `parse` error of one
   * message. `null` again once a message decodes.
   */
  error: StreamError | null;
  /**
   * Consecutive failed attempts: 0 again once a message arrives, or once a connection has stayed
   * open for `retry.stableAfterMs` (10 s by default) before it dropped.
   */
  attempt: number;
  /** Code of the latest close received (1006 when the connection dropped without one); `null` before any. */
  closeCode: number | null;
  /** Reason text of the latest close received; `null` before any. */
  closeReason: string | null;
  /** Rooms joined (or to join on the next open), in join order. */
  rooms: readonly string[];
  /** Messages waiting in the outbound queue. */
  queued: number;
  /** Messages discarded from the outbound queue (full, too old, or cleared by `stop()`). */
  dropped: number;
  /** The latest decoded message (heartbeat pongs excluded); `undefined` before any. */
  lastMessage: TIn | undefined;
  metrics: SocketMetrics;
}

type Events<TIn> = {
  message: TIn;
  open: undefined;
  close: SocketCloseInfo;
  error: StreamError;
};

interface Outbound {
  data: SocketWireData;
  requestId?: string | undefined;
}

const noop = () => {};

/**
 * A WebSocket that survives real networks, React-free: reconnection with full-jitter backoff,
 * first-message auth, heartbeat, a bounded outbound queue, request/reply correlation, typed
 * subscriptions and rooms re-joined after every reconnect.
 *
 * Lifecycle: `idle` → `connecting` → `open` → (`reconnecting` → `open`)* → `closed` | `error`.
 * Message listeners run synchronously for every message; snapshot subscribers are notified at
 * most once per animation frame.
 */
export class SocketClient<TIn = unknown> {
  private options: SocketClientOptions<TIn>;
  private closeCode: number | null = null;
  private closeReason: string | null = null;
  private lastMessage: TIn | undefined = undefined;
  private rttMs: number | null = null;
  private socket: WebSocketLike | null = null;
  private opened = false;
  private connectTimer: TimerHandle | null = null;
  private heartbeat: Heartbeat | null = null;
  private readonly rooms = new Set<string>();
  private readonly queue: OutboundQueue<Outbound> | null;
  private readonly pending: PendingRequests;
  private readonly typed = new Map<string, Set<(message: TIn) => void>>();
  private readonly life: ConnectionLifecycle<SocketSnapshot<TIn>, Events<TIn>>;
  /** This tab's part in a cross-tab share, while sharing. */
  private share: ShareHandle | null = null;
  /** While another tab leads: its figures, shown as this client's. */
  private mirrored: SocketShareMirror | null = null;
  /** While this tab leads a share: the rooms of every tab, which the socket joins. */
  private wireRooms: Set<string> | null = null;

  constructor(options: SocketClientOptions<TIn>) {
    this.options = { ...options };
    this.queue = options.queue === false ? null : new OutboundQueue<Outbound>(options.queue);
    this.life = new ConnectionLifecycle<SocketSnapshot<TIn>, Events<TIn>>({
      clock: options.clock,
      environment: options.environment,
      frames: options.frames,
      snapshot: (life) => this.buildSnapshot(life),
      policy: () => this.options,
      release: () => this.stop(),
    });
    this.pending = new PendingRequests(this.life.clock, options.random);
  }

  /** Current state. Stable between notifications, so it can feed `useSyncExternalStore`. */
  readonly getSnapshot = (): SocketSnapshot<TIn> => this.life.store.getSnapshot();

  /** Subscribes to snapshot changes (frame-batched). Returns the unsubscribe function. */
  readonly subscribeSnapshot = (listener: () => void): (() => void) => this.life.store.subscribe(listener);

  /**
   * `subscribe(type, fn)`: calls `fn` for every message whose type field (`typeField`, default
   * `type`) equals `type`, in order. `subscribe(fn)`: snapshot changes, frame-batched (the
   * `useSyncExternalStore` contract, same as {@link subscribeSnapshot}). Returns the unsubscribe
   * function.
   */
  subscribe(listener: () => void): () => void;
  subscribe(type: string, listener: (message: TIn) => void): () => void;
  subscribe(typeOrListener: string | (() => void), listener?: (message: TIn) => void): () => void {
    if (typeof typeOrListener === 'function') return this.life.store.subscribe(typeOrListener);
    if (listener === undefined) throw new TypeError('subscribe(type, listener) needs a listener.');
    let set = this.typed.get(typeOrListener);
    if (set === undefined) {
      set = new Set();
      this.typed.set(typeOrListener, set);
    }
    const own = set;
    // Wrap so the same function can be subscribed twice and removed independently.
    const entry = (message: TIn) => listener(message);
    own.add(entry);
    return () => {
      own.delete(entry);
      if (own.size === 0 && this.typed.get(typeOrListener) === own) this.typed.delete(typeOrListener);
    };
  }

  /** Adds a listener for every message / each open / each close / each error. Returns the remove function. */
  on(type: 'message', listener: (message: TIn) => void): () => void;
  on(type: 'open', listener: () => void): () => void;
  on(type: 'close', listener: (info: SocketCloseInfo) => void): () => void;
  on(type: 'error', listener: (error: StreamError) => void): () => void;
  on(type: keyof Events<TIn>, listener: (arg: never) => void): () => void {
    return this.life.events.on(type, listener as (arg: unknown) => void);
  }

  /** Replaces options and callbacks; connection options apply from the next attempt. */
  setOptions(options: Partial<SocketClientOptions<TIn>>): void {
    this.options = { ...this.options, ...options };
  }

  /**
   * Declares that someone holds this client (a mounted component). When the last holder
   * releases it, the client stops (after a microtask, so StrictMode's remount keeps the socket).
   */
  retain(): () => void {
    return this.life.demand.retain();
  }

  /** How many holders currently retain this client. */
  get holders(): number {
    return this.life.demand.count;
  }

  /** Connects, unless already connecting or open. Rooms and queued messages carry over. */
  readonly start = (): void => {
    if (this.share !== null) {
      // Shared: the socket to (re)start is the leader tab's (this one's if it leads).
      if (!this.life.isActive()) this.share.command('start').catch(noop);
      return;
    }
    if (this.life.isActive()) return;
    const run = this.life.begin();
    this.rttMs = null;
    const sharing = this.options.shareAcrossTabs;
    if (sharing !== undefined) return this.joinShare(run, sharing);
    void this.connect(run, false);
  };

  /**
   * Closes the socket (code 1000) and cancels any pending reconnect; status becomes `closed`.
   * Queued messages are discarded and pending requests rejected (`aborted`). No timers remain.
   */
  readonly stop = (): void => {
    this.share?.leave();
    this.share = null;
    this.mirrored = null;
    this.wireRooms = null;
    this.life.halt();
    const socket = this.socket;
    this.dropSocket();
    if (socket) abandon(socket, NORMAL_CLOSURE, 'client stopped');
    this.pending.failAll(new StreamError('aborted', 'The socket was stopped before the reply arrived.'));
    this.queue?.clear();
    this.life.store.invalidate();
    this.life.store.flush();
  };

  /**
   * Sends a message: written now if the socket is open, else queued (see `queue`). Encoding
   * happens here, so an unencodable message throws to the caller instead of failing later.
   */
  readonly send = (message: unknown): SendResult => {
    const data = this.encode(message);
    if (this.share === null || this.share.isLeader) return this.write({ data });
    this.share.command('send', data).catch(noop);
    return 'queued';
  };

  /**
   * Sends `message` with a correlation id (in `requestIdField`, generated unless the message has
   * one) and resolves with the first inbound message carrying the same id. Rejects with
   * `request-timeout` after `timeoutMs`, with `network` if the connection drops after sending, and
   * with `aborted` if it could not be sent or queued, was discarded from the queue, or the client
   * stopped; with a `TypeError` if a request with the same id is still pending. Requests are
   * never re-sent.
   */
  readonly request = <TReply = TIn>(message: object, options: SocketRequestOptions = {}): Promise<TReply> => {
    const field = this.options.requestIdField ?? 'id';
    const given = (message as Record<string, unknown>)[field];
    const hasId = typeof given === 'string' || typeof given === 'number';
    const id = hasId ? String(given) : this.pending.nextId();
    if (this.pending.has(id)) {
      // Two requests under one id could not be told apart when the reply comes.
      return Promise.reject(new TypeError(`A request with id ${id} is already pending.`));
    }
    const outgoing = hasId ? message : { ...message, [field]: id };
    const data = this.encode(outgoing);
    if (this.share !== null && !this.share.isLeader) {
      // The leader tab sends it and waits for the reply on its socket.
      return this.share.command('request', { data, id, timeoutMs: options.timeoutMs }) as Promise<TReply>;
    }
    const reply = this.pending.add(id, options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) as Promise<TReply>;
    if (this.write({ data, requestId: id }) === 'rejected') {
      this.pending.fail(id, new StreamError('aborted', 'The request could not be sent or queued.'));
    }
    return reply;
  };

  /**
   * Joins `room`: the join message is sent now if open, else on the next open. Every joined room
   * is joined again after each reconnect, before queued messages are flushed.
   */
  readonly join = (room: string): void => {
    if (this.rooms.has(room)) return;
    this.rooms.add(room);
    this.life.store.invalidate();
    // Shared: the leader joins it unless another tab already holds it.
    if (this.share !== null) return void this.share.command('join', room).catch(noop);
    if (this.isWritable()) this.writeNow({ data: this.encode(this.roomMessage('join', room)) });
  };

  /** Leaves `room`: the leave message is sent now if open; either way it is not re-joined. */
  readonly leave = (room: string): void => {
    if (!this.rooms.delete(room)) return;
    this.life.store.invalidate();
    // Shared: the leader leaves it once no tab holds it.
    if (this.share !== null) return void this.share.command('leave', room).catch(noop);
    if (this.isWritable()) this.writeNow({ data: this.encode(this.roomMessage('leave', room)) });
  };

  private isWritable(): boolean {
    return this.life.status === 'open' && this.socket !== null && this.socket.readyState === OPEN;
  }

  private encode(message: unknown): SocketWireData {
    return (this.options.encode ?? encodeMessage)(message);
  }

  private roomMessage(kind: 'join' | 'leave', room: string): unknown {
    const build = this.options.rooms?.[kind];
    return build ? build(room) : { type: kind, room };
  }

  private write(outbound: Outbound): SendResult {
    if (this.isWritable()) {
      this.writeNow(outbound);
      return 'sent';
    }
    // Idle (not started yet) queues too: a child component may send before the parent's effect starts us.
    const canQueue = this.life.isActive() || this.life.status === 'idle';
    if (this.queue === null || !canQueue) return 'rejected';
    const { requestId } = outbound;
    const accepted = this.queue.push({
      message: outbound,
      queuedAt: this.life.clock.now(),
      onDiscard:
        requestId === undefined
          ? undefined
          : (why) =>
              this.pending.fail(
                requestId,
                new StreamError('aborted', `The request was discarded from the outbound queue (${why}).`),
              ),
    });
    this.life.store.invalidate();
    return accepted ? 'queued' : 'rejected';
  }

  private writeNow(outbound: Outbound): void {
    this.socket!.send(outbound.data);
    if (outbound.requestId !== undefined) this.pending.markSent(outbound.requestId);
  }

  /** One connection attempt: resolves credentials, opens the socket and wires its events. */
  private async connect(run: number, isReconnect: boolean): Promise<void> {
    const life = this.life;
    life.setStatus(isReconnect ? 'reconnecting' : 'connecting');
    life.metrics.attemptStarted(life.clock.now(), isReconnect);
    life.store.invalidate();

    let url: string;
    let protocols: string | string[] | undefined;
    let authMessage: unknown;
    try {
      [url, protocols, authMessage] = await callingUserCode('auth, protocols or token', () =>
        Promise.all([this.buildUrl(), resolve(this.options.protocols), resolve(this.options.auth)]),
      );
    } catch (error) {
      if (run !== life.run) return;
      return this.fail(run, error as StreamError);
    }
    if (run !== life.run) return;

    const Socket = this.options.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketConstructor | undefined);
    let socket: WebSocketLike;
    let authData: SocketWireData | null;
    try {
      if (Socket === undefined) throw new TypeError('No WebSocket implementation: pass the `WebSocket` option.');
      authData = authMessage === undefined || authMessage === null ? null : this.encode(authMessage);
      socket = protocols === undefined ? new Socket(url) : new Socket(url, protocols);
    } catch (cause) {
      // A malformed URL or a missing implementation: retrying cannot help.
      return this.fail(run, new StreamError('network', 'The WebSocket could not be created.', { cause }), false);
    }
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this.opened = false;
    socket.onopen = () => this.handleOpen(socket, authData);
    socket.onmessage = (event: { data: unknown }) => this.handleMessage(run, socket, event.data);
    socket.onclose = (event: { code?: number; reason?: string }) => this.handleClose(run, socket, event);
    // A close event always follows an error event; the close carries the code we act on.
    socket.onerror = noop;

    const timeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    if (timeoutMs > 0) {
      this.connectTimer = life.clock.setTimeout(() => {
        this.connectTimer = null;
        this.giveUpOn(
          run,
          socket,
          new StreamError('first-byte-timeout', `The WebSocket handshake did not complete within ${timeoutMs} ms.`, {
            timeoutMs,
          }),
        );
      }, timeoutMs);
    }
  }

  private async buildUrl(): Promise<string> {
    const { url, authQueryParam } = this.options;
    if (authQueryParam === undefined) return String(url);
    const withToken = new URL(String(url));
    withToken.searchParams.set(authQueryParam.name, await resolve(authQueryParam.value));
    return withToken.href;
  }

  private handleOpen(socket: WebSocketLike, authData: SocketWireData | null): void {
    if (socket !== this.socket) return;
    this.clearConnectTimer();
    this.opened = true;
    this.life.opened(this.life.clock.now());
    this.life.setStatus('open');
    // Order on the wire: auth first, then room joins, then what was queued, oldest first.
    if (authData !== null) socket.send(authData);
    for (const room of this.wireRooms ?? this.rooms) socket.send(this.encode(this.roomMessage('join', room)));
    if (this.queue !== null && this.queue.size > 0) {
      for (const entry of this.queue.drain(this.life.clock.now())) this.writeNow(entry.message);
      this.life.store.invalidate();
    }
    this.startHeartbeat(socket);
    this.life.events.emit('open', undefined, this.options.onOpen);
  }

  private startHeartbeat(socket: WebSocketLike): void {
    const { heartbeat } = this.options;
    if (heartbeat === undefined || heartbeat === false) return;
    const run = this.life.run;
    this.heartbeat = new Heartbeat(heartbeat === true ? {} : heartbeat, this.life.clock, {
      sendPing: (message) => {
        if (socket === this.socket && socket.readyState === OPEN) socket.send(this.encode(message));
      },
      onRoundTrip: (rtt) => {
        this.rttMs = rtt;
        this.life.store.invalidate();
      },
      onTimeout: (ms) =>
        this.giveUpOn(run, socket, new StreamError('idle-timeout', `No pong within ${ms} ms; the connection looks dead.`, { timeoutMs: ms })),
    });
    this.heartbeat.start();
  }

  private handleMessage(run: number, socket: WebSocketLike, raw: unknown): void {
    const life = this.life;
    if (socket !== this.socket || run !== life.run) return;
    const now = life.clock.now();
    const data = normalizeFrame(raw);
    life.metrics.bytesReceived(frameSize(data), now);
    let message: unknown;
    try {
      message = decodeFrame(data, this.options.decode ?? 'json');
    } catch (error) {
      // One bad message must not cost the connection: report it and carry on.
      const parseError = (error as StreamError).with({ willRetry: false });
      life.error = parseError;
      life.store.invalidate();
      life.events.emit('error', parseError, this.options.onError);
      return;
    }
    life.progress(now);
    if (this.heartbeat !== null && this.heartbeat.isPong(message)) {
      this.heartbeat.pong();
      life.store.invalidate();
      return;
    }
    life.metrics.eventDispatched(now);
    // Before the invalidation: a first change is published at once, with this message.
    this.lastMessage = message as TIn;
    life.store.invalidate();
    this.dispatch(message as TIn);
  }

  /** A decoded message to its listeners (and a pending request it answers). */
  private dispatch(message: TIn): void {
    const life = this.life;
    this.lastMessage = message;
    if (typeof message !== 'object' || message === null) {
      life.events.emit('message', message, this.options.onMessage);
    } else {
      const record = message as Record<string, unknown>;
      const id = record[this.options.requestIdField ?? 'id'];
      if (id !== undefined && this.pending.size > 0) this.pending.settle(id, message);
      life.events.emit('message', message, this.options.onMessage);
      const type = record[this.options.typeField ?? 'type'];
      const subscribers = typeof type === 'string' ? this.typed.get(type) : undefined;
      // Iterated directly (no copy per message): one that unsubscribes meanwhile is skipped.
      if (subscribers) for (const listener of subscribers) safely(listener, message);
    }
  }

  private handleClose(run: number, socket: WebSocketLike, event: { code?: number; reason?: string }): void {
    const life = this.life;
    if (socket !== this.socket || run !== life.run) return;
    const wasOpen = this.opened;
    this.dropSocket();
    const code = event.code ?? 1006;
    const reason = event.reason ?? '';
    this.closeCode = code;
    this.closeReason = reason;
    this.pending.failSent(
      new StreamError('network', 'The connection closed before the reply arrived.', { closeCode: code, closeReason: reason }),
    );
    life.events.emit('close', { code, reason }, this.options.onClose);
    if (run !== life.run) return;

    if (code === NORMAL_CLOSURE) {
      life.error = null;
      life.setStatus('closed');
      life.store.flush();
      return;
    }
    const authCodes = this.options.authCloseCodes ?? DEFAULT_AUTH_CLOSE_CODES;
    const error = authCodes.includes(code)
      ? new StreamError('auth', `The server refused the connection (close code ${code}).`, {
          closeCode: code,
          closeReason: reason,
        })
      : new StreamError(
          'network',
          wasOpen
            ? `The connection closed abnormally (close code ${code}).`
            : `The connection could not be established (close code ${code}).`,
          { closeCode: code, closeReason: reason },
        );
    this.fail(run, error);
  }

  /** Abandons a connection we consider dead (timeout) and fails the attempt with `error`. */
  private giveUpOn(run: number, socket: WebSocketLike, error: StreamError): void {
    if (socket !== this.socket || run !== this.life.run) return;
    this.dropSocket();
    // Do not wait for a close handshake a dead peer will never answer.
    abandon(socket, CLIENT_TIMEOUT_CLOSE_CODE, error.kind);
    this.pending.failSent(new StreamError('network', 'The connection was lost before the reply arrived.'));
    this.fail(run, error);
  }

  /** Records a failed attempt, then waits and reconnects, or gives up (the shared lifecycle decides). */
  private fail(run: number, error: StreamError, retryable = true): void {
    void this.life.fail(run, error, { final: !retryable }).then((retry) => {
      if (retry) void this.connect(run, true);
    });
  }

  private clearConnectTimer(): void {
    if (this.connectTimer !== null) this.life.clock.clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }

  /** Forgets the current socket and every timer tied to it. */
  private dropSocket(): void {
    if (this.opened) this.life.dropped(this.life.clock.now());
    this.clearConnectTimer();
    this.heartbeat?.stop();
    this.heartbeat = null;
    this.socket = null;
    this.opened = false;
  }

  private buildSnapshot(life: ConnectionLifecycle<SocketSnapshot<TIn>, Events<TIn>>): SocketSnapshot<TIn> {
    return {
      status: life.status,
      error: life.error,
      rooms: [...this.rooms],
      queued: this.queue?.size ?? 0,
      dropped: this.queue?.dropped ?? 0,
      lastMessage: this.lastMessage,
      ...(this.mirrored ?? this.figures(life)),
    };
  }

  /** The own connection's attempt count, close and metrics (a follower shows the leader's). */
  private figures(life: ConnectionLifecycle<SocketSnapshot<TIn>, Events<TIn>>): Omit<SocketShareState, 'status' | 'error'> {
    return {
      attempt: life.failures,
      closeCode: this.closeCode,
      closeReason: this.closeReason,
      metrics: { ...life.metrics.snapshot(), rttMs: this.rttMs },
    };
  }

  /**
   * Joins the tabs sharing this stream (`shareAcrossTabs`); connects on its own when it cannot
   * share here. The sharing code comes with the option's value, so apps that do not share do
   * not bundle it.
   */
  private joinShare(run: number, sharing: TabSharing): void {
    this.share = sharing.socket(this);
    if (this.share === null) void this.connect(run, false);
  }
}

/** Detaches our handlers and closes `socket` without waiting for (or reacting to) its close event. */
export function abandon(socket: WebSocketLike, code: number, reason: string): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  // Keep an error listener: Node's `ws` throws an unhandled 'error' when closed while connecting.
  socket.onerror = noop;
  try {
    socket.close(code, reason);
  } catch {
    // Already closing or closed: nothing left to release.
  }
}
