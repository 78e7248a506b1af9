import { ws, type WebSocketHandler } from 'msw';
import { onNetworkConditionsChange, openNetworkConnection, type NetworkConnection } from './network.js';
import type { ScriptClock } from './sse.js';

/**
 * The handle of one mocked connection as the scenarios below use it (a subset of MSW's
 * `WebSocketClientHandle`).
 */
interface MockClient {
  readonly url: URL;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
}

/** Options shared by the scenarios. */
export interface SocketScenarioOptions {
  /**
   * Answer `{ type: 'ping' }` with `{ type: 'pong' }` (the client heartbeat's defaults).
   * Default `true`.
   */
  answerPings?: boolean;
  /**
   * Answer only this many pings per connection, then go silent while staying connected: the
   * client's heartbeat times out (`idle-timeout`) and reconnects. Default: answer them all.
   */
  stopPongsAfter?: number;
  /** The timers the scenario waits on. Default the platform's `setTimeout`; a fake clock in tests. */
  clock?: ScriptClock;
}

/** Options of {@link socketFeed}. */
export interface SocketFeedOptions extends SocketScenarioOptions {
  /** Wait between messages. Default 1,000 ms. */
  intervalMs?: number;
  /** Start over after the last message. Default `false`. */
  loop?: boolean;
}

/** Options of {@link flakySocket}. */
export interface FlakySocketOptions extends SocketScenarioOptions {
  /** Wait between ticks. Default 500 ms. */
  intervalMs?: number;
  /** Close each dropping connection after this many ticks. Default 3. */
  dropAfter?: number;
  /** How many connections drop before the server recovers for good. Default 1. */
  dropConnections?: number;
  /** Close code of a drop: 1006 (abnormal) reconnects; try 1008 to show an auth failure. Default 1006. */
  dropCode?: number;
  /** Builds tick `n` (1-based, counted across connections). Default `{ type: 'tick', n, connection }`. */
  message?: (n: number, connection: number) => unknown;
}

/** Options of {@link roomsServer}. */
export interface RoomsServerOptions extends SocketScenarioOptions {
  /** Type of the join message (carrying `room`). Default `'join'`, the client's default. */
  joinType?: string;
  /** Type of the leave message (carrying `room`). Default `'leave'`. */
  leaveType?: string;
}

const platformClock: ScriptClock = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** Close code of a connection that ended without a close frame (a drop, or no network). */
const ABNORMAL_CLOSURE = 1006;

function encode(message: unknown): string {
  return typeof message === 'string' ? message : JSON.stringify(message);
}

function decode(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

function isType(message: unknown, type: string): message is Record<string, unknown> {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;
}

/**
 * One mocked connection under the current network conditions: sends (delayed on a slow
 * network, dropped after a few on a flaky one), timers scaled to the network and cleared when
 * the connection ends, heartbeat pongs, and the drop when the network goes offline. Every
 * scenario below runs on it, so each follows the network switch the same way.
 */
class Connection {
  /** 1 for the first connection of its scenario, 2 for the next, … */
  readonly number: number;
  private closed = false;
  private sent = 0;
  private pongs = 0;
  private readonly timers = new Set<unknown>();
  private readonly clock: ScriptClock;
  private readonly offNetwork: () => void;
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    private readonly client: MockClient,
    private readonly network: NetworkConnection,
    private readonly options: SocketScenarioOptions,
    number: number,
  ) {
    this.number = number;
    this.clock = options.clock ?? platformClock;
    this.offNetwork = onNetworkConditionsChange((next) => {
      if (next === 'offline') this.close(ABNORMAL_CLOSURE, 'network offline');
    });
    client.addEventListener('close', () => this.release());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends `message` (JSON-encoded unless a string); on a flaky network, drops the connection instead once its quota is sent. */
  send(message: unknown): void {
    if (this.closed) return;
    const { dropAfter } = this.network;
    if (dropAfter !== undefined && this.sent >= dropAfter) return this.close(ABNORMAL_CLOSURE, 'network drop');
    this.sent++;
    this.deliver(encode(message));
  }

  /** Runs `callback` after `ms` (scaled to the network), unless the connection ended. Returns the cancel function. */
  after(ms: number, callback: () => void): () => void {
    const { delayFactor, latencyMs } = this.network.profile;
    return this.timer(ms * delayFactor + (ms > 0 ? latencyMs : 0), callback);
  }

  /** Runs `callback` every `ms` until it returns `false` or the connection ends. Returns the cancel function. */
  every(ms: number, callback: () => boolean | void): () => void {
    let cancel = () => {};
    const tick = () => {
      if (callback() === false) return;
      cancel = this.after(ms, tick);
    };
    cancel = this.after(ms, tick);
    return () => cancel();
  }

  /** Calls `listener` with each decoded client message; pings are answered (or not) first. */
  onMessage(listener: (message: unknown, raw: unknown) => void): void {
    this.client.addEventListener('message', (event) => {
      if (this.closed) return;
      const message = decode(event.data);
      if (this.answerPing(message)) return;
      listener(message, event.data);
    });
  }

  /** Calls `listener` once when the connection ends, whoever ended it. */
  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.release();
    this.client.close(code, reason);
  }

  /** Returns true when `message` was a heartbeat ping (answered or deliberately ignored). */
  private answerPing(message: unknown): boolean {
    const { answerPings, stopPongsAfter } = this.options;
    if (answerPings === false || !isType(message, 'ping')) return false;
    if (stopPongsAfter !== undefined && this.pongs >= stopPongsAfter) return true;
    this.pongs++;
    this.deliver(encode({ type: 'pong' }));
    return true;
  }

  /** Writes to the client now, or after the network's latency (constant, so order is kept). */
  private deliver(data: string): void {
    const { latencyMs } = this.network.profile;
    if (latencyMs > 0) this.timer(latencyMs, () => this.client.send(data));
    else this.client.send(data);
  }

  private timer(ms: number, callback: () => void): () => void {
    if (this.closed) return () => {};
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(handle);
      if (!this.closed) callback();
    }, ms);
    this.timers.add(handle);
    return () => {
      if (this.timers.delete(handle)) this.clock.clearTimeout(handle);
    };
  }

  private release(): void {
    if (this.closed) return;
    this.closed = true;
    this.offNetwork();
    for (const handle of this.timers) this.clock.clearTimeout(handle);
    this.timers.clear();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

/**
 * `ws.link(url)` whose connections each run `setup` on a {@link Connection} under the network
 * conditions of the moment (offline: refused before it opens).
 */
function serve(url: string | RegExp, options: SocketScenarioOptions, setup: (connection: Connection) => void): WebSocketHandler {
  let count = 0;
  return ws.link(url).addEventListener('connection', ({ client }) => {
    const mock = client as unknown as MockClient;
    const number = ++count;
    const network = openNetworkConnection(mock.url.href);
    // Closed in the connection listener, the socket never opens: the client sees a refusal.
    if (network.profile.offline) return mock.close(ABNORMAL_CLOSURE, 'network offline');
    setup(new Connection(mock, network, options, number));
  });
}

/**
 * A connected feed: every connection receives `messages` (JSON-encoded unless strings) one per
 * `intervalMs`, then stays open (or loops). For stories of a healthy live feed.
 *
 * ```ts
 * parameters: { msw: { handlers: [socketFeed('wss://api.test/orders', orderUpdates, { intervalMs: 800 })] } }
 * ```
 */
export function socketFeed(url: string, messages: readonly unknown[], options: SocketFeedOptions = {}): WebSocketHandler {
  const { intervalMs = 1_000, loop = false } = options;
  return serve(url, options, (connection) => {
    let index = 0;
    connection.every(intervalMs, () => {
      if (index >= messages.length) {
        if (!loop || messages.length === 0) return false;
        index = 0;
      }
      connection.send(messages[index++]);
      return true;
    });
    connection.onMessage(() => {});
  });
}

/**
 * A server that drops and recovers: the first `dropConnections` connections are closed with
 * `dropCode` after `dropAfter` ticks; later connections tick forever. For stories of the
 * reconnecting state and of the backoff.
 */
export function flakySocket(url: string, options: FlakySocketOptions = {}): WebSocketHandler {
  const {
    intervalMs = 500,
    dropAfter = 3,
    dropConnections = 1,
    dropCode = 1006,
    message = (n: number, connection: number) => ({ type: 'tick', n, connection }),
  } = options;
  let ticks = 0;
  return serve(url, options, (connection) => {
    let sentHere = 0;
    connection.every(intervalMs, () => {
      if (connection.number <= dropConnections && sentHere >= dropAfter) {
        connection.close(dropCode, 'scripted drop');
        return false;
      }
      sentHere++;
      connection.send(message(++ticks, connection.number));
      return true;
    });
    connection.onMessage(() => {});
  });
}

/**
 * Rooms and broadcast echo, speaking the client's default conventions:
 * - `{ type: 'join', room }` / `{ type: 'leave', room }` → membership, answered with
 *   `{ type: 'joined', room }` / `{ type: 'left', room }`;
 * - a message carrying `room` → broadcast to every member of that room (sender included);
 * - any other message → echoed back to its sender as is (so `request()` resolves with the echo:
 *   the id comes back);
 * - `{ type: 'ping' }` → `{ type: 'pong' }`.
 */
export function roomsServer(url: string, options: RoomsServerOptions = {}): WebSocketHandler {
  const { joinType = 'join', leaveType = 'leave' } = options;
  const members = new Map<string, Set<Connection>>();
  return serve(url, options, (connection) => {
    const joined = new Set<string>();
    connection.onMessage((message, raw) => {
      const room = typeof message === 'object' && message !== null ? (message as { room?: unknown }).room : undefined;
      if (typeof room === 'string' && isType(message, joinType)) {
        joined.add(room);
        if (!members.has(room)) members.set(room, new Set());
        members.get(room)!.add(connection);
        connection.send({ type: 'joined', room });
      } else if (typeof room === 'string' && isType(message, leaveType)) {
        joined.delete(room);
        members.get(room)?.delete(connection);
        connection.send({ type: 'left', room });
      } else if (typeof room === 'string') {
        for (const member of members.get(room) ?? []) member.send(message);
      } else {
        connection.send(typeof raw === 'string' ? raw : message);
      }
    });
    connection.onClose(() => {
      for (const room of joined) members.get(room)?.delete(connection);
    });
  });
}
