/**
 * The socket.io feed transport against real socket.io servers on 127.0.0.1, two of them joined
 * by `@socket.io/redis-adapter` through a real redis-server: rooms as topics (frames counted
 * server-side), events published on one server reaching a client of the other, a killed server
 * the client leaves for the other one, and socket.io's connection state recovery.
 *
 * React-free: it runs in the `integration` project only (the React 18 run would repeat it).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { StreamError } from '../../src/core/errors.js';
import { createLiveFeed, type LiveFeed } from '../../src/core/feed/live-feed.js';
import type { JsonFeedEvent } from '../../src/core/feed/map-event.js';
import type { FeedOpenInfo, FeedTransportSink } from '../../src/core/feed/transport.js';
import type { StreamStatus } from '../../src/core/transport/status.js';
import { socketIoFeedTransport, type SocketIoFeedOptions, type SocketIoFeedTransport } from '../../src/socketio/index.js';
import { startRedis, type RedisProcess } from './support/redis.js';
import { SocketIoNode, TopicLog, startCluster, type WireEvent } from './support/socketio.js';

const WAIT = { timeout: 5_000, interval: 5 };
/** Fast, deterministic reconnection: what matters is where it reconnects, not when. */
const FAST = { transports: ['websocket'], reconnectionDelay: 20, reconnectionDelayMax: 100, randomizationFactor: 0 };

interface Recording {
  messages: WireEvent[];
  opens: FeedOpenInfo[];
  lives: number;
  statuses: StreamStatus[];
  errors: StreamError[];
}

/** A sink that records what the transport tells the feed. `onOpen` runs inside `open`. */
function recordingSink(onOpen?: () => void): { sink: FeedTransportSink<WireEvent>; rec: Recording } {
  const rec: Recording = { messages: [], opens: [], lives: 0, statuses: [], errors: [] };
  const sink: FeedTransportSink<WireEvent> = {
    message: (raw) => rec.messages.push(raw),
    open: (info) => {
      rec.opens.push(info);
      onOpen?.();
    },
    live: () => rec.lives++,
    status: (status) => rec.statuses.push(status),
    error: (error) => rec.errors.push(error),
  };
  return { sink, rec };
}

const topicSet = (...topics: string[]) => ({ topics: new Set(topics), added: topics, removed: [] });
const ids = (events: readonly WireEvent[]) => events.map((event) => event.id);

describe.skipIf(process.env.STREAMKIT_EXPECT_REACT === '18')('socket.io feed transport', { timeout: 15_000 }, () => {
  let redis: RedisProcess;
  const nodes: SocketIoNode[] = [];
  const transports: { transport: SocketIoFeedTransport<WireEvent>; detach: () => void }[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    for (const { transport, detach } of transports.splice(0)) {
      transport.close();
      detach();
    }
    for (const node of nodes.splice(0)) await node.kill();
  });

  async function cluster(count: number, log = new TopicLog()) {
    const started = await startCluster(redis.url, log, count);
    nodes.push(...started);
    return started;
  }

  function open(options: SocketIoFeedOptions<WireEvent>, topics: string[], onOpen?: () => void) {
    const transport = socketIoFeedTransport<WireEvent>(options);
    const { sink, rec } = recordingSink(onOpen);
    const detach = transport.attach(sink);
    transports.push({ transport, detach });
    transport.setTopics(topicSet(...topics));
    transport.connect();
    return { transport, rec };
  }

  it('rooms as topics: a client on server A receives what server B publishes (through Redis), only for its rooms', async () => {
    const log = new TopicLog();
    const [a, b] = await cluster(2, log);
    const { transport, rec } = open({ url: a!.url, options: FAST }, ['t1', 't2']);

    await vi.waitFor(() => expect(rec.opens).toEqual([{ resumed: false }]), WAIT);
    // One subscribe frame per topic, on the client's server only (without acks they may land
    // just after `open`).
    await vi.waitFor(() => expect(Object.fromEntries(a!.frames.subscribe)).toEqual({ t1: 1, t2: 1 }), WAIT);
    expect(a!.clientCount()).toBe(1);
    expect(b!.clientCount()).toBe(0);
    expect(b!.count('subscribe')).toBe(0);

    b!.publish('t1', 'a');
    b!.publish('t3', 'not ours');
    b!.publish('t2', 'b');
    b!.publish('t1', 'c');
    await vi.waitFor(() => expect(rec.messages).toHaveLength(3), WAIT);
    expect(ids(rec.messages)).toEqual(['t1#1', 't2#1', 't1#2']);

    // Leave t2: one unsubscribe frame, then nothing more of t2 arrives. B publishes t2 before
    // t1 on one Redis connection, so once t1 is here a t2 event would have been too.
    transport.setTopics({ topics: new Set(['t1']), added: [], removed: ['t2'] });
    await vi.waitFor(() => expect(a!.frames.unsubscribe.get('t2')).toBe(1), WAIT);
    expect(rec.lives).toBe(1);
    b!.publish('t2', 'gone');
    b!.publish('t1', 'd');
    await vi.waitFor(() => expect(rec.messages).toHaveLength(4), WAIT);
    expect(ids(rec.messages)).toEqual(['t1#1', 't2#1', 't1#2', 't1#3']);
    expect(a!.count('subscribe')).toBe(2);
    expect(rec.statuses).toEqual(['connecting', 'open']);
    expect(rec.errors).toEqual([]);
  });

  it('server A is killed: the client reconnects to B, joins its rooms there and is told it could not resume', async () => {
    const [a, b] = await cluster(2);
    const { rec } = open({ url: [a!.url, b!.url], options: FAST }, ['t1', 't2']);
    await vi.waitFor(() => expect(rec.opens).toHaveLength(1), WAIT);
    await vi.waitFor(() => expect(a!.count('subscribe')).toBe(2), WAIT);
    b!.publish('t1', 'before');
    await vi.waitFor(() => expect(rec.messages).toHaveLength(1), WAIT);

    await a!.kill();
    await vi.waitFor(() => expect(rec.opens).toEqual([{ resumed: false }, { resumed: false }]), WAIT);
    await vi.waitFor(() => expect(Object.fromEntries(b!.frames.subscribe)).toEqual({ t1: 1, t2: 1 }), WAIT);
    expect(b!.clientCount()).toBe(1);
    expect(rec.statuses).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    expect(rec.errors.map((error) => [error.kind, error.willRetry])).toContainEqual(['network', true]);

    b!.publish('t2', 'after');
    await vi.waitFor(() => expect(ids(rec.messages)).toEqual(['t1#1', 't2#1']), WAIT);
  });

  it('one URL, server restarted on the same port: the client comes back to it and joins its rooms again', async () => {
    const [a, b] = await cluster(2);
    const { rec } = open({ url: a!.url, options: FAST }, ['t1']);
    await vi.waitFor(() => expect(a!.count('subscribe')).toBe(1), WAIT);
    await a!.kill();
    await vi.waitFor(() => expect(rec.statuses.at(-1)).toBe('reconnecting'), WAIT);
    await a!.start();
    await vi.waitFor(() => expect(rec.opens).toEqual([{ resumed: false }, { resumed: false }]), WAIT);
    await vi.waitFor(() => expect(a!.count('subscribe')).toBe(2), WAIT);
    b!.publish('t1', 'after restart');
    await vi.waitFor(() => expect(ids(rec.messages)).toEqual(['t1#1']), WAIT);
  });

  it('topics changed while disconnected: no stale frames are queued; the new server gets exactly the current set', async () => {
    const [a, b] = await cluster(2);
    const { transport, rec } = open({ url: [a!.url, b!.url], options: FAST }, ['t1', 't2']);
    await vi.waitFor(() => expect(a!.count('subscribe')).toBe(2), WAIT);
    await a!.kill();
    await vi.waitFor(() => expect(rec.statuses.at(-1)).toBe('reconnecting'), WAIT);
    transport.setTopics({ topics: new Set(['t2', 't3']), added: ['t3'], removed: ['t1'] });
    await vi.waitFor(() => expect(rec.opens).toHaveLength(2), WAIT);
    await vi.waitFor(() => expect(Object.fromEntries(b!.frames.subscribe)).toEqual({ t2: 1, t3: 1 }), WAIT);
    b!.publish('t1', 'left');
    b!.publish('t3', 'joined');
    await vi.waitFor(() => expect(ids(rec.messages)).toEqual(['t3#1']), WAIT);
    expect(b!.count('unsubscribe')).toBe(0);
    expect(rec.lives).toBe(0);
  });

  it("the app's own socket, already connected, with its own event names: rooms joined at once, events mapped by toRaw", async () => {
    const [a] = await cluster(1);
    const socket = io(a!.url, { ...FAST, forceNew: true });
    await vi.waitFor(() => expect(socket.connected).toBe(true), WAIT);
    const { transport, rec } = open(
      {
        socket,
        events: ['order:update', 'order:cancel'],
        toRaw: (event, args) => ({ ...(args[0] as WireEvent), data: `${event}/${(args[0] as WireEvent).data}` }),
      },
      ['o1'],
    );
    expect(rec.opens).toEqual([{ resumed: false }]);
    await vi.waitFor(() => expect(a!.count('subscribe')).toBe(1), WAIT);
    a!.publishRaw({ topic: 'o1', id: 'o1#1', seq: 1, data: 'x' }, 'order:update');
    a!.publishRaw({ topic: 'o1', id: 'o1#2', seq: 2, data: 'y' }, 'something:else');
    a!.publishRaw({ topic: 'o1', id: 'o1#3', seq: 3, data: 'z' }, 'order:cancel');
    await vi.waitFor(() => expect(rec.messages.map((m) => m.data)).toEqual(['order:update/x', 'order:cancel/z']), WAIT);
    transport.close();
    expect(socket.connected).toBe(false);
  });

  it('a subscribe convention with acks: the feed hears `open` only after the server joined every room', async () => {
    const [a] = await cluster(1);
    const seenAtOpen: number[] = [];
    const subscribe = (socket: Socket, topics: readonly string[]) =>
      Promise.all(topics.map((topic) => socket.timeout(2_000).emitWithAck('subscribe', topic)));
    const { rec } = open({ url: a!.url, options: FAST, subscribe }, ['t1', 't2', 't3'], () =>
      seenAtOpen.push(a!.count('subscribe')),
    );
    await vi.waitFor(() => expect(rec.opens).toHaveLength(1), WAIT);
    expect(seenAtOpen).toEqual([3]);
  });

  it('a join the server never confirms: a callback error, and the feed is still told the connection is open', async () => {
    const [a] = await cluster(1);
    const subscribe = (socket: Socket, topics: readonly string[]) =>
      Promise.all(topics.map((topic) => socket.timeout(50).emitWithAck('join-unknown-to-the-server', topic)));
    const { rec } = open({ url: a!.url, options: FAST, subscribe }, ['t1']);
    await vi.waitFor(() => expect(rec.opens).toEqual([{ resumed: false }]), WAIT);
    expect(rec.errors.map((error) => error.kind)).toEqual(['callback']);
    expect(rec.statuses).toEqual(['connecting', 'open']);
  });

  it('close() disconnects for good (no reconnect); connect() again joins every room afresh', async () => {
    const [a] = await cluster(1);
    const { transport, rec } = open({ url: a!.url, options: FAST }, ['t1']);
    await vi.waitFor(() => expect(rec.opens).toHaveLength(1), WAIT);
    await vi.waitFor(() => expect(a!.count('subscribe')).toBe(1), WAIT);
    transport.close();
    await vi.waitFor(() => expect(a!.clientCount()).toBe(0), WAIT);
    expect(rec.statuses.at(-1)).toBe('closed');
    expect(rec.errors).toEqual([]);

    transport.setTopics({ topics: new Set(['t1', 't2']), added: ['t2'], removed: [] });
    transport.connect();
    await vi.waitFor(() => expect(rec.opens).toEqual([{ resumed: false }, { resumed: false }]), WAIT);
    await vi.waitFor(() => expect(Object.fromEntries(a!.frames.subscribe)).toEqual({ t1: 2, t2: 1 }), WAIT);
    expect(a!.connections).toBe(2);
    // A new connect() after close() is a first attempt again, not a reconnect.
    expect(rec.statuses).toEqual(['connecting', 'open', 'closed', 'connecting', 'open']);
  });

  it('a connection the server refuses in a middleware is an auth error, not retried', async () => {
    const [a] = await cluster(1);
    a!.refuse = 'unauthorized';
    const { transport, rec } = open({ url: a!.url, options: FAST }, ['t1']);
    await vi.waitFor(() => expect(rec.statuses.at(-1)).toBe('error'), WAIT);
    expect(rec.errors.map((error) => [error.kind, error.willRetry])).toEqual([['auth', false]]);
    expect(a!.connections).toBe(0);
    expect(rec.opens).toEqual([]);

    // The feed asks again later (say after a new token): a fresh attempt, which now succeeds.
    a!.refuse = null;
    transport.connect();
    await vi.waitFor(() => expect(rec.opens).toEqual([{ resumed: false }]), WAIT);
    expect(rec.statuses).toEqual(['connecting', 'error', 'connecting', 'open']);
  });

  it('connection state recovery: after a dropped connection the session resumes, rooms kept, missed events replayed', async () => {
    const log = new TopicLog();
    // A lone server with the in-memory adapter: the Redis adapter cannot recover sessions.
    const server = new SocketIoNode('R', null, log, { connectionStateRecovery: { maxDisconnectionDuration: 10_000 } });
    await server.start();
    nodes.push(server);
    const { rec } = open({ url: server.url, options: FAST }, ['t1']);
    await vi.waitFor(() => expect(rec.opens).toHaveLength(1), WAIT);
    await vi.waitFor(() => expect(server.count('subscribe')).toBe(1), WAIT);
    server.publish('t1', 'a');
    await vi.waitFor(() => expect(rec.messages).toHaveLength(1), WAIT);

    server.dropConnections();
    await vi.waitFor(() => expect(rec.statuses.at(-1)).toBe('reconnecting'), WAIT);
    server.publish('t1', 'while away');
    await vi.waitFor(() => expect(rec.opens).toEqual([{ resumed: false }, { resumed: true }]), WAIT);
    await vi.waitFor(() => expect(ids(rec.messages)).toEqual(['t1#1', 't1#2']), WAIT);
    // The server restored the room: no second subscribe frame.
    expect(server.frames.subscribe.get('t1')).toBe(1);
  });

  describe('through createLiveFeed', () => {
    const feeds: LiveFeed<JsonFeedEvent, string[]>[] = [];
    afterEach(() => {
      for (const feed of feeds.splice(0)) feed.close();
    });

    /**
     * A feed whose topic state is the list of every event's `data`, joining rooms with the
     * default convention and loading snapshots over the same socket (`snapshot` request, acked):
     * the server reads a socket's messages in order, so each room is joined before its snapshot
     * is read. `applied` records each event the feed applied, per topic.
     */
    function liveFeed(urls: string[], topics: string[]) {
      const transport = socketIoFeedTransport({ url: urls, options: FAST });
      const feed = createLiveFeed<JsonFeedEvent, string[]>({
        transport,
        reduce: (state, event) => [...(state ?? []), event['data'] as string],
        loadSnapshot: (topic) => transport.socket.timeout(2_000).emitWithAck('snapshot', topic),
      });
      feeds.push(feed);
      const applied = new Map<string, string[]>(topics.map((topic) => [topic, []]));
      for (const topic of topics) {
        feed.subscribe(topic, () => {}, { onEvent: (event) => applied.get(topic)!.push(event.id!) });
      }
      return { feed, applied };
    }

    const states = (feed: LiveFeed<JsonFeedEvent, string[]>, topics: string[]) =>
      Object.fromEntries(topics.map((topic) => [topic, feed.getSnapshot(topic).state ?? []]));
    const published = (log: TopicLog, topics: string[]) =>
      Object.fromEntries(topics.map((topic) => [topic, log.snapshot(topic).state]));

    it('server A is killed mid-stream: the feed, now on B, misses nothing and applies nothing twice', async () => {
      const log = new TopicLog();
      const [a, b] = await cluster(2, log);
      const topics = ['o1', 'o2', 'o3', 'o4'];
      const { feed, applied } = liveFeed([a!.url, b!.url], topics);
      await vi.waitFor(() => expect(topics.map((topic) => feed.getSnapshot(topic).status)).toEqual(topics.map(() => 'live')), WAIT);
      expect(a!.count('subscribe')).toBe(4);

      // Published on B, delivered by A through Redis; every third one sent twice.
      let n = 0;
      const publishRound = (rounds: number) => {
        for (let r = 0; r < rounds; r++) for (const topic of topics) b!.publish(topic, `${topic}:${++n}`, n % 3 === 0 ? 2 : 1);
      };
      publishRound(3);
      await vi.waitFor(() => expect(states(feed, topics)).toEqual(published(log, topics)), WAIT);

      await a!.kill();
      // B keeps publishing, a round per poll, through the whole failover: while the client has
      // no server (socket.io drops those for it), while it joins B's rooms, while the snapshots load.
      await vi.waitFor(() => {
        publishRound(1);
        expect(b!.count('subscribe')).toBe(4);
        expect(topics.map((topic) => b!.frames.snapshot.get(topic))).toEqual([1, 1, 1, 1]);
        expect(topics.map((topic) => feed.getSnapshot(topic).status)).toEqual(topics.map(() => 'live'));
      }, WAIT);
      publishRound(3);

      await vi.waitFor(() => expect(states(feed, topics)).toEqual(published(log, topics)), WAIT);
      expect(topics.map((topic) => feed.getSnapshot(topic).status)).toEqual(topics.map(() => 'live'));
      // One snapshot per topic on each server: the first load, then the reload after a reconnect
      // that could not resume.
      expect(topics.map((topic) => a!.frames.snapshot.get(topic))).toEqual([1, 1, 1, 1]);
      for (const topic of topics) {
        const ids = applied.get(topic)!;
        expect(new Set(ids).size).toBe(ids.length);
      }
      // The repeated sends were seen and refused (as duplicates, or as stale by their seq).
      const { duplicates, stale } = feed.stats();
      expect(duplicates + stale).toBeGreaterThan(0);
      expect(feed.getStatus().status).toBe('open');
    });

    it('duplicate and re-sent deliveries: each event applied exactly once, in seq order', async () => {
      const log = new TopicLog();
      const [a] = await cluster(1, log);
      const { feed, applied } = liveFeed([a!.url], ['t1', 't2']);
      await vi.waitFor(() => expect(feed.getSnapshot('t2').status).toBe('live'), WAIT);
      const sent: WireEvent[] = [];
      for (let i = 1; i <= 5; i++) {
        sent.push(a!.publish('t1', `x${i}`, 3));
        sent.push(a!.publish('t2', `y${i}`, 2));
      }
      // A server re-sending old events (a retry after a lost ack, say).
      a!.publishRaw(sent[0]!);
      a!.publishRaw(sent[3]!);
      a!.publish('t1', 'x6');
      await vi.waitFor(() => expect(states(feed, ['t1', 't2'])).toEqual(published(log, ['t1', 't2'])), WAIT);
      expect(applied.get('t1')).toEqual(['t1#1', 't1#2', 't1#3', 't1#4', 't1#5', 't1#6']);
      expect(applied.get('t2')).toEqual(['t2#1', 't2#2', 't2#3', 't2#4', 't2#5']);
      const stats = feed.stats();
      // 10 extra copies of t1, 5 of t2, 2 re-sent: all recognised, none applied.
      expect(stats.duplicates + stats.stale).toBe(17);
      expect(stats.applied).toBe(11);
    });
  });
});
