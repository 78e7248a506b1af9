import { ws, type WebSocketHandler } from 'msw';

/**
 * The handle of one mocked connection as the scenarios below use it (a subset of MSW's
 * `WebSocketClientHandle`).
 */
interface MockClient {
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

/** Replies to heartbeat pings when enabled; returns true when `message` was a ping. */
function handlePing(client: MockClient, message: unknown, options: SocketScenarioOptions): boolean {
  if (options.answerPings === false || !isType(message, 'ping')) return false;
  client.send(encode({ type: 'pong' }));
  return true;
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
  return ws.link(url).addEventListener('connection', ({ client }) => {
    const mock = client as unknown as MockClient;
    let index = 0;
    const timer = setInterval(() => {
      if (index >= messages.length) {
        if (!loop || messages.length === 0) return clearInterval(timer);
        index = 0;
      }
      mock.send(encode(messages[index++]));
    }, intervalMs);
    mock.addEventListener('message', (event) => handlePing(mock, decode(event.data), options));
    mock.addEventListener('close', () => clearInterval(timer));
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
  let connections = 0;
  let ticks = 0;
  return ws.link(url).addEventListener('connection', ({ client }) => {
    const mock = client as unknown as MockClient;
    const connection = ++connections;
    let sentHere = 0;
    const timer = setInterval(() => {
      if (connection <= dropConnections && sentHere >= dropAfter) {
        clearInterval(timer);
        mock.close(dropCode, 'scripted drop');
        return;
      }
      sentHere++;
      mock.send(encode(message(++ticks, connection)));
    }, intervalMs);
    mock.addEventListener('message', (event) => handlePing(mock, decode(event.data), options));
    mock.addEventListener('close', () => clearInterval(timer));
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
  const members = new Map<string, Set<MockClient>>();
  return ws.link(url).addEventListener('connection', ({ client }) => {
    const mock = client as unknown as MockClient;
    const joined = new Set<string>();
    mock.addEventListener('message', (event) => {
      const message = decode(event.data);
      if (handlePing(mock, message, options)) return;
      const room = typeof message === 'object' && message !== null ? (message as { room?: unknown }).room : undefined;
      if (typeof room === 'string' && isType(message, joinType)) {
        joined.add(room);
        if (!members.has(room)) members.set(room, new Set());
        members.get(room)!.add(mock);
        mock.send(encode({ type: 'joined', room }));
      } else if (typeof room === 'string' && isType(message, leaveType)) {
        joined.delete(room);
        members.get(room)?.delete(mock);
        mock.send(encode({ type: 'left', room }));
      } else if (typeof room === 'string') {
        for (const member of members.get(room) ?? []) member.send(encode(message));
      } else {
        mock.send(typeof event.data === 'string' ? event.data : encode(message));
      }
    });
    mock.addEventListener('close', () => {
      for (const room of joined) members.get(room)?.delete(mock);
    });
  });
}
