/**
 * A socket.io cluster for integration tests: servers on 127.0.0.1 (node:http, ephemeral ports)
 * joined by `@socket.io/redis-adapter` through a test's own redis-server, so what one server
 * publishes reaches the clients of every other. A server can be killed like a crashed process
 * (every TCP connection destroyed, no socket.io goodbye, its Redis connections dropped) and
 * started again on the same port.
 *
 * The servers speak a small feed protocol: `subscribe`/`unsubscribe` (topic, optional ack) join
 * and leave the topic's room and are counted per server; `snapshot` (topic, ack) answers
 * `{ seq, state }` from the shared {@link TopicLog}; published events are
 * `{ topic, id, seq, data }` under the socket.io event name `event`.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { Socket as NetSocket } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server, type ServerOptions } from 'socket.io';
import { vi } from 'vitest';

/** One event as the servers send it. */
export interface WireEvent {
  topic: string;
  id: string;
  seq: number;
  data: string;
}

/**
 * The per-topic event log every server of the cluster reads (standing in for the app's
 * database): `seq` is consecutive per topic, `id` unique.
 */
export class TopicLog {
  private readonly logs = new Map<string, WireEvent[]>();

  append(topic: string, data: string): WireEvent {
    const log = this.logs.get(topic) ?? [];
    this.logs.set(topic, log);
    const event = { topic, id: `${topic}#${log.length + 1}`, seq: log.length + 1, data };
    log.push(event);
    return event;
  }

  events(topic: string): readonly WireEvent[] {
    return this.logs.get(topic) ?? [];
  }

  /** What a snapshot endpoint answers: every `data` so far and the `seq` it includes. */
  snapshot(topic: string): { seq: number; state: string[] } {
    const log = this.events(topic);
    return { seq: log.length, state: log.map((event) => event.data) };
  }
}

/** Frames one server received, per topic. */
export interface FrameCounts {
  subscribe: Map<string, number>;
  unsubscribe: Map<string, number>;
  snapshot: Map<string, number>;
}

const bump = (counts: Map<string, number>, topic: string): void => {
  counts.set(topic, (counts.get(topic) ?? 0) + 1);
};

/** One socket.io server of the cluster. */
export class SocketIoNode {
  readonly frames: FrameCounts = { subscribe: new Map(), unsubscribe: new Map(), snapshot: new Map() };
  /** Connections accepted by this server since it was created (restarts do not reset it). */
  connections = 0;
  /** When set, the server refuses new connections in a middleware with this message (as auth does). */
  refuse: string | null = null;
  private http: HttpServer | null = null;
  private io: Server | null = null;
  private redis: Redis[] = [];
  private readonly sockets = new Set<NetSocket>();
  private port = 0;

  constructor(
    readonly name: string,
    /** The cluster's Redis, or `null` for a lone server with socket.io's in-memory adapter. */
    private readonly redisUrl: string | null,
    private readonly log: TopicLog,
    private readonly serverOptions: Partial<ServerOptions> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.io !== null;
  }

  /** Listens (an ephemeral port the first time, the same port after a kill) once Redis is subscribed. */
  async start(): Promise<void> {
    const redisUrl = this.redisUrl;
    const [pub, sub] =
      redisUrl === null
        ? []
        : [
            new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 }),
            new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectionName: `${this.name}-sub` }),
          ];
    if (pub && sub) {
      await Promise.all([pub.connect(), sub.connect()]);
      this.redis = [pub, sub];
    }
    const http = createServer();
    http.on('connection', (socket: NetSocket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    const io = new Server(http, pub && sub ? { ...this.serverOptions, adapter: createAdapter(pub, sub) } : this.serverOptions);
    io.use((_socket, next) => next(this.refuse === null ? undefined : new Error(this.refuse)));
    io.on('connection', (socket) => {
      this.connections++;
      socket.on('subscribe', (topic: string, ack?: () => void) => {
        bump(this.frames.subscribe, topic);
        void socket.join(topic);
        if (typeof ack === 'function') ack();
      });
      socket.on('unsubscribe', (topic: string, ack?: () => void) => {
        bump(this.frames.unsubscribe, topic);
        void socket.leave(topic);
        if (typeof ack === 'function') ack();
      });
      socket.on('snapshot', (topic: string, ack: (snapshot: { seq: number; state: string[] }) => void) => {
        bump(this.frames.snapshot, topic);
        ack(this.log.snapshot(topic));
      });
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (http.address() as { port: number }).port;
    this.http = http;
    this.io = io;
    if (!pub) return;
    // The adapter subscribes to Redis asynchronously: until it has, this server would miss
    // what the others publish. Wait until Redis lists the subscriptions.
    await vi.waitFor(
      async () => {
        const clients = String(await pub.call('CLIENT', 'LIST'));
        const line = clients.split('\n').find((entry) => entry.includes(` name=${this.name}-sub `));
        if (!line || !/ psub=[1-9]/.test(line) || !/ sub=[1-9]/.test(line)) throw new Error(`${this.name} not subscribed yet`);
      },
      { timeout: 5_000, interval: 10 },
    );
  }

  /**
   * Stores an event in the shared log and broadcasts it to the topic's room on every server
   * (through Redis). `times` > 1 sends the very same event again: duplicate delivery.
   */
  publish(topic: string, data: string, times = 1): WireEvent {
    const event = this.log.append(topic, data);
    for (let i = 0; i < times; i++) this.io!.to(topic).emit('event', event);
    return event;
  }

  /** Sends an event as it is (a server re-sending old events), logging nothing; `name` is the socket.io event name. */
  publishRaw(event: WireEvent, name = 'event'): void {
    this.io!.to(event.topic).emit(name, event);
  }

  /** Clients connected to this server now. */
  clientCount(): number {
    return this.io?.of('/').sockets.size ?? 0;
  }

  /** Total frames of a kind this server received, all topics. */
  count(kind: keyof FrameCounts): number {
    let total = 0;
    for (const n of this.frames[kind].values()) total += n;
    return total;
  }

  /** Drops every TCP connection (a network blip): the server and its sessions stay. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  /**
   * Dies like a crashed process: every TCP connection is destroyed before socket.io could say
   * goodbye (clients see a dropped transport and reconnect), then the listener and the Redis
   * connections close.
   */
  async kill(): Promise<void> {
    const { http, io } = this;
    if (http === null || io === null) return;
    this.http = null;
    this.io = null;
    this.dropConnections();
    await new Promise<void>((resolve) => {
      void io.close(() => resolve());
    });
    // QUIT, not a hard disconnect: closing socket.io left the adapter's UNSUBSCRIBE commands in
    // flight, and dropping the connection under them rejected them unhandled ("Connection is
    // closed"). The clients' sockets above were already dropped like a crash; Redis need not be.
    // Bounded, in case a connection is already down and QUIT waits on a reconnect.
    await Promise.race([
      Promise.allSettled(this.redis.map((client) => client.quit())),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]);
    for (const client of this.redis) client.disconnect();
    this.redis = [];
  }
}

/** Starts `count` servers joined through the Redis at `redisUrl`. */
export async function startCluster(redisUrl: string, log: TopicLog, count: number, options?: Partial<ServerOptions>) {
  const nodes = Array.from({ length: count }, (_, i) => new SocketIoNode(String.fromCharCode(65 + i), redisUrl, log, options));
  for (const node of nodes) await node.start();
  return nodes;
}
