import { act, render, screen, waitFor } from '@testing-library/react';
import { ws } from 'msw';
import { setupServer } from 'msw/node';
import { StrictMode, useEffect } from 'react';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { useSocketStream, type FrameSource } from '../../src/index.js';
import { roomsServer } from '../../src/msw/index.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let seq = 0;

/** Frames on 16 ms timers that count how many actually fired. */
function countingFrames() {
  const counter = { fired: 0 };
  const frames: FrameSource = {
    request: (callback) =>
      setTimeout(() => {
        counter.fired++;
        callback();
      }, 16),
    cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  return { frames, counter };
}

/** A mocked server counting connections and closes; `onConnect` scripts each connection. */
interface MockClient {
  send(data: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

function mockServer(onConnect?: (client: MockClient) => void) {
  const url = `ws://hook.test/${++seq}`;
  const stats = { connections: 0, closes: 0 };
  server.use(
    ws.link(url).addEventListener('connection', ({ client }) => {
      stats.connections++;
      client.addEventListener('close', () => stats.closes++);
      onConnect?.(client as unknown as MockClient);
    }),
  );
  return { url, stats };
}

test('2,000 messages in a burst: onMessage sees every one in order, renders stay bounded by frames', async () => {
  const total = 2_000;
  const { url } = mockServer((client) => {
    // 20 bursts of 100 a couple of milliseconds apart, so several frames elapse meanwhile.
    let n = 0;
    const burst = () => {
      for (let i = 0; i < 100; i++) client.send(JSON.stringify({ type: 'n', n: ++n }));
      if (n < total) setTimeout(burst, 2);
    };
    burst();
  });
  const { frames, counter } = countingFrames();
  const seen: number[] = [];
  let renders = 0;
  function Feed() {
    renders++;
    const { status, metrics } = useSocketStream<{ n: number }>(url, { frames, onMessage: (m) => seen.push(m.n) });
    return (
      <p>
        {status}:{metrics.events}
      </p>
    );
  }
  render(<Feed />);
  await waitFor(() => expect(screen.getByText(`open:${total}`)).toBeInTheDocument(), { timeout: 5_000 });
  expect(seen).toHaveLength(total);
  expect(seen.every((n, index) => n === index + 1)).toBe(true);
  // First render + connecting + open + the first message published at once, then ≤ 1 per frame.
  expect(renders).toBeLessThanOrEqual(5 + counter.fired);
  expect(renders).toBeLessThan(total / 10);
});

test('StrictMode opens exactly one socket; unmount closes it', async () => {
  const { url, stats } = mockServer();
  function Probe() {
    const { status } = useSocketStream(url);
    return <p>{status}</p>;
  }
  const view = render(
    <StrictMode>
      <Probe />
    </StrictMode>,
  );
  await waitFor(() => expect(screen.getByText('open')).toBeInTheDocument());
  expect(stats.connections).toBe(1);
  view.unmount();
  await waitFor(() => expect(stats.closes).toBe(1));
  expect(stats.connections).toBe(1);
});

test('components with the same key share one socket; it closes when the last one unmounts', async () => {
  // An echo server.
  const { url, stats } = mockServer((client) =>
    client.addEventListener('message', (event) => client.send(String(event.data))),
  );
  const seenBy = { a: 0, b: 0 };
  function Reader({ name }: { name: 'a' | 'b' }) {
    const { status, send } = useSocketStream(url, { key: `shared-${url}`, onMessage: () => seenBy[name]++ });
    useEffect(() => {
      if (name === 'a' && status === 'open') send({ type: 'echo-me' });
    }, [name, status, send]);
    return <p>{`${name}:${status}`}</p>;
  }
  const view = render(
    <>
      <Reader name="a" />
      <Reader name="b" />
    </>,
  );
  await waitFor(() => expect(seenBy).toEqual({ a: 1, b: 1 }));
  expect(stats.connections).toBe(1);
  view.rerender(<Reader name="b" />);
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
  expect(stats.closes).toBe(0);
  view.unmount();
  await waitFor(() => expect(stats.closes).toBe(1));
});

test('null url: idle, send rejected, no socket', () => {
  let result: ReturnType<typeof useSocketStream> | undefined;
  function Probe() {
    result = useSocketStream(null);
    return null;
  }
  render(<Probe />);
  expect(result!.status).toBe('idle');
  expect(result!.send('x')).toBe('rejected');
  expect(result!.client).toBeNull();
});

test('rooms through the hook against the roomsServer scenario: broadcast reaches members', async () => {
  const url = `ws://hook.test/rooms-${++seq}`;
  server.use(roomsServer(url));
  const got: unknown[] = [];
  function Room() {
    const { status, join, send, subscribe, rooms } = useSocketStream(url);
    useEffect(() => subscribe('say', (m) => got.push(m)), [subscribe]);
    useEffect(() => {
      join('lobby');
    }, [join]);
    useEffect(() => {
      if (status === 'open') send({ type: 'say', room: 'lobby', text: 'hello' });
    }, [status, send]);
    return <p>{rooms.join(',')}</p>;
  }
  render(<Room />);
  await waitFor(() => expect(got).toEqual([{ type: 'say', room: 'lobby', text: 'hello' }]));
  expect(screen.getByText('lobby')).toBeInTheDocument();
});

test('switching url (the stream\'s identity) closes the old socket and opens one to the new url', async () => {
  const a = mockServer((client) => client.send(JSON.stringify({ from: 'a' })));
  const b = mockServer((client) => client.send(JSON.stringify({ from: 'b' })));
  const seen: unknown[] = [];
  function Feed({ url }: { url: string }) {
    const { status } = useSocketStream(url, { onMessage: (message) => seen.push(message) });
    return <p>{status}</p>;
  }
  const view = render(
    <StrictMode>
      <Feed url={a.url} />
    </StrictMode>,
  );
  await waitFor(() => expect(seen).toEqual([{ from: 'a' }]));
  view.rerender(
    <StrictMode>
      <Feed url={b.url} />
    </StrictMode>,
  );
  await waitFor(() => expect(seen).toEqual([{ from: 'a' }, { from: 'b' }]));
  await waitFor(() => expect(a.stats.closes).toBe(1));
  expect([a.stats.connections, b.stats.connections, b.stats.closes]).toEqual([1, 1, 0]);
  view.unmount();
  await waitFor(() => expect(b.stats.closes).toBe(1));
});
