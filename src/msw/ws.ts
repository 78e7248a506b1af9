import { ws, type WebSocketHandler } from 'msw';
import { onNetworkConditionsChange, openNetworkConnection, type NetworkConnection } from './network.js';
import { systemClock } from '../core/clock.js';
import { nextTask, type ScriptClock } from './sse.js';

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
    this.clock = options.clock ?? systemClock;
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

/** Matches a client message: its `type`, fields it must carry (compared with `===`), or a predicate. */
export type SocketMessageMatch = string | Readonly<Record<string, unknown>> | ((message: unknown) => boolean);

/** One rule of {@link scriptedSocket}: how the server answers a client message. */
export interface SocketReply {
  /** Which client messages this rule answers (the first matching rule wins). */
  match: SocketMessageMatch;
  /**
   * The reply: a message, or a function building it from the client's decoded message (e.g. to
   * carry its `id` back, so `request()` resolves). A function returning `undefined` sends nothing.
   */
  reply?: unknown;
  /** Several messages instead, in order, `delayMs` apart (e.g. a token stream), or a function building them. */
  replies?: readonly unknown[] | ((message: unknown) => readonly unknown[]);
  /** Wait before the reply (and between replies). Default 0. */
  delayMs?: number;
}

/** One timed step of {@link scriptedSocket}: a message to send, or a close. */
export type SocketStep =
  /** Sends `message` `delayMs` after the previous step (the first: after the connection opened). */
  | { delayMs?: number; message: unknown }
  /** Closes the connection: 1006 is a drop (the client reconnects), 1000 a normal end, 1008 a refusal. */
  | { delayMs?: number; close: { code?: number; reason?: string } };

/** Options of {@link scriptedSocket}. */
export interface ScriptedSocketOptions extends SocketScenarioOptions {
  /** Sent on every connection, in order. Default none. */
  steps?: readonly SocketStep[] | ((connection: number) => readonly SocketStep[]);
  /** Answers to client messages. Unmatched messages get no answer. Default none. */
  replies?: readonly SocketReply[];
}

function matches(match: SocketMessageMatch, message: unknown): boolean {
  if (typeof match === 'function') return match(message);
  if (typeof match === 'string') return isType(message, match);
  if (typeof message !== 'object' || message === null) return false;
  const record = message as Record<string, unknown>;
  return Object.entries(match).every(([key, value]) => record[key] === value);
}

/** Plays `steps` on `connection`, each after the previous one. */
function playSteps(connection: Connection, steps: readonly SocketStep[], index = 0): void {
  const step = steps[index];
  if (step === undefined) return;
  const run = () => {
    // A close waits a task, so what the steps before it sent still goes out first.
    if ('close' in step) return void nextTask().then(() => connection.close(step.close.code ?? 1000, step.close.reason ?? ''));
    connection.send(step.message);
    playSteps(connection, steps, index + 1);
  };
  // Undelayed steps go out at once, so an instant reply needs no timer (nor a fake clock's advance).
  if ((step.delayMs ?? 0) > 0) connection.after(step.delayMs!, run);
  else run();
}

/**
 * A scripted server: timed sends on every connection (ending, if you like, in a close) and
 * replies to matching client messages.
 *
 * ```ts
 * scriptedSocket('wss://api.test/chat', {
 *   steps: [{ message: { type: 'welcome' } }, { delayMs: 5_000, close: { code: 1006 } }],
 *   replies: [{ match: 'order', reply: (m) => ({ type: 'ack', id: (m as { id: string }).id }) }],
 * })
 * ```
 */
export function scriptedSocket(url: string, options: ScriptedSocketOptions): WebSocketHandler {
  const { steps = [], replies = [] } = options;
  return serve(url, options, (connection) => {
    const script = typeof steps === 'function' ? steps(connection.number) : steps;
    // Played from the next task, once the socket has opened: a close in the connection event
    // itself would be a refusal (the socket never opens, and what was sent is lost).
    void nextTask().then(() => playSteps(connection, script));
    connection.onMessage((message) => {
      const rule = replies.find((candidate) => matches(candidate.match, message));
      if (rule === undefined) return;
      const build = (value: unknown) => (typeof value === 'function' ? (value as (m: unknown) => unknown)(message) : value);
      const out = rule.replies === undefined ? [build(rule.reply)] : typeof rule.replies === 'function' ? rule.replies(message) : rule.replies;
      playSteps(connection, out.filter((reply) => reply !== undefined).map((reply) => ({ delayMs: rule.delayMs ?? 0, message: reply })));
    });
  });
}

/** Options of {@link refuseSocket}. */
export interface RefuseSocketOptions extends SocketScenarioOptions {
  /** Close code. Default 1008 (policy violation: the client treats it as an auth failure and stops). */
  code?: number;
  /** Close reason (the client keeps it in `closeReason`). Default `'Policy violation'`. */
  reason?: string;
  /** Refuse only the first N connections, then accept and stay silent. Default: all. */
  connections?: number;
}

/** A server that refuses every connection (or the first `connections`) before it opens, with `code`. */
export function refuseSocket(url: string, options: RefuseSocketOptions = {}): WebSocketHandler {
  const { code = 1008, reason = 'Policy violation', connections } = options;
  return serve(url, options, (connection) => {
    if (connections === undefined || connection.number <= connections) connection.close(code, reason);
    else connection.onMessage(() => {});
  });
}

/** A subscribe or unsubscribe frame, as {@link topicFeed} reads it. */
export interface TopicFrame {
  subscribe: boolean;
  topics: readonly string[];
}

/** Options of {@link topicFeed}. */
export interface TopicFeedOptions extends SocketScenarioOptions {
  /** The messages of a topic, sent to a connection once it subscribes, one per `intervalMs`. */
  messages: (topic: string) => readonly unknown[];
  /** Wait before each message. Default 1,000 ms. */
  intervalMs?: number;
  /**
   * Reads a subscribe/unsubscribe frame (`null`: not one). Default: the client's rooms
   * convention `{ type: 'join' | 'leave', room }` and `{ action: 'subscribe' | 'unsubscribe', topic | topics }`.
   */
  readFrame?: (message: unknown) => TopicFrame | null;
}

const SUBSCRIBE = new Set(['join', 'subscribe']);
const UNSUBSCRIBE = new Set(['leave', 'unsubscribe']);

function readTopicFrame(message: unknown): TopicFrame | null {
  if (typeof message !== 'object' || message === null) return null;
  const record = message as Record<string, unknown>;
  const kind = record['type'] ?? record['action'];
  if (typeof kind !== 'string' || (!SUBSCRIBE.has(kind) && !UNSUBSCRIBE.has(kind))) return null;
  const list = Array.isArray(record['topics']) ? record['topics'] : [record['topic'] ?? record['room']];
  const topics = list.filter((topic): topic is string => typeof topic === 'string');
  return { subscribe: SUBSCRIBE.has(kind), topics };
}

/**
 * A topic server for live feeds: a connection subscribing to a topic receives that topic's
 * messages one per `intervalMs` (from the first, again on every new subscription: a plain
 * server without resume); unsubscribing stops them. Built for the order tracker and the
 * notification feed, e.g.
 * `topicFeed(url, { messages: (id) => orderEvents('happy', { orderId: id }).map((e) => toWire(e)) })`.
 */
export function topicFeed(url: string, options: TopicFeedOptions): WebSocketHandler {
  const { messages, intervalMs = 1_000, readFrame = readTopicFrame } = options;
  return serve(url, options, (connection) => {
    const playing = new Map<string, () => void>();
    connection.onMessage((message) => {
      const frame = readFrame(message);
      if (frame === null) return;
      for (const topic of frame.topics) {
        playing.get(topic)?.();
        playing.delete(topic);
        if (!frame.subscribe) continue;
        const list = messages(topic);
        let index = 0;
        playing.set(
          topic,
          connection.every(intervalMs, () => {
            if (index < list.length) connection.send(list[index++]);
            return index < list.length;
          }),
        );
      }
    });
  });
}
