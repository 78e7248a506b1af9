/**
 * The mock kit's WebSocket scenarios on `ws.link`, driven by our real SocketClient: a scripted
 * server (timed sends on a fake clock, replies to matching messages, a drop), a refusal with
 * 1008, topic feeds built from the order scenarios, and a server that stops answering pings.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { SocketClientOptions } from '../../../src/core/transport/socket-client.js';
import { orderEvents, refuseSocket, scriptedSocket, socketFeed, toWire, topicFeed } from '../../../src/msw/index.js';
import { FakeClock, tick } from '../support/fakes.js';
import { openSocket, until } from './support.js';

const WS_URL = 'ws://scenarios.test/socket';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const open = (overrides: Partial<SocketClientOptions> = {}) => openSocket(WS_URL, overrides);

describe('scriptedSocket', () => {
  test('timed sends play on the injected clock: nothing before its time, each at its time', async () => {
    const clock = new FakeClock();
    server.use(
      scriptedSocket(WS_URL, {
        clock,
        steps: [{ message: { type: 'welcome' } }, { delayMs: 60_000, message: { type: 'menu', items: 3 } }, { delayMs: 60_000, message: '"plain JSON text"' }],
      }),
    );
    const run = open();
    await until(() => expect(run.messages).toEqual([{ type: 'welcome' }]));
    clock.advance(59_999);
    await tick();
    expect(run.messages).toHaveLength(1);
    clock.advance(1);
    await until(() => expect(run.messages).toHaveLength(2));
    clock.advance(60_000);
    await until(() => expect(run.messages).toEqual([{ type: 'welcome' }, { type: 'menu', items: 3 }, 'plain JSON text']));
  });

  test('replies to matching messages (by type, by fields, by predicate), building from the message so request() resolves', async () => {
    server.use(
      scriptedSocket(WS_URL, {
        replies: [
          { match: 'order', reply: (message: unknown) => ({ type: 'ack', id: (message as { id: string }).id, total: 95 }) },
          { match: { type: 'status', orderId: 'pedido-1' }, replies: [{ step: 'preparing' }, { step: 'on-the-way' }] },
          { match: (message) => message === 'hola', reply: { text: '¡hola!' } },
        ],
      }),
    );
    const run = open();
    await until(() => expect(run.opens()).toBe(1));
    await expect(run.client.request({ type: 'order', items: ['pastor'] })).resolves.toMatchObject({ type: 'ack', total: 95 });
    run.client.send({ type: 'status', orderId: 'pedido-2' }); // no rule matches: no answer
    run.client.send({ type: 'status', orderId: 'pedido-1' });
    run.client.send('hola');
    await until(() => expect(run.messages).toHaveLength(4));
    expect(run.messages.slice(1)).toEqual([{ step: 'preparing' }, { step: 'on-the-way' }, { text: '¡hola!' }]);
  });

  test('a close step with 1006 is a drop: the client reconnects and the script plays again', async () => {
    server.use(
      scriptedSocket(WS_URL, {
        steps: (connection) => (connection === 1 ? [{ message: { n: 1 } }, { close: { code: 1006 } }] : [{ message: { n: 2 } }]),
      }),
    );
    const run = open();
    await until(() => expect(run.messages).toEqual([{ n: 1 }, { n: 2 }]));
    expect(run.errors.map((error) => [error.kind, error.closeCode, error.willRetry])).toEqual([['network', 1006, true]]);
    expect(run.opens()).toBe(2);
  });
});

test('refuseSocket: closed with 1008 before it opens, an auth error the client does not retry', async () => {
  server.use(refuseSocket(WS_URL));
  const run = open();
  await until(() => expect(run.errors).toHaveLength(1));
  expect(run.errors[0]).toMatchObject({ kind: 'auth', closeCode: 1008, closeReason: 'Policy violation', willRetry: false });
  expect(run.opens()).toBe(0);
  await until(() => expect(run.client.getSnapshot().status).toBe('error'));
});

test('refuseSocket with `connections`: refuses the first ones only (a code the client retries), then accepts', async () => {
  server.use(refuseSocket(WS_URL, { code: 1013, reason: 'Try again later', connections: 2 }));
  const run = open();
  await until(() => expect(run.opens()).toBe(1));
  expect(run.errors.map((error) => [error.kind, error.closeCode])).toEqual([
    ['network', 1013],
    ['network', 1013],
  ]);
});

describe('topicFeed', () => {
  const messages = (topic: string) => orderEvents('happy', { orderId: topic, start: 1_700_000_000_000 }).slice(0, 3).map((event) => toWire(event));

  test("a subscriber gets its topics' messages (the client's room frames), another topic's never; leaving stops them", async () => {
    const clock = new FakeClock();
    server.use(topicFeed(WS_URL, { messages, intervalMs: 100, clock }));
    const run = open();
    run.client.join('pedido-1');
    await until(() => expect(clock.pending).toBe(1));
    clock.advance(100);
    await until(() => expect(run.messages).toHaveLength(1));
    run.client.join('pedido-2');
    await until(() => expect(clock.pending).toBe(2));
    clock.advance(100);
    await until(() => expect(run.messages).toHaveLength(3));
    run.client.leave('pedido-1');
    await tick();
    await until(() => expect(clock.pending).toBe(1));
    clock.advance(100);
    clock.advance(100);
    await until(() => expect(run.messages).toHaveLength(5));
    expect(clock.pending).toBe(0); // pedido-2 played its 3 messages; pedido-1 stopped after 2
    const topics = run.messages.map((message) => (message as { orderId: string }).orderId);
    expect(topics).toEqual(['pedido-1', 'pedido-1', 'pedido-2', 'pedido-2', 'pedido-2']);
    expect(run.messages.slice(0, 2)).toEqual(messages('pedido-1').slice(0, 2));
  });

  test('batched `{ action, topics }` frames work too', async () => {
    server.use(topicFeed(WS_URL, { messages, intervalMs: 1 }));
    const run = open();
    await until(() => expect(run.opens()).toBe(1));
    run.client.send({ action: 'subscribe', topics: ['a', 'b'] });
    await until(() => expect(run.messages).toHaveLength(6));
    const topics = new Set(run.messages.map((message) => (message as { orderId: string }).orderId));
    expect(topics).toEqual(new Set(['a', 'b']));
  });
});

test('stopPongsAfter: the server answers 2 pings, then goes silent; the client heartbeat times out', async () => {
  server.use(socketFeed(WS_URL, [], { stopPongsAfter: 2 }));
  const rtts: number[] = [];
  const run = open({
    heartbeat: { intervalMs: 10, timeoutMs: 1_000 },
    retry: false,
  });
  run.client.subscribeSnapshot(() => {
    const { rttMs } = run.client.getSnapshot().metrics;
    if (rttMs !== null && rtts.at(-1) !== rttMs) rtts.push(rttMs);
  });
  await until(() => expect(run.errors).toHaveLength(1));
  expect(run.errors[0]!.kind).toBe('idle-timeout');
  expect(rtts.length).toBeGreaterThan(0); // pings were answered before the silence
});
