/**
 * Cross-tab sharing in real Chromium: several pages of ONE browser context (so they share Web
 * Locks and BroadcastChannel, as tabs do) against a real node:http SSE server and a real `ws`
 * server on 127.0.0.1. Vitest's browser mode has one page, so this drives Chromium with
 * Playwright from Node. Every assertion waits for a condition; none depends on a time margin.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
// @ts-expect-error -- plain .mjs helper shared with the shell scripts; it has no types
import { INSTALL_COMMAND, findChromium } from '../../scripts/chromium.mjs';
import { CrossTabServer, buildCrossTabPage } from './support/cross-tab-server.js';

interface TabRecord {
  log: string[];
  posted: string[];
  state: { status?: string; error?: string | null; lastEventId?: string; attempt?: number; rooms?: string[] };
}

let page: { dir: string; remove: () => void };
let browser: Browser;
let server: CrossTabServer;
let origin: string;
/** One context for the file, as one browser profile's tabs: each test's server has its own origin, so its own locks and channels. */
let context: BrowserContext;
let opened: Page[] = [];

// The page is built by Vite outside the React 18 alias, so the React 18 run would repeat this
// file as is: the hooks on React 18 are covered by test/unit/share/hooks.test.tsx there.
const skip = process.env.STREAMKIT_EXPECT_REACT === '18';

beforeAll(async () => {
  if (skip) return;
  const executablePath = findChromium() as string | undefined;
  if (executablePath === undefined) throw new Error(`Chromium not found: install it with \`${INSTALL_COMMAND as string}\` or set CHROMIUM_PATH.`);
  page = await buildCrossTabPage();
  browser = await chromium.launch({
    executablePath,
    args: ['--disable-gpu', '--disable-dev-shm-usage'],
  });
  context = await browser.newContext();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  page?.remove();
});

afterEach(async () => {
  if (skip) return;
  await Promise.all(opened.map((tab) => tab.close()));
  opened = [];
  await server?.close();
});

async function freshServer(): Promise<void> {
  server = new CrossTabServer(page.dir);
  origin = await server.start();
}

/** Opens `names.length` tabs of one browser context, each with its own token. */
async function openTabs(names: string[], query: Record<string, string>): Promise<Page[]> {
  // In parallel: on a loaded machine a page takes seconds to open.
  const pages = await Promise.all(names.map(() => context.newPage()));
  opened.push(...pages);
  await Promise.all(
    pages.map((tab, i) =>
      tab.goto(`${origin}?${new URLSearchParams({ ...query, tab: names[i]!, token: `secret-token-of-${names[i]}` })}`, {
        waitUntil: 'domcontentloaded',
      }),
    ),
  );
  return pages;
}

const record = (tab: Page) => tab.evaluate(() => (window as unknown as { tab: TabRecord }).tab);

/** Waits until `check` holds in the page (polled by Chromium itself). */
function until(tab: Page, check: string, arg?: unknown): Promise<unknown> {
  return tab.waitForFunction(check, arg, { timeout: 15_000, polling: 20 });
}

async function untilServer(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 750; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const allOpen = (tabs: Page[]) => Promise.all(tabs.map((tab) => until(tab, 'window.tab.state.status === "open"')));
const allHave = (tabs: Page[], count: number) => Promise.all(tabs.map((tab) => until(tab, `window.tab.log.length >= ${count}`)));

describe.skipIf(skip)('one SSE connection shared across tabs (real Chromium)', { timeout: 30_000 }, () => {
  it('the leader tab closes mid-stream: another takes over from its last id; every log equals the server\'s; no token posted', async () => {
    await freshServer();
    const names = ['a', 'b', 'c'];
    const tabs = await openTabs(names, { stream: 'sse', share: '1' });
    await allOpen(tabs);
    const first = server.openConnections('sse');
    expect(first).toHaveLength(1);
    const leader = tabs[names.indexOf(first[0]!.tab)]!;
    const rest = tabs.filter((tab) => tab !== leader);
    // Events keep coming while the leader's page goes away.
    const ticker = setInterval(() => server.emit(3), 10);
    try {
      await untilServer(() => server.log.length >= 60, '60 events');
      const posted = (await record(leader)).posted;
      await leader.close();
      await untilServer(() => server.connections.length >= 2 && server.openConnections('sse').length === 1, 'the next leader');
      await untilServer(() => server.log.length >= 150, '150 events');
    } finally {
      clearInterval(ticker);
    }
    const takeover = server.connections[1]!;
    expect(takeover.tab).not.toBe(first[0]!.tab);
    // The new leader resumed (it sent its last event id) with its own token.
    expect(takeover.lastEventId).not.toBeNull();
    expect(takeover.token).toBe(`Bearer secret-token-of-${takeover.tab}`);
    await allHave(rest, server.log.length);
    // Events are logged as they arrive; the status is the hook's, rendered at the next frame:
    // wait for it (a follower left at `reconnecting` would time out here).
    await allOpen(rest);
    for (const tab of rest) {
      const { log, state, posted } = await record(tab);
      expect(log).toEqual(server.log);
      expect(state.status).toBe('open');
      // Every message this tab posted on the channel, as posted: no token, no header.
      expect(posted.length).toBeGreaterThan(0);
      expect(posted.join('\n')).not.toMatch(/secret-token|authorization|Bearer/i);
    }
    expect(server.openConnections('sse')).toHaveLength(1);
  });

  it('a hung leader tab is replaced (its lock stolen); once it wakes it follows, and every log equals the server\'s', async () => {
    await freshServer();
    const names = ['a', 'b', 'c'];
    const tabs = await openTabs(names, { stream: 'sse', share: '1' });
    await allOpen(tabs);
    const first = server.openConnections('sse')[0]!;
    const leader = tabs[names.indexOf(first.tab)]!;
    const rest = tabs.filter((tab) => tab !== leader);
    let thawed = Promise.resolve();
    const ticker = setInterval(() => server.emit(2), 20);
    try {
      await untilServer(() => server.log.length >= 20, '20 events');
      // Hung for 8 s: its main thread busy, it keeps its lock and its connection and answers
      // nothing (the page uses a 1 s leader timeout). Not awaited: it returns when the tab wakes.
      const hung = leader.evaluate(() => {
        const end = Date.now() + 8_000;
        while (Date.now() < end);
      });
      thawed = hung.then(
        () => {},
        () => {},
      );
      await untilServer(() => server.connections.some((connection) => connection.tab !== first.tab && connection.open), 'a new leader');
      await untilServer(() => server.log.length >= 120, '120 events');
    } finally {
      clearInterval(ticker);
    }
    const takeover = server.connections.find((connection) => connection.tab !== first.tab)!;
    expect(takeover.lastEventId).not.toBeNull();
    await allHave(rest, server.log.length);
    for (const tab of rest) expect((await record(tab)).log).toEqual(server.log);
    // Awake: it learns its lock was stolen, drops its own request and follows the new leader.
    await thawed;
    await untilServer(() => server.openConnections('sse').length === 1, 'the old leader to let go');
    server.emit(10);
    await allHave(tabs, server.log.length);
    for (const tab of tabs) expect((await record(tab)).log).toEqual(server.log);
  });

  it('seven tabs over HTTP/1.1 (six connections per host at most) all stream, over one connection', async () => {
    await freshServer();
    const names = ['t1', 't2', 't3', 't4', 't5', 't6', 't7'];
    const tabs = await openTabs(names, { stream: 'sse', share: '1' });
    await allOpen(tabs);
    expect(server.openConnections('sse')).toHaveLength(1);
    server.emit(20);
    await allHave(tabs, 20);
    // Rendered state lags the events by up to a frame.
    await Promise.all(tabs.map((tab) => until(tab, 'window.tab.state.lastEventId === "20"')));
    for (const tab of tabs) {
      const { log, state } = await record(tab);
      expect(log).toEqual(server.log);
      // The hook state of every tab is that of a connection of its own.
      expect(state).toMatchObject({ status: 'open', lastEventId: '20', error: null, attempt: 0 });
    }
    expect(server.connections.filter((connection) => connection.kind === 'sse')).toHaveLength(1);
  });

  it('falls back to a connection per tab when Web Locks and BroadcastChannel are missing', async () => {
    await freshServer();
    const tabs = await openTabs(['a', 'b'], { stream: 'sse', share: '1', noapis: '1' });
    await allOpen(tabs);
    expect(server.openConnections('sse').map((connection) => connection.tab).sort()).toEqual(['a', 'b']);
    server.emit(5);
    await allHave(tabs, 5);
    for (const tab of tabs) expect((await record(tab)).log).toEqual(server.log);
  });
});

describe.skipIf(skip)('one WebSocket shared across tabs (real Chromium)', { timeout: 30_000 }, () => {
  it('three tabs, one socket joined to every tab\'s rooms; sends and requests go through the leader; the leader closes: the next one rejoins; no token posted', async () => {
    await freshServer();
    const names = ['a', 'b', 'c'];
    const tabs = await openTabs(names, { stream: 'ws', share: '1' });
    await allOpen(tabs);
    await untilServer(() => server.openConnections('ws').some((connection) => connection.token !== ''), 'the socket authenticated');
    const [socket] = server.openConnections('ws');
    expect(server.openConnections('ws')).toHaveLength(1);
    const leader = tabs[names.indexOf(socket!.tab)]!;
    const follower = tabs.find((tab) => tab !== leader)!;
    expect(socket!.token).toBe(`secret-token-of-${socket!.tab}`);
    // Joins reach the server through the one socket (each tab joined its own room and room-all).
    await untilServer(() => names.every((name) => server.roomMembers(`room-${name}`) === 1) && server.roomMembers('room-all') === 1, 'the joins');
    for (let i = 0; i < 5; i++) for (const room of ['room-all', 'room-b', 'room-c']) server.publish(room);
    await allHave(tabs, 15);
    await allHave(tabs, 15);
    for (const tab of tabs) expect((await record(tab)).log).toEqual(server.published(['room-all', 'room-b', 'room-c']));
    // A follower's request: written by the leader, answered on its socket, resolved in the follower.
    const reply = await follower.evaluate(() => (window as unknown as { request: (m: object) => Promise<unknown> }).request({ type: 'ask', what: 'stock' }));
    expect(reply).toMatchObject({ type: 'reply', echo: { type: 'ask', what: 'stock' } });
    expect(server.received.at(-1)).toMatchObject({ tab: socket!.tab, message: { type: 'ask', what: 'stock' } });

    const before = server.connections.length;
    await leader.close();
    // A socket is known to the server at its upgrade, its tab and token only once its auth message arrives.
    await untilServer(
      () => server.connections.length > before && server.openConnections('ws').length === 1 && server.openConnections('ws')[0]!.token !== '',
      'the next leader, authenticated',
    );
    const rest = tabs.filter((tab) => tab !== leader);
    await allOpen(rest);
    const next = server.openConnections('ws')[0]!;
    expect(next.tab).not.toBe(socket!.tab);
    expect(next.token).toBe(`secret-token-of-${next.tab}`);
    await untilServer(() => server.roomMembers('room-all') === 1 && rest.length === names.filter((name) => name !== socket!.tab && server.roomMembers(`room-${name}`) === 1).length, 'the rejoins');
    // The closed tab's room has no holder left, so the new socket did not join it.
    expect(server.roomMembers(`room-${socket!.tab}`)).toBe(0);
    // Publish to the room every tab holds.
    for (let i = 0; i < 5; i++) server.publish('room-all');
    await allHave(rest, 20);
    for (const tab of rest) {
      const { log, posted } = await record(tab);
      expect(log).toEqual(server.published(['room-all', 'room-b', 'room-c']));
      expect(posted.length).toBeGreaterThan(0);
      expect(posted.join('\n')).not.toMatch(/secret-token/);
    }
  });
});
