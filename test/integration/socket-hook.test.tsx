// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StrictMode, useEffect } from 'react';
import { afterEach, expect, test } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { useSocketStream, type Clock, type FrameSource } from '../../src/index.js';

/** Real timers, but every pending one is counted, so a leak after unmount shows as a number. */
function countingClock() {
  const live = new Set<ReturnType<typeof setTimeout>>();
  const clock: Clock = {
    now: () => performance.now(),
    setTimeout: (callback, ms) => {
      const handle = setTimeout(() => {
        live.delete(handle);
        callback();
      }, ms);
      live.add(handle);
      return handle;
    },
    clearTimeout: (handle) => {
      clearTimeout(handle as ReturnType<typeof setTimeout>);
      live.delete(handle as ReturnType<typeof setTimeout>);
    },
  };
  // Frames on the same clock, so pending frames are counted too.
  const frames: FrameSource = {
    request: (callback) => clock.setTimeout(callback, 16),
    cancel: (handle) => clock.clearTimeout(handle),
  };
  return { clock, frames, live };
}

/** An echo server on 127.0.0.1 that counts connections, open sockets and closes; answers pings. */
async function echoServer() {
  const http: Server = createServer();
  const wss = new WebSocketServer({ server: http });
  const stats = { connections: 0, open: 0, closes: [] as number[] };
  wss.on('connection', (socket) => {
    stats.connections++;
    stats.open++;
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type?: string };
      socket.send(JSON.stringify(frame.type === 'ping' ? { type: 'pong' } : frame));
    });
    socket.on('close', (code) => {
      stats.open--;
      stats.closes.push(code);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/`;
  const close = async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  };
  cleanups.push(close);
  return { url, stats, close };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

test('StrictMode: exactly one socket; unmount closes it and leaves no timers', async () => {
  const server = await echoServer();
  const { clock, frames, live } = countingClock();
  const echoes: unknown[] = [];
  function Probe() {
    const { status, send } = useSocketStream(server.url, {
      WebSocket,
      clock,
      frames,
      heartbeat: { intervalMs: 20, timeoutMs: 1_000 },
      onMessage: (message) => echoes.push(message),
    });
    useEffect(() => {
      if (status === 'open') send({ type: 'hello' });
    }, [status, send]);
    return <p>{status}</p>;
  }
  const view = render(
    <StrictMode>
      <Probe />
    </StrictMode>,
  );
  await waitFor(() => expect(screen.getByText('open')).toBeInTheDocument());
  // A round trip after opening: a second socket, had StrictMode made one, would be counted by now.
  await waitFor(() => expect(echoes).toContainEqual({ type: 'hello' }));
  expect(server.stats.connections).toBe(1);
  expect(live.size).toBeGreaterThan(0); // the heartbeat is running

  view.unmount();
  await waitFor(() => expect(server.stats.closes).toEqual([1000]));
  expect(server.stats.open).toBe(0);
  expect(server.stats.connections).toBe(1);
  expect(live.size).toBe(0);
});

test('unmount while reconnecting cancels the pending retry: no timers, no new socket', async () => {
  const server = await echoServer();
  const { clock, frames, live } = countingClock();
  function Probe() {
    const { status } = useSocketStream(server.url, { WebSocket, clock, frames, retry: { initialDelayMs: 60_000 }, random: () => 0.5 });
    return <p>{status}</p>;
  }
  const view = render(<Probe />);
  await waitFor(() => expect(screen.getByText('open')).toBeInTheDocument());
  await server.close();
  await waitFor(() => expect(screen.getByText('reconnecting')).toBeInTheDocument());
  expect(live.size).toBeGreaterThan(0); // the retry wait
  view.unmount();
  await waitFor(() => expect(live.size).toBe(0));
  expect(server.stats.connections).toBe(1);
});
