/**
 * A scripted WebSocket server for the share tests: sockets of any tab open on the next task,
 * record the frames they receive (decoded), join/leave rooms, answer `{ type: 'ask', id }`
 * with `{ type: 'answer', id }`, and get the room events the test publishes.
 */
import type { WebSocketConstructor, WebSocketLike } from '../../../src/core/transport/socket-client.js';

export class FakeSocketPeer implements WebSocketLike {
  readyState = 0;
  binaryType = 'blob';
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly frames: Record<string, unknown>[] = [];
  readonly rooms = new Set<string>();

  constructor(
    readonly tab: string,
    private readonly server: FakeSocketServer,
  ) {
    setImmediate(() => {
      if (this.readyState !== 0) return;
      this.readyState = 1;
      this.onopen?.({});
    });
  }

  send(data: unknown): void {
    if (this.readyState !== 1) throw new Error('not open');
    const frame = JSON.parse(String(data)) as Record<string, unknown>;
    this.frames.push(frame);
    if (frame['type'] === 'join') this.rooms.add(String(frame['room']));
    if (frame['type'] === 'leave') this.rooms.delete(String(frame['room']));
    if (frame['type'] === 'ask') setImmediate(() => this.push({ type: 'answer', id: frame['id'], to: this.tab }));
  }

  push(message: unknown): void {
    if (this.readyState === 1) this.onmessage?.({ data: JSON.stringify(message) });
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    setImmediate(() => this.onclose?.({ code, reason }));
  }

  /** The server drops this connection. */
  drop(): void {
    this.close(1006);
  }

  get open(): boolean {
    return this.readyState === 1 || this.readyState === 0;
  }
}

export class FakeSocketServer {
  readonly peers: FakeSocketPeer[] = [];
  private counter = 0;
  /** Every event published, per room, in order. */
  readonly published = new Map<string, string[]>();

  socketFor(tab: string): WebSocketConstructor {
    const server = this;
    return class extends FakeSocketPeer {
      constructor() {
        super(tab, server);
        server.peers.push(this);
      }
    } as unknown as WebSocketConstructor;
  }

  get open(): FakeSocketPeer[] {
    return this.peers.filter((peer) => peer.open);
  }

  publish(room: string): void {
    const n = ++this.counter;
    const list = this.published.get(room) ?? [];
    list.push(`${room}:${n}`);
    this.published.set(room, list);
    for (const peer of this.open) if (peer.rooms.has(room)) peer.push({ type: 'event', room, n });
  }
}
