import { afterEach, describe, expect, it } from 'vitest';
import { SSEClient, type SSEClientOptions, type SSEEvent } from '../../../src/core/transport/sse-client.js';
import { acrossTabs } from '../../../src/core/share/across-tabs.js';
import type { ShareAcrossTabsOptions } from '../../../src/core/share/types.js';
import { FakeClock, FakeEnvironment, ManualFrames, tick } from '../support/fakes.js';
import { FakeBus, FakeLocks } from './fakes.js';
import { FakeSSEServer } from './sse-server.js';

const URL_ = 'http://127.0.0.1/feed';

interface Tab {
  name: string;
  client: SSEClient;
  log: string[];
  statuses: string[];
  errors: string[];
}

let clock: FakeClock;
let locks: FakeLocks;
let bus: FakeBus;
let server: FakeSSEServer;
let tabs: Tab[] = [];
let allFrames: ManualFrames[] = [];

function setup(): void {
  clock = new FakeClock();
  locks = new FakeLocks();
  bus = new FakeBus();
  server = new FakeSSEServer();
  tabs = [];
  allFrames = [];
}

function openTab(
  name: string,
  share: Partial<ShareAcrossTabsOptions> | false = {},
  extra: Partial<SSEClientOptions> = {},
): Tab {
  const shareAcrossTabs =
    share === false
      ? undefined
      : acrossTabs({ identity: 'user-1', locks: locks.manager(name), BroadcastChannel: bus.channelClass(name), ...share });
  const frames = new ManualFrames();
  allFrames.push(frames);
  const client = new SSEClient({
    url: URL_,
    isTerminal: false,
    fetch: server.fetchFor(name),
    clock,
    frames,
    environment: new FakeEnvironment(),
    random: () => 0.5,
    retry: { initialDelayMs: 100, maxDelayMs: 100 },
    shareAcrossTabs,
    ...extra,
  });
  const tab: Tab = { name, client, log: [], statuses: [], errors: [] };
  client.on('event', (event: SSEEvent) => tab.log.push(event.lastEventId));
  client.on('error', (error) => tab.errors.push(`${error.kind} ${error.willRetry}`));
  client.subscribe(() => {
    const { status } = client.getSnapshot();
    if (tab.statuses.at(-1) !== status) tab.statuses.push(status);
  });
  tabs.push(tab);
  return tab;
}

/** Lets every pending message, lock grant and response read happen. */
async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await tick();
  // Twice: the second step closes the frame window the first one's publication opened, so the
  // next change is published at once (the statuses below see each one).
  for (const frames of allFrames) frames.step();
  for (const frames of allFrames) frames.step();
}

/** The tab's page dies: its channel goes silent, the browser releases its lock and drops its request. */
function crash(tab: Tab): void {
  bus.crash(tab.name);
  locks.crash(tab.name);
  tab.client.stop();
}

const serverLog = () => server.log.map((event) => event.id);

afterEach(() => {
  for (const tab of tabs) tab.client.stop();
});

describe('sharing one SSE connection across tabs', () => {
  it('elects one leader: three tabs, one request, every tab gets every event in order', async () => {
    setup();
    const [a, b, c] = [openTab('a'), openTab('b'), openTab('c')];
    for (const tab of [a, b, c]) tab.client.start();
    await settle();
    expect(server.connections).toHaveLength(1);
    expect(server.connections[0]!.tab).toBe('a');
    server.emit(5);
    await settle();
    for (const tab of [a, b, c]) {
      expect(tab.log).toEqual(['1', '2', '3', '4', '5']);
      expect(tab.client.getSnapshot()).toMatchObject({ status: 'open', lastEventId: '5', error: null });
    }
    // One post per network read, not one per event.
    expect(bus.ofType('msg', 'a').length).toBeLessThanOrEqual(1 + 5);
    expect(server.connections).toHaveLength(1);
  });

  it('hand-off when the leader tab crashes: the next tab resumes from its last id; no event lost or doubled', async () => {
    setup();
    const [a, b, c] = [openTab('a'), openTab('b'), openTab('c')];
    for (const tab of [a, b, c]) tab.client.start();
    await settle();
    server.emit(3);
    await settle();
    // The leader's page dies mid-stream: no goodbye, its lock released by the browser.
    crash(a);
    server.emit(2); // written while nobody listens
    await settle();
    expect(server.open.map((connection) => connection.tab)).toEqual(['b']);
    expect(server.connections[1]!.lastEventId).toBe('3');
    server.emit(2);
    await settle();
    for (const tab of [b, c]) {
      expect(tab.log).toEqual(serverLog());
      expect(tab.client.getSnapshot().status).toBe('open');
    }
  });

  it('a follower ahead of the new leader drops what it already applied; one behind it gets what it missed', async () => {
    setup();
    const [a, b, c, d] = [openTab('a'), openTab('b'), openTab('c'), openTab('d')];
    for (const tab of [a, b, c, d]) tab.client.start();
    await settle();
    server.emit(2);
    await settle();
    // b (next in line) misses the leader's last posts, d misses them too; c gets them.
    bus.cut.add('b');
    bus.cut.add('d');
    server.emit(3);
    await settle();
    expect(c.log).toEqual(['1', '2', '3', '4', '5']);
    expect(b.log).toEqual(['1', '2']);
    bus.cut.delete('b');
    bus.cut.delete('d');
    crash(a);
    await settle();
    // b leads and resumes from 2: the server re-sends 3..5, which c already applied.
    expect(server.open.map((connection) => connection.tab)).toEqual(['b']);
    expect(server.open[0]!.lastEventId).toBe('2');
    server.emit(2);
    await settle();
    for (const tab of [b, c, d]) expect(tab.log).toEqual(serverLog());
  });

  it('a follower behind the new leader gets the missed events from its tail', async () => {
    setup();
    const [a, b, c] = [openTab('a'), openTab('b'), openTab('c')];
    for (const tab of [a, b, c]) tab.client.start();
    await settle();
    server.emit(2);
    await settle();
    bus.cut.add('c');
    server.emit(3);
    await settle();
    expect(b.log).toEqual(['1', '2', '3', '4', '5']);
    expect(c.log).toEqual(['1', '2']);
    bus.cut.delete('c');
    crash(a);
    await settle();
    expect(server.open[0]!.lastEventId).toBe('5');
    server.emit(1);
    await settle();
    for (const tab of [b, c]) expect(tab.log).toEqual(serverLog());
  });

  it('a leader that stops hands over at once; followers show reconnecting until the next leader is open', async () => {
    setup();
    const [a, b, c] = [openTab('a'), openTab('b'), openTab('c')];
    for (const tab of [a, b, c]) tab.client.start();
    await settle();
    server.emit(2);
    await settle();
    a.client.stop();
    await settle();
    expect(a.client.getSnapshot().status).toBe('closed');
    expect(server.open.map((connection) => connection.tab)).toEqual(['b']);
    server.emit(2);
    await settle();
    expect(c.statuses).toContain('reconnecting');
    expect(c.statuses.at(-1)).toBe('open');
    for (const tab of [b, c]) expect(tab.log).toEqual(serverLog());
  });

  it('a hung leader (holding its lock, answering nothing) is replaced within two and a half leader timeouts', async () => {
    setup();
    const [a, b, c] = [openTab('a', { leaderTimeoutMs: 1000 }), openTab('b', { leaderTimeoutMs: 1000 }), openTab('c', { leaderTimeoutMs: 1000 })];
    for (const tab of [a, b, c]) tab.client.start();
    await settle();
    server.emit(2);
    await settle();
    bus.cut.add('a'); // a's page is frozen: it posts and hears nothing
    clock.advance(999);
    await settle();
    expect(b.client.getSnapshot().status).toBe('open');
    clock.advance(1501); // silence → ping; no answer within another 1–1.5 timeouts → steal
    await settle();
    expect(['b', 'c']).toContain(server.connections.at(-1)!.tab);
    expect(b.client.getSnapshot().status === 'open' || c.client.getSnapshot().status === 'open').toBe(true);
    // The old leader learnt it was deposed (its lock was stolen) and dropped its own request.
    expect(server.open).toHaveLength(1);
    // Its page wakes up having missed the hand-off: its watchdog asks, the leader sends its tail.
    bus.cut.delete('a');
    server.emit(1);
    await settle();
    clock.advance(1000);
    await settle();
    clock.advance(1000);
    await settle();
    expect(a.client.getSnapshot().status).toBe('open');
    server.emit(3);
    await settle();
    for (const tab of [a, b, c]) expect(tab.log).toEqual(serverLog());
  });

  it('a stream that ended stays ended across a hand-off; start() in a follower starts it again through the leader', async () => {
    setup();
    const [a, b, c] = [openTab('a', {}, { isTerminal: undefined }), openTab('b', {}, { isTerminal: undefined }), openTab('c', {}, { isTerminal: undefined })];
    const ends: string[] = [];
    for (const tab of [a, b, c]) tab.client.on('end', () => ends.push(tab.name));
    for (const tab of [a, b, c]) tab.client.start();
    await settle();
    server.emit(2);
    server.emit(1, () => '[DONE]');
    await settle();
    expect(ends.sort()).toEqual(['a', 'b', 'c']);
    for (const tab of [a, b, c]) expect(tab.client.getSnapshot().status).toBe('closed');
    a.client.stop();
    await settle();
    // b leads now, but there is nothing to take over: no request, still closed.
    expect(server.connections).toHaveLength(1);
    for (const tab of [b, c]) expect(tab.client.getSnapshot().status).toBe('closed');
    c.client.start();
    await settle();
    expect(server.connections).toHaveLength(2);
    expect(server.connections[1]!.tab).toBe('b');
    for (const tab of [b, c]) expect(tab.client.getSnapshot().status).toBe('open');
  });

  it("followers mirror the leader's errors and status: reconnecting with the error, then open", async () => {
    setup();
    const [a, b] = [openTab('a'), openTab('b')];
    for (const tab of [a, b]) tab.client.start();
    await settle();
    server.emit(1);
    await settle();
    server.failWith = 503;
    server.dropAll();
    await settle();
    expect(b.errors).toEqual(a.errors);
    expect(b.client.getSnapshot().status).toBe('reconnecting');
    expect(b.client.getSnapshot().error?.kind).toBe('network');
    server.failWith = null;
    clock.advance(200);
    await settle();
    clock.advance(200);
    await settle();
    expect(a.client.getSnapshot().status).toBe('open');
    expect(b.client.getSnapshot().status).toBe('open');
    expect(b.client.getSnapshot().attempt).toBe(a.client.getSnapshot().attempt);
    expect(b.errors).toEqual(a.errors);
  });

  it('falls back to a connection per tab without Web Locks, without BroadcastChannel, with the option off, or for a POST', async () => {
    for (const variant of ['no locks', 'no channel', 'off', 'post'] as const) {
      setup();
      const make = (name: string) =>
        variant === 'off'
          ? openTab(name, false)
          : variant === 'post'
            ? openTab(name, {}, { method: 'POST' })
            : openTab(name, variant === 'no locks' ? { locks: undefined } : { BroadcastChannel: undefined });
      // With an API missing from the options, the globals decide: make sure they are absent too.
      const saved = { locks: (globalThis.navigator as { locks?: unknown } | undefined)?.locks, BC: globalThis.BroadcastChannel };
      if (variant === 'no channel') (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = undefined;
      try {
        const [a, b] = [make('a'), make('b')];
        for (const tab of [a, b]) tab.client.start();
        await settle();
        expect(server.connections.map((connection) => connection.tab).sort(), variant).toEqual(['a', 'b']);
        server.emit(2);
        await settle();
        for (const tab of [a, b]) expect(tab.log, variant).toEqual(['1', '2']);
        expect(bus.posted, variant).toEqual([]);
      } finally {
        (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = saved.BC;
      }
      for (const tab of tabs) tab.client.stop();
    }
  });

  it('never posts a token: each leader connects with its own headers; identities never share', async () => {
    setup();
    const secret = 'Bearer s3cr3t-token-value';
    const [a, b] = [openTab('a', {}, { headers: () => ({ authorization: `${secret}-a` }) }), openTab('b', {}, { headers: () => ({ authorization: `${secret}-b` }) })];
    const other = openTab('x', { identity: 'user-2' }, { headers: { authorization: `${secret}-x` } });
    for (const tab of [a, b, other]) tab.client.start();
    await settle();
    // Two identities: two connections, one per identity.
    expect(server.connections.map((connection) => connection.tab).sort()).toEqual(['a', 'x']);
    server.emit(2);
    await settle();
    crash(a);
    await settle();
    server.emit(1);
    await settle();
    // b leads now, with b's own token.
    expect(server.connections.at(-1)).toMatchObject({ tab: 'b', authorization: `${secret}-b` });
    expect(b.log).toEqual(serverLog());
    expect(bus.posted.length).toBeGreaterThan(5);
    expect(JSON.stringify(bus.posted)).not.toContain('s3cr3t');
  });
});
