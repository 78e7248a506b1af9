/**
 * The live feed over a real node:http SSE server on 127.0.0.1: one stream for every topic,
 * resumed with Last-Event-ID across crashes, and a URL built from the topic set.
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { createLiveFeed, type LiveFeed } from '../../src/core/feed/live-feed.js';
import { sseFeedTransport } from '../../src/core/feed/sse-transport.js';
import type { JsonFeedEvent } from '../../src/core/feed/map-event.js';
import { SSEServer, cleanupAfterEach, formatEvent, openEventStream } from './support/sse-server.js';

const { server: track, client: trackClient } = cleanupAfterEach();
const FAST_RETRY = { initialDelayMs: 5, maxDelayMs: 25, maxAttempts: Infinity, maxElapsedMs: 60_000 };

interface Logged {
  /** Global stream position (the SSE id). */
  n: number;
  topic: string;
  seq: number;
}

/**
 * A feed server: an append-only log of events over many topics, each with its own `seq`. A
 * request replays everything after its Last-Event-ID, then streams live; `?topics=a,b` filters.
 * The log outlives kills, as a real server's database would.
 */
class FeedServer {
  readonly log: Logged[] = [];
  private readonly seqs = new Map<string, number>();
  private readonly live = new Set<{ res: ServerResponse; topics: Set<string> | null }>();
  readonly http: SSEServer;
  overlap = 0;

  constructor() {
    this.http = track(
      new SSEServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        const filter = url.searchParams.get('topics');
        const topics = filter === null ? null : new Set(filter.split(',').filter(Boolean));
        const after = Number(req.headers['last-event-id'] ?? 0);
        openEventStream(res);
        const client = { res, topics };
        // Replays a few events before Last-Event-ID too, as happens when a browser discarded bytes
        // it had not read when the connection broke: the feed must drop what it already applied.
        for (const event of this.log) if (event.n > after - this.overlap) this.write(client, event);
        this.live.add(client);
        res.on('close', () => this.live.delete(client));
      }),
    );
  }

  publish(topic: string): void {
    const seq = (this.seqs.get(topic) ?? 0) + 1;
    this.seqs.set(topic, seq);
    const event = { n: this.log.length + 1, topic, seq };
    this.log.push(event);
    for (const client of this.live) this.write(client, event);
  }

  topicLog(topic: string): number[] {
    return this.log.filter((e) => e.topic === topic).map((e) => e.seq);
  }

  private write(client: { res: ServerResponse; topics: Set<string> | null }, event: Logged): void {
    if (client.topics !== null && !client.topics.has(event.topic)) return;
    client.res.write(formatEvent({ id: event.n, event: 'update', data: JSON.stringify({ topic: event.topic, seq: event.seq, id: `${event.topic}/${event.seq}` }) }));
  }
}

const append = (state: number[] | undefined, event: JsonFeedEvent) => [...(state ?? []), event.seq!];

function makeFeed(url: string, extra: Partial<Parameters<typeof sseFeedTransport>[0]> = {}): LiveFeed<JsonFeedEvent, number[]> {
  const transport = sseFeedTransport({ client: { url, retry: FAST_RETRY }, ...extra });
  trackClient(transport.client);
  const feed = createLiveFeed<JsonFeedEvent, number[]>({ transport, reduce: append, reorderMs: 200 });
  trackClient({ stop: () => feed.close() });
  return feed;
}

describe('live feed over SSE (node:http)', () => {
  it('10 topics stream while the server is killed and restarted 25 times: every topic applies exactly the server log', async () => {
    const server = new FeedServer();
    server.overlap = 3;
    await server.http.start();
    const topics = Array.from({ length: 10 }, (_, i) => `order:${i}`);
    const feed = makeFeed(`${server.http.url}/feed`);
    const applied = new Map(topics.map((t) => [t, [] as number[]]));
    for (const topic of topics) feed.subscribe(topic, () => {}, { onEvent: (event) => applied.get(topic)!.push(event.seq!) });
    let next = 0;
    const producer = setInterval(() => {
      for (let i = 0; i < 3; i++) server.publish(topics[next++ % topics.length]!);
    }, 2);
    try {
      for (let kill = 0; kill < 25; kill++) {
        const seen = feed.stats().applied;
        // Wait until the client is streaming again (it applied something new), then crash it.
        await vi.waitFor(() => expect(feed.stats().applied).toBeGreaterThan(seen + 5), { timeout: 5_000, interval: 2 });
        await server.http.restart();
      }
    } finally {
      clearInterval(producer);
    }
    await vi.waitFor(() => expect(feed.stats().applied).toBe(server.log.length), { timeout: 3_000, interval: 5 });
    feed.flush();
    for (const topic of topics) {
      expect(applied.get(topic)).toEqual(server.topicLog(topic));
      expect(feed.getSnapshot(topic).state).toEqual(server.topicLog(topic));
    }
    expect(server.http.requestCount).toBeGreaterThanOrEqual(25);
    // Every reconnect re-sent a few events it already had: all of them were dropped, none skipped.
    const stats = feed.stats();
    expect(stats.duplicates + stats.stale).toBeGreaterThanOrEqual(24);
    expect(stats.gaps).toBe(0);
  });

  it('100 subscribers to 100 topics share one connection (counted by the server)', async () => {
    const server = new FeedServer();
    await server.http.start();
    const feed = makeFeed(`${server.http.url}/feed`);
    const calls = new Map<string, number>();
    for (let i = 0; i < 100; i++) feed.subscribe(`t${i}`, () => {}, { onEvent: () => calls.set(`t${i}`, (calls.get(`t${i}`) ?? 0) + 1) });
    await vi.waitFor(() => expect(feed.getStatus().status).toBe('open'), { timeout: 3_000, interval: 5 });
    for (let i = 0; i < 100; i++) server.publish(`t${i}`);
    await vi.waitFor(() => expect(feed.stats().applied).toBe(100), { timeout: 3_000, interval: 5 });
    expect(server.http.requestCount).toBe(1);
    expect(server.http.openSockets).toBe(1);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
  });

  it('a URL built from the topic set: a new topic reconnects once (debounced), resuming from the last id', async () => {
    const server = new FeedServer();
    await server.http.start();
    const feed = makeFeed(`${server.http.url}/feed`, {
      url: (topics) => `${server.http.url}/feed?topics=${topics.join(',')}`,
      debounceMs: 20,
    });
    feed.subscribe('a', () => {});
    await vi.waitFor(() => expect(feed.getStatus().status).toBe('open'), { timeout: 2_000, interval: 5 });
    server.publish('a');
    server.publish('b'); // not ours yet: the server filters it out
    await vi.waitFor(() => expect(feed.stats().applied).toBe(1), { timeout: 2_000, interval: 5 });
    feed.subscribe('b', () => {});
    feed.subscribe('c', () => {});
    await vi.waitFor(() => expect(server.http.requests.map((r) => r.url)).toHaveLength(2), { timeout: 2_000, interval: 5 });
    const second = server.http.requests[1]!;
    expect(decodeURIComponent(second.url)).toBe('/feed?topics=a,b,c');
    expect(second.headers['last-event-id']).toBe('1');
    server.publish('b');
    server.publish('c');
    // b's first event (id 2) was published before b was wanted: the resumed request replays it
    // (it is after id 1), so b applies its whole log: a1, then b1, b2, c1.
    await vi.waitFor(() => expect(feed.stats().applied).toBe(4), { timeout: 2_000, interval: 5 });
    feed.flush();
    expect(feed.getSnapshot('a').state).toEqual([1]);
    expect(feed.getSnapshot('b').state).toEqual(server.topicLog('b'));
    expect(feed.getSnapshot('c').state).toEqual([1]);
    expect(server.http.requestCount).toBe(2);
  });
});
