import { afterEach, describe, expect, it } from 'vitest';
import { createLiveFeed, type LiveFeed } from '../../../src/core/feed/live-feed.js';
import { sseFeedTransport } from '../../../src/core/feed/sse-transport.js';
import type { JsonFeedEvent } from '../../../src/core/feed/map-event.js';
import { acrossTabs } from '../../../src/core/share/across-tabs.js';
import { SSEClient } from '../../../src/core/transport/sse-client.js';
import { FakeClock, FakeEnvironment, ManualFrames, tick } from '../support/fakes.js';
import { FakeBus, FakeLocks } from './fakes.js';
import { FakeSSEServer } from './sse-server.js';

interface Tab {
  name: string;
  client: SSEClient;
  feed: LiveFeed<JsonFeedEvent, number[]>;
  frames: ManualFrames;
}

let clock: FakeClock;
let locks: FakeLocks;
let bus: FakeBus;
let server: FakeSSEServer;
let tabs: Tab[] = [];

function openTab(name: string): Tab {
  const frames = new ManualFrames();
  const client = new SSEClient({
    url: 'http://127.0.0.1/orders',
    isTerminal: false,
    fetch: server.fetchFor(name),
    clock,
    frames,
    environment: new FakeEnvironment(),
    shareAcrossTabs: acrossTabs({ identity: 'user-1', locks: locks.manager(name), BroadcastChannel: bus.channelClass(name) }),
  });
  const feed = createLiveFeed<JsonFeedEvent, number[]>({
    transport: sseFeedTransport({ client }),
    // The topic's state is every seq applied to it, in order: a repeat or a gap shows.
    reduce: (state = [], event) => [...state, event.seq!],
    // The snapshot loads once the connection is open (the feed waits for `open`): empty, up to
    // the last seq the server wrote.
    loadSnapshot: async () => ({ state: [], seq: server.log.length }),
    clock,
    frames,
  });
  const tab = { name, client, feed, frames };
  tabs.push(tab);
  return tab;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await tick();
  for (const tab of tabs) tab.frames.step();
  for (const tab of tabs) tab.frames.step();
}

const order = (n: number) => JSON.stringify({ topic: 'order:1', seq: n, status: `step ${n}` });

afterEach(() => {
  for (const tab of tabs) tab.feed.close();
  tabs = [];
});

describe('a live feed over a shared SSE client', () => {
  it('every tab\'s topic applies each event exactly once, across a hand-off; one connection at a time', async () => {
    clock = new FakeClock();
    locks = new FakeLocks();
    bus = new FakeBus();
    server = new FakeSSEServer();
    const [a, b, c] = [openTab('a'), openTab('b'), openTab('c')];
    const offs = [a, b, c].map((tab) => tab.feed.subscribe('order:1', () => {}));
    await settle();
    expect(server.open).toHaveLength(1);
    for (const tab of [a, b, c]) expect(tab.feed.getSnapshot('order:1').status).toBe('live');
    server.emit(4, order);
    await settle();
    // d opens later, while the leader's connection is open: its feed goes live on joining.
    const d = openTab('d');
    offs.push(d.feed.subscribe('order:1', () => {}));
    await settle();
    expect(d.feed.getSnapshot('order:1').status).toBe('live');
    // c misses the leader's last posts; b gets them.
    bus.cut.add('c');
    server.emit(2, order);
    await settle();
    bus.cut.delete('c');
    bus.crash('a');
    locks.crash('a');
    a.feed.close();
    await settle();
    expect(server.open.map((connection) => connection.tab)).toEqual(['b']);
    server.emit(3, order);
    await settle();
    for (const tab of [b, c]) {
      expect(tab.feed.getSnapshot('order:1').state).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(tab.feed.getStatus().status).toBe('open');
    }
    expect(d.feed.getSnapshot('order:1').state).toEqual([5, 6, 7, 8, 9]);
    offs.forEach((off) => off());
  });
});

describe('a live feed over a shared WebSocket client', () => {
  it('topics are rooms of the leader\'s one socket; a topic another tab still holds stays joined', async () => {
    const { SocketClient } = await import('../../../src/core/transport/socket-client.js');
    const { socketFeedTransport } = await import('../../../src/core/feed/socket-transport.js');
    const { FakeSocketServer } = await import('./socket-server.js');
    clock = new FakeClock();
    locks = new FakeLocks();
    bus = new FakeBus();
    const sockets = new FakeSocketServer();
    const feeds = ['a', 'b'].map((name) => {
      const frames = new ManualFrames();
      const client = new SocketClient<{ type: string; room: string; n: number }>({
        url: 'ws://127.0.0.1/feed',
        WebSocket: sockets.socketFor(name),
        clock,
        frames,
        environment: new FakeEnvironment(),
        shareAcrossTabs: acrossTabs({ identity: 'user-1', locks: locks.manager(name), BroadcastChannel: bus.channelClass(name) }),
      });
      const feed = createLiveFeed<JsonFeedEvent, number[], { type: string; room: string; n: number }>({
        transport: socketFeedTransport({ client }),
        mapEvent: (raw) => ({ topic: raw.room, id: String(raw.n) }),
        reduce: (state = [], event) => [...state, Number(event.id)],
        clock,
        frames,
      });
      tabs.push({ name, client: null as never, feed, frames });
      return feed;
    });
    const [a, b] = feeds as [LiveFeed<JsonFeedEvent, number[]>, LiveFeed<JsonFeedEvent, number[]>];
    const offA = a.subscribe('order:1', () => {});
    b.subscribe('order:1', () => {});
    b.subscribe('order:2', () => {});
    await settle();
    expect(sockets.peers).toHaveLength(1);
    const peer = sockets.peers[0]!;
    expect([...peer.rooms].sort()).toEqual(['order:1', 'order:2']);
    sockets.publish('order:1');
    sockets.publish('order:2');
    await settle();
    expect(a.getSnapshot('order:1').state).toEqual([1]);
    expect(b.getSnapshot('order:1').state).toEqual([1]);
    expect(b.getSnapshot('order:2').state).toEqual([2]);
    // a lets go of order:1 (after the feed's grace period): b still holds it, so the socket stays in the room.
    offA();
    clock.advance(60_000);
    await settle();
    expect(peer.rooms.has('order:1')).toBe(true);
    expect(JSON.stringify(bus.posted)).not.toContain('token');
  });
});
