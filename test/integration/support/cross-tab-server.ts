/**
 * The server of the cross-tab tests, on 127.0.0.1: the test page (built once with Vite), an SSE
 * stream at `/sse` and a WebSocket at `/ws`, each counting its connections and recording who
 * opened them, and one event log both streams serve from (so every tab's log can be compared
 * with the server's exactly).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { WebSocketServer, type WebSocket } from 'ws';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Builds the page once into a temporary folder; returns it and its removal. */
export async function buildCrossTabPage(): Promise<{ dir: string; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'cross-tab-page-'));
  await build({
    root: fileURLToPath(new URL('./cross-tab-page/', import.meta.url)),
    base: './',
    logLevel: 'warn',
    configFile: false,
    plugins: [react()],
    build: { outDir: dir, emptyOutDir: true, minify: false },
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface StreamConnection {
  kind: 'sse' | 'ws';
  /** The tab that opened it (its `x-tab` header / auth message). */
  tab: string;
  /** What authenticated it (the tab's own token). */
  token: string;
  lastEventId: string | null;
  open: boolean;
}

interface SocketPeer {
  socket: WebSocket;
  connection: StreamConnection;
  rooms: Set<string>;
}

export class CrossTabServer {
  /** Every SSE event written, in order: ids 1, 2, 3… */
  readonly log: string[] = [];
  /** Every WebSocket event published, in order: `room:n`. */
  private readonly publications: string[] = [];
  readonly connections: StreamConnection[] = [];
  /** Messages tabs sent through the socket (not auth, not joins). */
  readonly received: { tab: string; message: unknown }[] = [];
  private readonly streams = new Set<{ res: ServerResponse; connection: StreamConnection }>();
  private readonly peers = new Set<SocketPeer>();
  private readonly http = createServer((req, res) => void this.handle(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private roomCounter = 0;

  constructor(private readonly pageDir: string) {
    this.http.on('upgrade', (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/`;
  }

  /** Connections still open, of a kind. */
  openConnections(kind: 'sse' | 'ws'): StreamConnection[] {
    return this.connections.filter((connection) => connection.kind === kind && connection.open);
  }

  /** Writes `count` SSE events to every open stream. */
  emit(count = 1): void {
    for (let i = 0; i < count; i++) {
      const id = String(this.log.length + 1);
      this.log.push(id);
      const text = `id: ${id}\ndata: event ${id}\n\n`;
      for (const { res } of this.streams) res.write(text);
    }
  }

  /** Publishes one WebSocket event to `room`'s members. */
  publish(room: string): void {
    const n = ++this.roomCounter;
    this.publications.push(`${room}:${n}`);
    const data = JSON.stringify({ type: 'event', room, n });
    for (const peer of this.peers) if (peer.rooms.has(room)) peer.socket.send(data);
  }

  /** How many open sockets are in `room`. */
  roomMembers(room: string): number {
    let count = 0;
    for (const peer of this.peers) if (peer.rooms.has(room)) count++;
    return count;
  }

  /** The events published to any of `rooms`, in publication order. */
  published(rooms: string[]): string[] {
    return this.publications.filter((event) => rooms.includes(event.slice(0, event.lastIndexOf(':'))));
  }

  async close(): Promise<void> {
    for (const peer of this.peers) peer.socket.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/sse') return this.onStream(req, res);
    try {
      const body = await readFile(join(this.pageDir, path === '/' ? 'index.html' : path));
      res.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  }

  private onStream(req: IncomingMessage, res: ServerResponse): void {
    const lastEventId = (req.headers['last-event-id'] as string | undefined) ?? null;
    const connection: StreamConnection = {
      kind: 'sse',
      tab: String(req.headers['x-tab'] ?? ''),
      token: String(req.headers.authorization ?? ''),
      lastEventId,
      open: true,
    };
    this.connections.push(connection);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    // Resume: everything after the client's last event id.
    const from = lastEventId === null ? this.log.length : this.log.indexOf(lastEventId) + 1;
    for (const id of this.log.slice(from)) res.write(`id: ${id}\ndata: event ${id}\n\n`);
    res.write(': open\n\n');
    const entry = { res, connection };
    this.streams.add(entry);
    res.on('close', () => {
      connection.open = false;
      this.streams.delete(entry);
    });
  }

  private onSocket(socket: WebSocket): void {
    const connection: StreamConnection = { kind: 'ws', tab: '', token: '', lastEventId: null, open: true };
    this.connections.push(connection);
    const peer: SocketPeer = { socket, connection, rooms: new Set() };
    this.peers.add(peer);
    socket.on('close', () => {
      connection.open = false;
      this.peers.delete(peer);
    });
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; token?: string; tab?: string; room?: string; id?: string };
      if (message.type === 'auth') {
        connection.token = message.token ?? '';
        connection.tab = message.tab ?? '';
      } else if (message.type === 'join') {
        peer.rooms.add(message.room!);
      } else if (message.type === 'leave') {
        peer.rooms.delete(message.room!);
      } else {
        this.received.push({ tab: connection.tab, message });
        if (message.id !== undefined) socket.send(JSON.stringify({ type: 'reply', id: message.id, echo: message }));
      }
    });
  }
}
