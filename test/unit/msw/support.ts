/**
 * Our real clients opened against the mock kit, recording what they receive: the mock-kit tests
 * observe each scenario as a story or a user's test would. Every client opened here is stopped
 * after each test.
 */
import { afterEach, vi } from 'vitest';
import { SSEClient, type SSEClientOptions } from '../../../src/core/transport/sse-client.js';
import { SocketClient, type SocketClientOptions } from '../../../src/core/transport/socket-client.js';
import type { SSEEvent } from '../../../src/core/transport/sse-events.js';
import type { StreamError } from '../../../src/core/errors.js';
import { ManualFrames } from '../support/fakes.js';

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** Waits for a condition (generous: the machine may be loaded; nothing here measures time). */
export const until = (assertion: () => void) => vi.waitFor(assertion, { timeout: 5_000 });

/**
 * Opens `url` with the real SSEClient. `reads` records every network read the client made (its
 * `fetch` is wrapped), so tests can tell how the bytes arrived. Retries and timeouts are off
 * unless overridden: the client's own timers run on real time and must not interfere.
 */
export function openSSE(url: string, overrides: Partial<SSEClientOptions> = {}) {
  const events: SSEEvent[] = [];
  const errors: StreamError[] = [];
  const reads: Uint8Array[] = [];
  let ended = false;
  const countingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (response.body === null) return response;
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          reads.push(chunk);
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(body, { status: response.status, headers: response.headers });
  };
  const client = new SSEClient({
    url,
    fetch: countingFetch,
    frames: new ManualFrames(),
    random: () => 0,
    retry: false,
    firstByteTimeoutMs: 0,
    idleTimeoutMs: 0,
    onEvent: (event) => events.push(event),
    onError: (error) => errors.push(error),
    onEnd: () => {
      ended = true;
    },
    ...overrides,
  });
  stops.push(() => client.stop());
  client.start();
  return { client, events, errors, reads, ended: () => ended };
}

/** Opens `url` with the real SocketClient (1 ms retries), recording messages, opens and errors. */
export function openSocket(url: string, overrides: Partial<SocketClientOptions> = {}) {
  const messages: unknown[] = [];
  const errors: StreamError[] = [];
  let opens = 0;
  const client = new SocketClient({
    url,
    frames: new ManualFrames(),
    random: () => 0,
    retry: { initialDelayMs: 1, maxDelayMs: 1 },
    onMessage: (message) => messages.push(message),
    onError: (error) => errors.push(error),
    onOpen: () => opens++,
    ...overrides,
  });
  stops.push(() => client.stop());
  client.start();
  return { client, messages, errors, opens: () => opens };
}
