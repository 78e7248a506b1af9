/**
 * useOrderTracking / useOrderReplay: 100 trackers share one connection (MSW-mocked SSE server),
 * only trackers whose order changed re-render, late turns with no event, replay controls.
 */
import { act, render, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOrderFeed } from '../../../src/core/order/order-feed.js';
import { useOrderReplay } from '../../../src/hooks/useOrderReplay.js';
import { useOrderTracking } from '../../../src/hooks/useOrderTracking.js';
import { FakeClock, ManualFrames } from '../support/fakes.js';
import { FakeFeedTransport, settle } from '../feed/support.js';
import { FULL_LIFE, MIN, T0 } from './support.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const encoder = new TextEncoder();
const ORDERS = Array.from({ length: 100 }, (_, i) => `P-${i}`);

describe('useOrderTracking', () => {
  it('100 trackers on one URL: one connection; an event re-renders only its own order', async () => {
    const url = 'http://orders.test/stream';
    let requests = 0;
    let stream: ReadableStreamDefaultController<Uint8Array> | null = null;
    server.use(
      http.get(url, () => {
        requests++;
        return new Response(new ReadableStream<Uint8Array>({
          start: (controller) => {
            stream = controller;
            controller.enqueue(encoder.encode(': hello\n\n'));
          },
        }), {
          headers: { 'content-type': 'text/event-stream' },
        });
      }),
    );
    const send = (data: object) => stream!.enqueue(encoder.encode(`data: ${JSON.stringify(data)}\n\n`));
    const renders = new Map<string, number>();
    function Row({ orderId }: { orderId: string }) {
      const order = useOrderTracking({ orderId, url });
      renders.set(orderId, (renders.get(orderId) ?? 0) + 1);
      return (
        <li data-testid={orderId} data-status={order.connection.status}>
          {order.currentStep ?? '-'}
        </li>
      );
    }
    const view = render(
      <StrictMode>
        <ul>
          {ORDERS.map((id) => (
            <Row key={id} orderId={id} />
          ))}
        </ul>
      </StrictMode>,
    );
    await waitFor(() => expect([requests, view.getByTestId("P-99").dataset["status"]]).toEqual([1, "open"]));
    await act(async () => {
      await settle();
    });
    const before = new Map(renders);
    send({ pedidoId: 'P-7', tipo: 'preparacion_iniciada', mensaje: '👨‍🍳', timestamp: new Date().toISOString() });
    send({ pedidoId: 'P-42', tipo: 'comida_lista', mensaje: '🍽️', timestamp: new Date().toISOString() });
    send({ pedidoId: 'no-such-order', tipo: 'entregado' });
    await waitFor(() => expect(view.getByTestId('P-42').textContent).toBe('ready'));
    expect(view.getByTestId('P-7').textContent).toBe('preparing');
    const rerendered = ORDERS.filter((id) => renders.get(id) !== before.get(id));
    expect(rerendered).toEqual(['P-7', 'P-42']);
    expect(requests).toBe(1);
    view.unmount();
  });

  it('with a given feed: late turns on its own from the clock; null tracks nothing', async () => {
    const clock = new FakeClock();
    clock.advance(T0);
    const frames = new ManualFrames();
    const transport = new FakeFeedTransport();
    const feed = createOrderFeed({ transport, clock, frames });
    function Order({ orderId }: { orderId: string | null }) {
      const order = useOrderTracking({ orderId, feed, clock });
      return <p data-testid="order" data-late={String(order.late)} data-status={order.status} />;
    }
    const view = render(<Order orderId="A" />);
    await act(async () => {
      await settle();
      transport.open();
      transport.emit({ orderId: 'A', type: 'received', at: T0 });
      transport.emit({ orderId: 'A', type: 'eta', at: T0, eta: { from: T0 + 10 * MIN, to: T0 + 20 * MIN } });
      frames.step();
    });
    const p = view.getByTestId('order');
    expect(p.dataset).toMatchObject({ late: 'false', status: 'in-progress' });
    act(() => {
      clock.advance(20 * MIN + 1);
      frames.step(); // the flip is published with the feed's topics, at the next frame
    });
    expect(p.dataset['late']).toBe('true');
    view.rerender(<Order orderId={null} />);
    expect(view.getByTestId('order').dataset).toMatchObject({ late: 'false', status: 'unknown' });
    await act(async () => {
      clock.advance(10_000);
      await settle();
    });
    expect(feed.topicCount).toBe(0);
  });
});

describe('useOrderReplay', () => {
  it('plays, pauses and seeks a recording on an injected clock (StrictMode)', () => {
    const clock = new FakeClock();
    let controls: ReturnType<typeof useOrderReplay> | null = null;
    function Player() {
      const replay = useOrderReplay(FULL_LIFE, { clock, speed: 60, autoplay: true });
      controls = replay;
      return <p data-testid="step" data-playing={String(replay.playing)}>{replay.state.currentStep}</p>;
    }
    const view = render(
      <StrictMode>
        <Player />
      </StrictMode>,
    );
    const p = view.getByTestId('step');
    expect(p.dataset['playing']).toBe('true');
    act(() => clock.advance(15_000));
    expect(p.textContent).toBe('ready');
    act(() => controls!.pause());
    act(() => clock.advance(60_000));
    expect(p.textContent).toBe('ready');
    act(() => controls!.seek(35 * MIN));
    expect(p.textContent).toBe('delivered');
    view.unmount();
    expect(clock.pending).toBe(0);
  });
});
