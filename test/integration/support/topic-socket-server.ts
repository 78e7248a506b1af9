/**
 * A `ws` server for live-feed integration tests, on 127.0.0.1: it honours subscribe/unsubscribe
 * frames (`{ action, topic }` or batched `{ action, topics }`), records every frame each
 * connection sent, sends a frame to the subscribers of a topic, answers plain HTTP GETs through
 * a test's `snapshot` handler, and can be killed like a crashed process (every client terminated
 * without a close frame, the listener closed) and restarted on the same port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export interface TopicFrame {
  action: string;
  topic?: string;
  topics?: string[];
}

export interface TopicSocketServerOptions {
  /** Answers the server's HTTP requests (snapshots); 404 when it returns false. */
  http?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Called for each new connection (e.g. to send a greeting first). */
  onConnection?: (socket: WebSocket) => void;
  /** Called when a connection subscribes to a topic (e.g. a push server replaying its log). */
  onSubscribe?: (socket: WebSocket, topic: string) => void;
}

export class TopicSocketServer {
  port = 0;
  /** Connections accepted since the server was created (kills do not reset it). */
  connections = 0;
  /** Unsubscribe frames are recorded but not obeyed (a server that ignores them). */
  ignoreUnsubscribe = false;
  /** Every frame each connection sent, in order, one list per connection. */
  readonly frames: TopicFrame[][] = [];
  private readonly subscriptions = new Map<WebSocket, Set<string>>();
  private http: Server | null = null;
  private wss: WebSocketServer | null = null;

  constructor(private readonly options: TopicSocketServerOptions = {}) {}

  async start(): Promise<void> {
    const http = createServer((req, res) => {
      if (this.options.http?.(req, res) !== true) res.writeHead(404).end();
    });
    const wss = new WebSocketServer({ server: http });
    wss.on('connection', (socket) => {
      this.connections++;
      const received: TopicFrame[] = [];
      this.frames.push(received);
      const topics = new Set<string>();
      this.subscriptions.set(socket, topics);
      this.options.onConnection?.(socket);
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as TopicFrame;
        received.push(frame);
        for (const topic of frame.topics ?? [frame.topic!]) {
          if (frame.action === 'subscribe' && !topics.has(topic)) {
            topics.add(topic);
            this.options.onSubscribe?.(socket, topic);
          }
          if (frame.action === 'unsubscribe' && !this.ignoreUnsubscribe) topics.delete(topic);
        }
      });
      socket.on('close', () => this.subscriptions.delete(socket));
    });
    await new Promise<void>((resolve) => http.listen(this.port, '127.0.0.1', resolve));
    this.port = (http.address() as AddressInfo).port;
    this.http = http;
    this.wss = wss;
  }

  /** Sends `frame` to every open connection subscribed to `topic`. */
  sendTo(topic: string, frame: string): void {
    for (const [socket, topics] of this.subscriptions) if (topics.has(topic) && socket.readyState === WebSocket.OPEN) socket.send(frame);
  }

  /** Every client connection terminated (no close frame), the listener closed. */
  async kill(): Promise<void> {
    const { http, wss } = this;
    this.http = this.wss = null;
    if (!wss || !http) return;
    for (const client of wss.clients) client.terminate();
    this.subscriptions.clear();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  get openConnections(): number {
    return this.subscriptions.size;
  }

  /** Topics the first open connection is subscribed to. */
  get subscribedTopics(): number {
    return [...this.subscriptions.values()][0]?.size ?? 0;
  }
}
