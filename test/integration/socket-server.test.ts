import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { SocketClient, type SocketClientOptions, type StreamError } from '../../src/index.js';

/**
 * A real WebSocket server on 127.0.0.1 that records what it sees: connections, every frame per
 * connection (JSON-decoded), and each connection's close code. It answers `{type:'ping'}` with
 * `{type:'pong'}` while `answerPings` is on.
 */
class RecordingServer {
  port = 0;
  connections = 0;
  frames: unknown[][] = [];
  closeCodes: number[] = [];
  answerPings = true;
  onFrame: ((socket: WebSocket, frame: unknown, connection: number) => void) | undefined;
  private http: Server | null = null;
  private wss: WebSocketServer | null = null;

  async start(port = this.port): Promise<void> {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    wss.on('connection', (socket) => {
      const connection = ++this.connections;
      const received: unknown[] = [];
      this.frames.push(received);
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as unknown;
        if ((frame as { type?: string }).type === 'ping') {
          if (this.answerPings) socket.send(JSON.stringify({ type: 'pong' }));
          return;
        }
        received.push(frame);
        this.onFrame?.(socket, frame, connection);
      });
      socket.on('close', (code) => this.closeCodes.push(code));
    });
    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
    this.port = (http.address() as AddressInfo).port;
    this.http = http;
    this.wss = wss;
  }

  /** Kills the server: every client connection terminated (no close frame), listener closed. */
  async kill(): Promise<void> {
    const { http, wss } = this;
    this.http = this.wss = null;
    if (!wss || !http) return;
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/socket`;
  }
}

const servers: RecordingServer[] = [];
const clients: SocketClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.stop();
  for (const server of servers.splice(0)) await server.kill();
});

async function startServer(): Promise<RecordingServer> {
  const server = new RecordingServer();
  servers.push(server);
  await server.start();
  return server;
}

function makeClient(options: SocketClientOptions): SocketClient {
  const client = new SocketClient({ WebSocket, ...options });
  clients.push(client);
  return client;
}

test('server killed and restarted on the same port: reconnects, re-joins rooms, queued messages delivered once, in order', async () => {
  const server = await startServer();
  const client = makeClient({
    url: server.url,
    auth: () => ({ type: 'auth', token: 'tok' }),
    retry: { initialDelayMs: 20, maxDelayMs: 100, maxAttempts: 50 },
  });
  client.join('lobby');
  client.start();
  await vi.waitFor(() => expect(server.frames[0]).toHaveLength(2));

  await server.kill();
  await vi.waitFor(() => expect(client.getSnapshot().status).toBe('reconnecting'));
  const results = [1, 2, 3, 4, 5].map((n) => client.send({ type: 'msg', n }));
  expect(results).toEqual(['queued', 'queued', 'queued', 'queued', 'queued']);
  expect(client.getSnapshot().queued).toBe(5);

  await server.start(); // same port
  await vi.waitFor(() => expect(server.frames[1]).toHaveLength(7), { timeout: 5_000 });
  await vi.waitFor(() => expect(client.getSnapshot().status).toBe('open'));
  expect(server.connections).toBe(2);
  expect(server.frames[0]).toEqual([
    { type: 'auth', token: 'tok' },
    { type: 'join', room: 'lobby' },
  ]);
  expect(server.frames[1]).toEqual([
    { type: 'auth', token: 'tok' },
    { type: 'join', room: 'lobby' },
    ...[1, 2, 3, 4, 5].map((n) => ({ type: 'msg', n })),
  ]);
  const delivered = server.frames.flat().filter((f) => (f as { type: string }).type === 'msg');
  expect(delivered).toHaveLength(5);
  expect(client.getSnapshot().queued).toBe(0);
  expect(client.getSnapshot().metrics.reconnects).toBeGreaterThanOrEqual(1);
});

test('the server stops answering pings: heartbeat timeout, then a reconnect', async () => {
  const server = await startServer();
  const errors: StreamError[] = [];
  const client = makeClient({
    url: server.url,
    heartbeat: { intervalMs: 30, timeoutMs: 80 },
    retry: { initialDelayMs: 10 },
    onError: (error) => {
      errors.push(error);
      server.answerPings = true; // recover once the client noticed
    },
  });
  client.start();
  await vi.waitFor(() => expect(client.getSnapshot().metrics.rttMs).not.toBeNull());
  expect(server.connections).toBe(1);

  server.answerPings = false;
  await vi.waitFor(() => expect(server.connections).toBe(2), { timeout: 5_000 });
  await vi.waitFor(() => expect(client.getSnapshot().status).toBe('open'));
  expect(errors.map((e) => [e.kind, e.willRetry])).toEqual([['idle-timeout', true]]);
  // The client gave up on the first connection itself, with its timeout close code.
  await vi.waitFor(() => expect(server.closeCodes).toEqual([4000]));
});

test('1008 from the server: an auth error and no reconnect', async () => {
  const server = await startServer();
  server.onFrame = (socket) => socket.close(1008, 'bad token');
  const errors: StreamError[] = [];
  const client = makeClient({
    url: server.url,
    auth: { type: 'auth', token: 'expired' },
    random: () => 0, // a retry would be immediate
    onError: (error) => errors.push(error),
  });
  client.start();
  await vi.waitFor(() => expect(client.getSnapshot().status).toBe('error'));
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(server.connections).toBe(1);
  expect(errors.map((e) => [e.kind, e.willRetry, e.closeCode, e.closeReason])).toEqual([['auth', false, 1008, 'bad token']]);
  expect(client.getSnapshot().closeCode).toBe(1008);
});

test('without the WebSocket option the platform WebSocket is looked up at connect time', async () => {
  const server = await startServer();
  server.onFrame = (socket, frame) => socket.send(JSON.stringify(frame));
  const client = new SocketClient({ url: server.url });
  clients.push(client);
  client.start();
  await expect(client.request({ type: 'echo' }, { timeoutMs: 2_000 })).resolves.toMatchObject({ type: 'echo' });
});

test('server rendering constructs no socket and reads as idle', async () => {
  const { createElement } = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { useSocketStream } = await import('../../src/index.js');
  let constructed = 0;
  class Counting extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      constructed++;
    }
  }
  function Probe() {
    const { status } = useSocketStream('ws://127.0.0.1:1/never', { WebSocket: Counting });
    return createElement('p', null, status);
  }
  expect(typeof window).toBe('undefined');
  expect(renderToString(createElement(Probe))).toBe('<p>idle</p>');
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(constructed).toBe(0);
});
