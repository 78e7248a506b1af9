/**
 * A real HTTP server for SSE integration tests, on 127.0.0.1 and an ephemeral port. It records
 * every request, can be killed mid-stream (every socket destroyed, the listener closed) and
 * started again on the same port, so a client sees what a crashed-and-restarted server looks
 * like: reset connections, refused connections, then a fresh server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach } from 'vitest';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  /** 1-based number of this request since the server was created (kills do not reset it). */
  n: number;
  /** Resolves once the client (or a kill) closed this request's connection. */
  closed: Promise<void>;
}

export type SSEServerHandler = (req: IncomingMessage, res: ServerResponse, request: RecordedRequest) => void;

export class SSEServer {
  readonly requests: RecordedRequest[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  private port = 0;
  /** Timers handlers started; cleared on kill/close so nothing writes to a dead server. */
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private handler: SSEServerHandler) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get requestCount(): number {
    return this.requests.length;
  }

  setHandler(handler: SSEServerHandler): void {
    this.handler = handler;
  }

  /** A timer that dies with the server. */
  later(ms: number, callback: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      callback();
    }, ms);
    this.timers.add(timer);
  }

  /** Listens on 127.0.0.1: an ephemeral port the first time, the same port after a kill. */
  async start(): Promise<void> {
    const server = createServer((req, res) => {
      let markClosed!: () => void;
      const closed = new Promise<void>((resolve) => (markClosed = resolve));
      // 'close' on the response fires when the response ended or the connection went away.
      res.on('close', () => markClosed());
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        n: this.requests.length + 1,
        closed,
      };
      this.requests.push(recorded);
      this.handler(req, res, recorded);
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Crashes the server: every open connection reset, then no listener on the port. */
  async kill(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  /** Sockets currently open (to prove a client let go). */
  get openSockets(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    await this.kill();
  }
}

/** Writes the SSE headers at once (so the client sees the response before any event). */
export function openEventStream(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
  res.flushHeaders();
}

export function formatEvent(event: { id?: string | number; event?: string; data: string }): string {
  let text = '';
  if (event.event !== undefined) text += `event: ${event.event}\n`;
  if (event.id !== undefined) text += `id: ${event.id}\n`;
  for (const line of event.data.split('\n')) text += `data: ${line}\n`;
  return `${text}\n`;
}

/**
 * Servers and clients a test starts, stopped and closed after each test, so no socket or
 * reconnect timer outlives the test that made it.
 */
export function cleanupAfterEach() {
  const servers = new Set<SSEServer>();
  const clients = new Set<{ stop(): void }>();
  afterEach(async () => {
    for (const client of clients) client.stop();
    clients.clear();
    for (const server of servers) await server.close();
    servers.clear();
  });
  return {
    server<S extends SSEServer>(server: S): S {
      servers.add(server);
      return server;
    },
    client<C extends { stop(): void }>(client: C): C {
      clients.add(client);
      return client;
    },
  };
}
