/**
 * useSSEStream in jsdom against MSW: how many requests a component tree really opens, that
 * unmounting tears everything down, and that a burst of events costs frames, not renders.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { StrictMode, useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { useSSEStream, type UseSSEStreamOptions, type UseSSEStreamResult } from '../../src/index.js';
import type { SSEEvent } from '../../src/core/transport/sse-events.js';
import { eventStreamResponse, FakeClock, ManualBody, ManualFrames } from './support/fakes.js';

const URL_ = 'http://api.test/hook';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 40)));

interface Served {
  requests: Request[];
  bodies: ManualBody[];
  aborted: () => number;
}

/** Answers every request with a body the test writes to; counts requests and aborts. */
function serve(method: 'get' | 'post' = 'get'): Served {
  const requests: Request[] = [];
  const bodies: ManualBody[] = [];
  let aborted = 0;
  server.use(
    http[method](URL_, ({ request }) => {
      requests.push(request);
      request.signal.addEventListener('abort', () => aborted++);
      const body = new ManualBody();
      // MSW sends the headers with the first body bytes.
      body.push(': open\n\n');
      bodies.push(body);
      return eventStreamResponse(body.stream);
    }),
  );
  return { requests, bodies, aborted: () => aborted };
}

function Probe({
  url = URL_,
  id = 'probe',
  options,
  onResult,
}: {
  url?: string | null;
  id?: string;
  options?: UseSSEStreamOptions;
  onResult?: (result: UseSSEStreamResult) => void;
}) {
  const result = useSSEStream(url, options);
  onResult?.(result);
  return (
    <div>
      <p data-testid={id}>{result.status}</p>
      <button onClick={result.start}>start {id}</button>
      <button onClick={result.stop}>stop {id}</button>
    </div>
  );
}

const statusOf = (id = 'probe') => screen.getByTestId(id).textContent;

describe('requests per component tree', () => {
  test('StrictMode mount → unmount → mount opens exactly one request', async () => {
    const served = serve();
    const opens = vi.fn();
    render(
      <StrictMode>
        <Probe options={{ onOpen: opens }} />
      </StrictMode>,
    );
    await vi.waitFor(() => expect(statusOf()).toBe('open'));
    await settle();
    expect(served.requests).toHaveLength(1);
    expect(served.aborted()).toBe(0);
    expect(opens).toHaveBeenCalledTimes(1);
  });

  test('two components with the same key share one request and both get every event', async () => {
    const served = serve();
    const first: string[] = [];
    const second: string[] = [];
    const view = render(
      <StrictMode>
        <Probe id="a" options={{ key: 'orders', onEvent: (event) => first.push(event.data) }} />
        <Probe id="b" options={{ key: 'orders', onEvent: (event) => second.push(event.data) }} />
      </StrictMode>,
    );
    await vi.waitFor(() => expect(served.bodies).toHaveLength(1));
    served.bodies[0]!.push('data: 1\n\ndata: 2\n\n');
    await vi.waitFor(() => expect(second).toEqual(['1', '2']));
    expect(first).toEqual(['1', '2']);
    await settle();
    expect(served.requests).toHaveLength(1);
    expect([statusOf('a'), statusOf('b')]).toEqual(['open', 'open']);

    // One of them leaves: the request stays for the other.
    view.rerender(
      <StrictMode>
        <Probe id="b" options={{ key: 'orders', onEvent: (event) => second.push(event.data) }} />
      </StrictMode>,
    );
    await settle();
    expect(served.aborted()).toBe(0);
    served.bodies[0]!.push('data: 3\n\n');
    await vi.waitFor(() => expect(second).toEqual(['1', '2', '3']));
    expect(first).toEqual(['1', '2']);

    // The last one leaves: the request is aborted.
    view.unmount();
    await vi.waitFor(() => expect(served.aborted()).toBe(1));
    expect(served.requests).toHaveLength(1);
  });

  test('with a shared key every holder\'s onEnd, onOpen and onError is called', async () => {
    const served = serve();
    const calls: string[] = [];
    const probe = (id: string) => (
      <Probe
        id={id}
        options={{
          key: 'shared-end',
          onOpen: () => calls.push(`${id}:open`),
          onEnd: () => calls.push(`${id}:end`),
        }}
      />
    );
    render(
      <StrictMode>
        {probe('a')}
        {probe('b')}
      </StrictMode>,
    );
    await vi.waitFor(() => expect(served.bodies).toHaveLength(1));
    served.bodies[0]!.push('data: [DONE]\n\n');
    await vi.waitFor(() => expect(calls.filter((call) => call.endsWith(':end')).sort()).toEqual(['a:end', 'b:end']));
    expect(calls.filter((call) => call.endsWith(':open')).sort()).toEqual(['a:open', 'b:open']);
    expect(served.requests).toHaveLength(1);
  });

  test('switching url (the stream\'s identity) aborts the old request and starts clean on the new one', async () => {
    const requests: string[] = [];
    const bodies = new Map<string, ManualBody>();
    let abortedA = 0;
    server.use(
      http.get(`${URL_}/:name`, ({ request, params }) => {
        const name = String(params.name);
        requests.push(name);
        if (name === 'a') request.signal.addEventListener('abort', () => abortedA++);
        const body = new ManualBody();
        body.push(': open\n\n');
        bodies.set(name, body);
        return eventStreamResponse(body.stream);
      }),
    );
    const seen: string[] = [];
    let last: UseSSEStreamResult | null = null;
    const options: UseSSEStreamOptions = { onEvent: (event) => seen.push(event.data) };
    const view = render(<Probe url={`${URL_}/a`} options={options} onResult={(result) => (last = result)} />);
    await vi.waitFor(() => expect(bodies.has('a')).toBe(true));
    bodies.get('a')!.push('id: a-1\ndata: from a\n\n');
    await vi.waitFor(() => expect(last!.lastEventId).toBe('a-1'));
    view.rerender(<Probe url={`${URL_}/b`} options={options} onResult={(result) => (last = result)} />);
    await vi.waitFor(() => expect(bodies.has('b')).toBe(true));
    await vi.waitFor(() => expect(abortedA).toBe(1));
    // B starts from nothing: no id of A's stream is carried over, and A's late bytes reach no one.
    expect(last!.lastEventId).toBe('');
    bodies.get('a')!.push('data: late from a\n\n');
    bodies.get('b')!.push('data: from b\n\n');
    await vi.waitFor(() => expect(seen).toEqual(['from a', 'from b']));
    expect(requests).toEqual(['a', 'b']);
  });

  test('a null url stays idle and sends nothing', async () => {
    const served = serve();
    render(<Probe url={null} />);
    await settle();
    expect(statusOf()).toBe('idle');
    expect(served.requests).toHaveLength(0);
  });

  test('enabled:false waits for start()', async () => {
    const served = serve();
    render(
      <StrictMode>
        <Probe options={{ enabled: false }} />
      </StrictMode>,
    );
    await settle();
    expect(statusOf()).toBe('idle');
    expect(served.requests).toHaveLength(0);
    fireEvent.click(screen.getByText('start probe'));
    await vi.waitFor(() => expect(statusOf()).toBe('open'));
    expect(served.requests).toHaveLength(1);
    fireEvent.click(screen.getByText('stop probe'));
    await vi.waitFor(() => expect(statusOf()).toBe('closed'));
    await vi.waitFor(() => expect(served.aborted()).toBe(1));
  });

  test('with a key under StrictMode, changed request options reach the next attempt', async () => {
    const requests: Request[] = [];
    server.use(
      http.get(URL_, ({ request }) => {
        requests.push(request);
        return eventStreamResponse('data: partial\n\n'); // truncated: the client reconnects
      }),
    );
    const clock = new FakeClock();
    function Tokened() {
      const [token, setToken] = useState('one');
      const { status } = useSSEStream(URL_, {
        key: 'tokened',
        clock,
        retry: { initialDelayMs: 10, maxDelayMs: 10 },
        headers: () => ({ authorization: token }),
      });
      return (
        <button data-testid="probe" onClick={() => setToken('two')}>
          {status}
        </button>
      );
    }
    render(
      <StrictMode>
        <Tokened />
      </StrictMode>,
    );
    await vi.waitFor(() => expect(statusOf()).toBe('reconnecting'));
    fireEvent.click(screen.getByTestId('probe'));
    act(() => clock.advance(10));
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual(['one', 'two']);
  });
});

describe('teardown', () => {
  test('unmount aborts the request and leaves no timers or frames', async () => {
    const served = serve();
    const clock = new FakeClock();
    const frames = new ManualFrames();
    const view = render(
      <StrictMode>
        <Probe options={{ clock, frames, whenHidden: 'close', idleTimeoutMs: 30_000, firstByteTimeoutMs: 30_000 }} />
      </StrictMode>,
    );
    await vi.waitFor(() => expect(statusOf()).toBe('open'));
    served.bodies[0]!.push('data: a\n\n');
    await settle();
    expect(clock.pending).toBe(1); // the idle timeout
    view.unmount();
    await vi.waitFor(() => expect(served.aborted()).toBe(1));
    expect(served.requests[0]!.signal.aborted).toBe(true);
    expect(served.bodies[0]!.cancelled).toBe(true);
    expect(clock.pending).toBe(0);
    expect(frames.pending).toBe(0);
  });

  test('unmount during a backoff wait leaves no timers (vi fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let requests = 0;
      server.use(
        http.get(URL_, () => {
          requests++;
          return new Response(null, { status: 503 });
        }),
      );
      const frames = new ManualFrames();
      const view = render(<Probe options={{ frames, retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 } }} />);
      await vi.waitFor(() => expect(statusOf()).toBe('reconnecting'));
      expect(requests).toBe(1);
      expect(vi.getTimerCount()).toBeGreaterThan(0); // the backoff wait
      view.unmount();
      await act(async () => {
        await Promise.resolve();
      });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('render cost', () => {
  test('2,000 events in one network read: every event in order, renders ≤ frames + 2', async () => {
    const count = 2_000;
    const text = Array.from({ length: count }, (_, i) => `id: ${i}\ndata: ${i}\n\n`).join('');
    server.use(
      http.get(URL_, () => {
        const payload = new TextEncoder().encode(text);
        // One enqueue: the whole burst is one read of the body.
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(payload);
          },
        });
        return eventStreamResponse(body);
      }),
    );
    const frames = new ManualFrames();
    const received: SSEEvent[] = [];
    let renders = 0;
    let last: UseSSEStreamResult | undefined;
    render(
      <Probe
        options={{ frames, onEvent: (event) => received.push(event) }}
        onResult={(result) => {
          renders++;
          last = result;
        }}
      />,
    );
    await vi.waitFor(() => expect(received).toHaveLength(count));
    await settle();
    // Let the batched store drain: step frames while it asks for them.
    while (frames.pending > 0) act(() => frames.step());
    await settle();
    expect(received.map((event) => event.data)).toEqual(Array.from({ length: count }, (_, i) => String(i)));
    expect(received.at(-1)!.lastEventId).toBe(String(count - 1));
    expect(last!.metrics.events).toBe(count);
    expect(last!.lastEventId).toBe(String(count - 1));
    expect(renders).toBeLessThanOrEqual(frames.fired + 2);
  });
});
