import { afterEach, describe, expect, it } from 'vitest';
import { SocketClient } from '../../../src/core/transport/socket-client.js';
import { acrossTabs } from '../../../src/core/share/across-tabs.js';
import type { ShareAcrossTabsOptions } from '../../../src/core/share/types.js';
import { FakeClock, FakeEnvironment, ManualFrames, tick } from '../support/fakes.js';
import { FakeBus, FakeLocks } from './fakes.js';
import { FakeSocketServer } from './socket-server.js';

interface Message {
  type: string;
  room?: string;
  n?: number;
  id?: string;
  to?: string;
}

interface Tab {
  name: string;
  client: SocketClient<Message>;
  log: string[];
}

let clock: FakeClock;
let locks: FakeLocks;
let bus: FakeBus;
let server: FakeSocketServer;
let tabs: Tab[] = [];
let allFrames: ManualFrames[] = [];

function setup(): void {
  clock = new FakeClock();
  locks = new FakeLocks();
  bus = new FakeBus();
  server = new FakeSocketServer();
  tabs = [];
  allFrames = [];
}

function openTab(name: string, share: Partial<ShareAcrossTabsOptions> | false = {}): Tab {
  const frames = new ManualFrames();
  allFrames.push(frames);
  const client = new SocketClient<Message>({
    url: 'ws://127.0.0.1/socket',
    auth: { type: 'auth', token: `secret-token-of-${name}` },
    WebSocket: server.socketFor(name),
    clock,
    frames,
    environment: new FakeEnvironment(),
    random: () => 0.5,
    retry: { initialDelayMs: 100, maxDelayMs: 100 },
    shareAcrossTabs:
      share === false
        ? undefined
        : acrossTabs({ identity: 'user-1', locks: locks.manager(name), BroadcastChannel: bus.channelClass(name), ...share }),
  });
  const tab: Tab = { name, client, log: [] };
  client.on('message', (message) => {
    if (message.type === 'event') tab.log.push(`${message.room}:${message.n}`);
  });
  client.subscribeSnapshot(() => {});
  tabs.push(tab);
  return tab;
}

async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await tick();
  for (const frames of allFrames) frames.step();
  for (const frames of allFrames) frames.step();
}

function crash(tab: Tab): void {
  bus.crash(tab.name);
  locks.crash(tab.name);
  tab.client.stop();
}

afterEach(() => {
  for (const tab of tabs) tab.client.stop();
});

/** What a tab whose rooms are `rooms` should have received: the server's events of those rooms, in order. */
function expected(rooms: string[]): string[] {
  const all = [...server.published.values()].flat();
  return all.filter((event) => rooms.includes(event.slice(0, event.indexOf(':')))).sort((x, y) => Number(x.split(':')[1]) - Number(y.split(':')[1]));
}

describe('sharing one WebSocket across tabs', () => {
  it('one socket joins every tab\'s rooms (each once); each tab gets the messages, in order', async () => {
    setup();
    const [a, b, c] = [openTab('a'), openTab('b'), openTab('c')];
    for (const tab of [a, b, c]) tab.client.start();
    a.client.join('news');
    b.client.join('news');
    b.client.join('b-only');
    c.client.join('c-only');
    await settle();
    expect(server.peers).toHaveLength(1);
    const peer = server.peers[0]!;
    expect([...peer.rooms].sort()).toEqual(['b-only', 'c-only', 'news']);
    expect(peer.frames.filter((frame) => frame['type'] === 'join' && frame['room'] === 'news')).toHaveLength(1);
    for (const room of ['news', 'b-only', 'c-only', 'news']) server.publish(room);
    await settle();
    for (const tab of [a, b, c]) {
      expect(tab.client.getSnapshot().status).toBe('open');
      // Every tab hears the socket's messages (as it would on a socket joined to those rooms).
      expect(tab.log).toEqual(expected(['news', 'b-only', 'c-only']));
    }
    // Each tab's own rooms in its snapshot.
    expect(b.client.getSnapshot().rooms).toEqual(['news', 'b-only']);
    // A room is left only when no tab holds it.
    a.client.leave('news');
    await settle();
    expect(peer.rooms.has('news')).toBe(true);
    b.client.leave('news');
    await settle();
    expect(peer.rooms.has('news')).toBe(false);
  });

  it('followers send and request through the leader; replies come back to the asking tab', async () => {
    setup();
    const [a, b] = [openTab('a'), openTab('b')];
    for (const tab of [a, b]) tab.client.start();
    await settle();
    expect(b.client.send({ type: 'note', text: 'from b' })).toBe('queued');
    const reply = b.client.request<Message>({ type: 'ask' });
    await settle();
    await expect(reply).resolves.toMatchObject({ type: 'answer' });
    const frames = server.peers[0]!.frames.map((frame) => frame['type']);
    expect(frames).toEqual(['auth', 'note', 'ask']);
    expect(server.peers[0]!.frames[0]).toMatchObject({ token: 'secret-token-of-a' });
  });

  it('hand-off: the next tab opens the socket with its own auth and joins every tab\'s rooms; no token posted', async () => {
    setup();
    const [a, b, c] = [openTab('a'), openTab('b'), openTab('c')];
    for (const tab of [a, b, c]) tab.client.start();
    a.client.join('a-room');
    b.client.join('b-room');
    c.client.join('c-room');
    await settle();
    server.publish('b-room');
    await settle();
    crash(a);
    await settle();
    expect(server.open).toHaveLength(1);
    const next = server.open[0]!;
    expect(next.tab).toBe('b');
    expect(next.frames[0]).toEqual({ type: 'auth', token: 'secret-token-of-b' });
    expect([...next.rooms].sort()).toEqual(['b-room', 'c-room']);
    server.publish('c-room');
    await settle();
    for (const tab of [b, c]) expect(tab.log).toEqual(expected(['b-room', 'c-room']));
    expect(c.client.getSnapshot().status).toBe('open');
    expect(JSON.stringify(bus.posted)).not.toContain('secret-token');
  });

  it('falls back to a socket per tab without the APIs or with the option off', async () => {
    setup();
    // No API in the options: the globals decide, and Node has a BroadcastChannel: remove it.
    const saved = globalThis.BroadcastChannel;
    (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = undefined;
    try {
      const [a, b, c, d] = [openTab('a', false), openTab('b', { locks: undefined }), openTab('c', { BroadcastChannel: undefined }), openTab('d', { BroadcastChannel: undefined })];
      for (const tab of [a, b, c, d]) tab.client.start();
      await settle();
      expect(server.peers.map((peer) => peer.tab).sort()).toEqual(['a', 'b', 'c', 'd']);
      expect(bus.posted).toEqual([]);
    } finally {
      globalThis.BroadcastChannel = saved;
    }
  });
});
