/**
 * The live feed over a real `ws` server on 127.0.0.1: subscribe/unsubscribe frames, re-sent after
 * every reconnect; no resume on a plain socket, so every topic reloads its snapshot over HTTP
 * from the same server after a reconnect.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { createLiveFeed, type LiveFeed } from '../../src/core/feed/live-feed.js';
import { fetchSnapshot } from '../../src/core/feed/fetch-snapshot.js';
import { socketFeedTransport } from '../../src/core/feed/socket-transport.js';
import type { JsonFeedEvent } from '../../src/core/feed/map-event.js';
import type { WebSocketConstructor } from '../../src/core/transport/socket-client.js';
import { TopicSocketServer } from './support/topic-socket-server.js';

const FAST_RETRY = { initialDelayMs: 5, maxDelayMs: 25, maxAttempts: Infinity, maxElapsedMs: 60_000 };
const WAIT = { timeout: 3_000, interval: 5 };

/**
 * A topic server: per-topic logs with `seq` (they outlive kills) published over a
 * {@link TopicSocketServer}, and `GET /snapshot/:topic` → `{ seq, state }`.
 */
class TopicServer extends TopicSocketServer {
  snapshotRequests = 0;
  readonly logs = new Map<string, number[]>();

  constructor() {
    super({
      http: (req, res) => {
        const match = /^\/snapshot\/(.+)$/.exec(req.url ?? '');
        if (match === null) return false;
        this.snapshotRequests++;
        const log = this.logs.get(decodeURIComponent(match[1]!)) ?? [];
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ seq: log.length, state: log }));
        return true;
      },
    });
  }

  publish(topic: string): void {
    const log = this.logs.get(topic) ?? [];
    log.push(log.length + 1);
    this.logs.set(topic, log);
    this.sendTo(topic, JSON.stringify({ topic, seq: log.length, id: `${topic}/${log.length}` }));
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/feed`;
  }
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(): Promise<TopicServer> {
  const server = new TopicServer();
  await server.start();
  cleanups.push(() => server.kill());
  return server;
}

const append = (state: number[] | undefined, event: JsonFeedEvent) => [...(state ?? []), event.seq!];

function makeFeed(server: TopicServer, options: { graceMs?: number; batched?: boolean } = {}): LiveFeed<JsonFeedEvent, number[]> {
  const { batched = false, ...feedOptions } = options;
  const transport = socketFeedTransport({
    client: { url: server.url, WebSocket: WebSocket as unknown as WebSocketConstructor, retry: FAST_RETRY },
    frames: { join: (topic) => ({ action: 'subscribe', topic }), leave: (topic) => ({ action: 'unsubscribe', topic }) },
    batch: batched
      ? { subscribe: (topics) => ({ action: 'subscribe', topics }), unsubscribe: (topics) => ({ action: 'unsubscribe', topics }) }
      : undefined,
  });
  const feed = createLiveFeed<JsonFeedEvent, number[]>({
    transport,
    reduce: append,
    reorderMs: 100,
    loadSnapshot: fetchSnapshot((topic) => `http://127.0.0.1:${server.port}/snapshot/${encodeURIComponent(topic)}`),
    ...feedOptions,
  });
  cleanups.push(() => {
    feed.close();
    transport.client.stop();
  });
  return feed;
}

describe('live feed over WebSocket (ws)', () => {
  it('10 topics stream while the server is killed and restarted 20 times: every topic ends equal to the server log', async () => {
    const server = await startServer();
    const topics = Array.from({ length: 10 }, (_, i) => `order:${i}`);
    const feed = makeFeed(server);
    for (const topic of topics) feed.subscribe(topic, () => {});
    let next = 0;
    const producer = setInterval(() => {
      for (let i = 0; i < 3; i++) server.publish(topics[next++ % topics.length]!);
    }, 2);
    try {
      for (let kill = 0; kill < 20; kill++) {
        const seen = feed.stats().applied;
        await vi.waitFor(() => expect(feed.stats().applied).toBeGreaterThan(seen + 5), WAIT);
        await server.restart();
      }
    } finally {
      clearInterval(producer);
    }
    await vi.waitFor(() => {
      feed.flush();
      for (const topic of topics) {
        expect(feed.getSnapshot(topic).status).toBe('live');
        expect(feed.getSnapshot(topic).state).toEqual(server.logs.get(topic));
      }
    }, WAIT);
    expect(server.connections).toBeGreaterThanOrEqual(20);
    // Subscriptions were re-sent on every connection, and each reconnect reloaded every topic.
    for (const frames of server.frames) expect(frames.filter((f) => f.action === 'subscribe')).toHaveLength(10);
    expect(feed.stats().snapshotLoads).toBeGreaterThanOrEqual(10 * 20);
  });

  it('100 subscribers to 100 topics share one connection; subscriptions are re-sent after a reconnect', async () => {
    const server = await startServer();
    const feed = makeFeed(server);
    for (let i = 0; i < 100; i++) feed.subscribe(`t${i}`, () => {});
    await vi.waitFor(() => expect(server.frames[0]?.length).toBe(100), WAIT);
    expect(server.connections).toBe(1);
    expect(server.openConnections).toBe(1);
    await server.restart();
    await vi.waitFor(() => expect(server.frames[1]?.length).toBe(100), WAIT);
    expect(new Set(server.frames[1]!.map((f) => f.topic))).toEqual(new Set(server.frames[0]!.map((f) => f.topic)));
    expect(server.connections).toBe(2);
  });

  it('the last subscriber leaving sends one unsubscribe frame; after the grace period nothing is retained and the socket closes', async () => {
    const server = await startServer();
    const feed = makeFeed(server, { graceMs: 50 });
    const release1 = feed.subscribe('a', () => {});
    const release2 = feed.subscribe('a', () => {});
    const releaseB = feed.subscribe('b', () => {});
    await vi.waitFor(() => expect(server.frames[0]?.length).toBe(2), WAIT);
    release1();
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.frames[0]!.filter((f) => f.action === 'unsubscribe')).toHaveLength(0);
    release2();
    await vi.waitFor(() => expect(server.frames[0]).toContainEqual({ action: 'unsubscribe', topic: 'a' }), WAIT);
    await vi.waitFor(() => expect(feed.topicCount).toBe(1), WAIT);
    expect(feed.getSnapshot('a').status).toBe('idle');
    expect(server.openConnections).toBe(1);
    releaseB();
    await vi.waitFor(() => expect(server.openConnections).toBe(0), WAIT);
    expect(feed.topicCount).toBe(0);
    expect(server.connections).toBe(1);
  });

  it('batched frames: the topics of one tick go in one subscribe frame, the whole set again after a reconnect, removals in one unsubscribe frame', async () => {
    const server = await startServer();
    const feed = makeFeed(server, { batched: true });
    const releases = Array.from({ length: 50 }, (_, i) => feed.subscribe(`t${i}`, () => {}));
    await vi.waitFor(() => expect(server.frames[0]).toHaveLength(1), WAIT);
    expect(server.frames[0]![0]!.topics).toHaveLength(50);
    await vi.waitFor(() => expect(feed.getSnapshot('t7').status).toBe('live'), WAIT);
    server.publish('t7');
    await vi.waitFor(() => expect(feed.stats().applied).toBe(1), WAIT);
    await server.restart();
    await vi.waitFor(() => expect(server.frames[1]).toHaveLength(1), WAIT);
    expect(new Set(server.frames[1]![0]!.topics)).toEqual(new Set(server.frames[0]![0]!.topics));
    releases[3]!();
    releases[4]!();
    feed.subscribe('t50', () => {});
    await vi.waitFor(() => expect(server.frames[1]).toHaveLength(3), WAIT);
    expect(server.frames[1]!.slice(1)).toEqual([
      { action: 'unsubscribe', topics: ['t3', 't4'] },
      { action: 'subscribe', topics: ['t50'] },
    ]);
    // The reconnect could not resume: every topic reloaded, and t7 still has exactly its log.
    await vi.waitFor(() => expect(feed.getSnapshot('t7').status).toBe('live'), WAIT);
    feed.flush();
    expect(feed.getSnapshot('t7').state).toEqual([1]);
  });

  it('a server that ignores unsubscribe: its events for the topic are dropped; other topics apply', async () => {
    const server = await startServer();
    server.ignoreUnsubscribe = true;
    const feed = makeFeed(server);
    const release = feed.subscribe('a', () => {});
    feed.subscribe('b', () => {});
    await vi.waitFor(() => expect([feed.getSnapshot('a').status, feed.getSnapshot('b').status]).toEqual(['live', 'live']), WAIT);
    server.publish('a');
    await vi.waitFor(() => expect(feed.stats().applied).toBe(1), WAIT);
    release();
    await vi.waitFor(() => expect(server.frames[0]).toContainEqual({ action: 'unsubscribe', topic: 'a' }), WAIT);
    server.publish('a');
    server.publish('a');
    server.publish('b');
    await vi.waitFor(() => expect(feed.stats().unrouted).toBe(2), WAIT);
    await vi.waitFor(() => expect(feed.stats().applied).toBe(2), WAIT);
    feed.flush();
    expect(feed.getSnapshot('a').state).toEqual([1]);
    expect(feed.getSnapshot('b').state).toEqual([1]);
  });
});
