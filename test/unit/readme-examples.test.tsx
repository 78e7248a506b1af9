/**
 * README examples that must behave, not just compile: they run here as README shows them
 * (test/readme/examples/ is generated from README.md and checked by `npm run typecheck`).
 */
import { act, render, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { OrderStatus } from '../readme/examples/01-usage.js';
import { handlers } from '../readme/examples/04-mocking-streams-react-streamkit-msw.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/**
 * Lets the test know when the client let go of a response body. The SSE client cancels the body
 * right after it dispatched the stream's terminal event, so this is "every event was handled".
 */
function watchBodiesCancelled(): { cancelled: () => number } {
  let cancelled = 0;
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const response = await realFetch(input, init);
    if (response.body === null) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        cancelled++;
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  });
  return { cancelled: () => cancelled };
}

test("OrderStatus (README) keeps the last step on screen after the order's end event", async () => {
  // The README's own mock: two status steps, a dropped first connection (resumed with
  // Last-Event-ID), then `end`, whose data has no step.
  server.use(...handlers);
  const bodies = watchBodiesCancelled();
  const { container } = render(<OrderStatus orderId="42" token="t0ken" />);
  expect(screen.getByText('Waiting for the kitchen…')).toBeInTheDocument();
  expect(await screen.findByText('received', {}, { timeout: 15_000 })).toBeInTheDocument();
  expect(await screen.findByText('preparing', {}, { timeout: 15_000 })).toBeInTheDocument();
  // The end event has been dispatched once the client cancels the body after it.
  await vi.waitFor(() => expect(bodies.cancelled()).toBeGreaterThan(0), { timeout: 15_000 });
  await act(async () => {}); // let React commit whatever the end event caused
  expect(container.textContent).toBe('preparing');
}, 30_000);
