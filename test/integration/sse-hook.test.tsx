// @vitest-environment jsdom
/**
 * useSSEStream in jsdom talking to a real node:http server through Node's own fetch: StrictMode
 * must open one request on the server, and unmounting must close the server-side connection.
 */
import { render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, expect, test, vi } from 'vitest';
import { useSSEStream } from '../../src/index.js';
import { formatEvent, openEventStream, SSEServer } from './support/sse-server.js';

let server: SSEServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function Feed({ url, onData }: { url: string; onData: (data: string) => void }) {
  const { status, lastEventId } = useSSEStream(url, { onEvent: (event) => onData(event.data), isTerminal: false });
  return (
    <p data-testid="feed">
      {status}:{lastEventId}
    </p>
  );
}

test('StrictMode opens exactly one request on the real server; unmount closes it server-side', async () => {
  let open = 0;
  server = new SSEServer((_req, res) => {
    open++;
    res.on('close', () => open--);
    openEventStream(res);
    res.write(formatEvent({ id: 1, data: 'pedido recibido' }));
    res.write(formatEvent({ id: 2, data: '¡Pedido entregado! 🌮' }));
  });
  await server.start();
  // It really is Node's fetch talking to the socket, not a mock.
  expect(typeof window).toBe('object');
  const received: string[] = [];
  const view = render(
    <StrictMode>
      <Feed url={`${server.url}/orders/42`} onData={(data) => received.push(data)} />
    </StrictMode>,
  );
  await vi.waitFor(() => expect(screen.getByTestId('feed').textContent).toBe('open:2'));
  expect(received).toEqual(['pedido recibido', '¡Pedido entregado! 🌮']);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(server.requestCount).toBe(1);
  expect(open).toBe(1);

  view.unmount();
  await server.requests[0]!.closed;
  expect(open).toBe(0);
  await vi.waitFor(() => expect(server!.openSockets).toBe(0));
  expect(server.requestCount).toBe(1);
});
