import { describe, expect, test } from 'vitest';
import { Heartbeat } from '../../src/core/transport/socket-heartbeat.js';
import { OutboundQueue } from '../../src/core/transport/socket-queue.js';
import { FakeClock as ManualClock } from './support/fakes.js';


describe('OutboundQueue', () => {
  test('bounded by count: drop-oldest evicts the oldest, reject refuses the newest', () => {
    const discarded: string[] = [];
    const dropping = new OutboundQueue<string>({ maxSize: 2 });
    for (const message of ['a', 'b', 'c']) {
      expect(dropping.push({ message, queuedAt: 0, onDiscard: (why) => discarded.push(`${message}:${why}`) })).toBe(true);
    }
    expect(dropping.drain(0).map((e) => e.message)).toEqual(['b', 'c']);
    expect(discarded).toEqual(['a:full']);
    expect(dropping.dropped).toBe(1);

    const rejecting = new OutboundQueue<string>({ maxSize: 2, whenFull: 'reject' });
    expect(['a', 'b', 'c'].map((message) => rejecting.push({ message, queuedAt: 0 }))).toEqual([true, true, false]);
    expect(rejecting.drain(0).map((e) => e.message)).toEqual(['a', 'b']);
    expect(rejecting.size).toBe(0);
  });

  test('bounded by age: stale messages are discarded at drain, fresh ones kept in order', () => {
    const discarded: string[] = [];
    const queue = new OutboundQueue<string>({ maxAgeMs: 30_000 });
    for (const [message, at] of [['old', 0], ['mid', 5_000], ['new', 20_000]] as const) {
      queue.push({ message, queuedAt: at, onDiscard: (why) => discarded.push(`${message}:${why}`) });
    }
    expect(queue.drain(31_000).map((e) => e.message)).toEqual(['mid', 'new']);
    expect(discarded).toEqual(['old:expired']);
  });

  test('clear discards everything', () => {
    const discarded: string[] = [];
    const queue = new OutboundQueue<string>();
    queue.push({ message: 'x', queuedAt: 0, onDiscard: (why) => discarded.push(why) });
    queue.clear();
    expect([queue.size, discarded]).toEqual([0, ['cleared']]);
  });
});

describe('Heartbeat', () => {
  function setup() {
    const clock = new ManualClock();
    const pings: unknown[] = [];
    const rtts: number[] = [];
    const timeouts: number[] = [];
    const heartbeat = new Heartbeat({ intervalMs: 30_000, timeoutMs: 10_000 }, clock, {
      sendPing: (message) => pings.push(message),
      onRoundTrip: (rtt) => rtts.push(rtt),
      onTimeout: (ms) => timeouts.push(ms),
    });
    return { clock, pings, rtts, timeouts, heartbeat };
  }

  test('pings every interval, measures the round trip, keeps the cadence from the ping', () => {
    const { clock, pings, rtts, timeouts, heartbeat } = setup();
    heartbeat.start();
    clock.advance(29_999);
    expect(pings).toHaveLength(0);
    clock.advance(1);
    expect(pings).toEqual([{ type: 'ping' }]);
    clock.advance(250);
    expect(heartbeat.pong()).toBe(250);
    expect(rtts).toEqual([250]);
    clock.advance(29_749);
    expect(pings).toHaveLength(1);
    clock.advance(1); // 30 s after the first ping
    expect(pings).toHaveLength(2);
    expect(timeouts).toEqual([]);
    expect(clock.pending).toBe(1); // only the pong deadline
  });

  test('a missed pong times out once, measured from the ping, and leaves no timer', () => {
    const { clock, pings, timeouts, heartbeat } = setup();
    heartbeat.start();
    clock.advance(30_000);
    expect(pings).toHaveLength(1);
    clock.advance(9_999);
    expect(timeouts).toEqual([]);
    clock.advance(1);
    expect(timeouts).toEqual([10_000]);
    expect(clock.pending).toBe(0);
    expect(heartbeat.pong()).toBeNull(); // a late pong is ignored
  });

  test('stop clears the timer; custom ping builder and pong predicate', () => {
    const clock = new ManualClock();
    const pings: unknown[] = [];
    let n = 0;
    const heartbeat = new Heartbeat(
      { intervalMs: 100, timeoutMs: 50, ping: () => ({ op: 'hb', n: ++n }), isPong: (m) => (m as { op?: string }).op === 'hb-ack' },
      clock,
      { sendPing: (m) => pings.push(m), onRoundTrip: () => {}, onTimeout: () => {} },
    );
    heartbeat.start();
    clock.advance(100);
    expect(pings).toEqual([{ op: 'hb', n: 1 }]);
    expect([heartbeat.isPong({ op: 'hb-ack' }), heartbeat.isPong({ type: 'pong' })]).toEqual([true, false]);
    heartbeat.stop();
    expect(clock.pending).toBe(0);
  });
});
