import { expect, waitFor } from 'storybook/test';
import preview from '../.storybook/preview.js';
import { SSEInspector } from './components/SSEInspector.js';
import { sseUrls } from './mocks/sse-scenarios.js';

/**
 * `useSSEStream` against mocked servers (MSW): a live order feed, and every way a real
 * network or server lets it down. Each story's play function checks what the hook reports.
 */
const meta = preview.meta({
  title: 'Hooks/useSSEStream',
  component: SSEInspector,
  args: { url: sseUrls.streaming, retry: { initialDelayMs: 200, maxDelayMs: 1_000, maxAttempts: 2 } },
  argTypes: {
    url: { control: 'select', options: Object.values(sseUrls) },
    whenHidden: { control: 'inline-radio', options: ['keep', 'close'] },
    idleTimeoutMs: { control: 'number' },
    firstByteTimeoutMs: { control: 'number' },
  },
});
export default meta;

const LONG = { timeout: 8_000 };

const statusIs = (canvasElement: HTMLElement, status: string) =>
  waitFor(() => expect(canvasElement.querySelector('[data-testid="status"]')).toHaveTextContent(status), LONG);

const errorIs = async (canvasElement: HTMLElement, kind: string, text?: RegExp) => {
  await waitFor(() => expect(canvasElement.querySelector('[data-testid="error"]')).toHaveAttribute('data-kind', kind), LONG);
  if (text) await expect(canvasElement.querySelector('[data-testid="error"]')).toHaveTextContent(text);
};

/** Events arrive one by one until the `end` event closes the stream. */
export const Streaming = meta.story({
  play: async ({ canvasElement }) => {
    await statusIs(canvasElement, 'closed');
    await expect(canvasElement.querySelector('[data-testid="event-count"]')).toHaveTextContent('7');
    await expect(canvasElement.querySelector('[data-testid="last-event-id"]')).toHaveTextContent('7');
  },
});

/** The server takes 2 s before its first byte: the hook stays `connecting`, then streams. */
export const SlowFirstByte = meta.story({
  args: { url: sseUrls.slowFirstByte },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-testid="status"]')).toHaveTextContent(/connecting|open/);
    await statusIs(canvasElement, 'closed');
  },
});

/** The connection breaks after three events; the hook reconnects with Last-Event-ID and loses nothing. */
export const ReconnectingAfterDrop = meta.story({
  args: { url: sseUrls.drop },
  play: async ({ canvasElement }) => {
    await statusIs(canvasElement, 'closed');
    await expect(canvasElement.querySelector('[data-testid="reconnects"]')).toHaveTextContent('1');
    const ids = [...canvasElement.querySelectorAll('[data-testid="events"] li')].map((li) => li.getAttribute('data-event-id'));
    await expect(ids).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  },
});

/** HTTP 401: an `auth` error, never retried. */
export const Unauthorized = meta.story({
  args: { url: sseUrls.unauthorized },
  play: async ({ canvasElement }) => {
    await errorIs(canvasElement, 'auth', /HTTP 401.*Not retrying/);
    await statusIs(canvasElement, 'error');
  },
});

/** HTTP 403: an `auth` error, never retried. */
export const Forbidden = meta.story({
  args: { url: sseUrls.forbidden },
  play: async ({ canvasElement }) => errorIs(canvasElement, 'auth', /HTTP 403.*Not retrying/),
});

/** HTTP 404: an `http` error, not retried (other 4xx are the client's fault). */
export const NotFound = meta.story({
  args: { url: sseUrls.notFound },
  play: async ({ canvasElement }) => errorIs(canvasElement, 'http', /HTTP 404.*Not retrying/),
});

/** HTTP 429 with Retry-After: 1: retried after at least a second, then given up (maxAttempts 2). */
export const RateLimited = meta.story({
  args: { url: sseUrls.rateLimited },
  play: async ({ canvasElement }) => {
    await errorIs(canvasElement, 'http', /HTTP 429.*Retrying/);
    await statusIs(canvasElement, 'error');
    await errorIs(canvasElement, 'http', /HTTP 429.*Not retrying/);
  },
});

/** HTTP 500: retried with backoff, then given up. */
export const ServerError = meta.story({
  args: { url: sseUrls.serverError },
  play: async ({ canvasElement }) => {
    await statusIs(canvasElement, 'error');
    await errorIs(canvasElement, 'http', /HTTP 500.*Not retrying/);
  },
});

/** An HTML login page sent with status 200: a `content-type` error, not a silent empty stream. */
export const HtmlErrorPage = meta.story({
  args: { url: sseUrls.htmlPage },
  play: async ({ canvasElement }) => errorIs(canvasElement, 'content-type', /text\/html/),
});

/** JSON instead of an event stream: a `content-type` error. */
export const WrongContentType = meta.story({
  args: { url: sseUrls.wrongType },
  play: async ({ canvasElement }) => errorIs(canvasElement, 'content-type', /application\/json/),
});

/** HTTP 204: the server's "stop" signal. Closed, no error, no retry. */
export const NoContent = meta.story({
  args: { url: sseUrls.noContent },
  play: async ({ canvasElement }) => {
    await statusIs(canvasElement, 'closed');
    await expect(canvasElement.querySelector('[data-testid="error"]')).toBeNull();
  },
});

/** The server closes before its `end` event: `truncated`, never a silent success. */
export const Truncated = meta.story({
  args: { url: sseUrls.truncated, retry: false },
  play: async ({ canvasElement }) => errorIs(canvasElement, 'truncated'),
});

/** The server stops sending but keeps the connection open: `idle-timeout` after 1 s. */
export const IdleTimeout = meta.story({
  args: { url: sseUrls.stalled, idleTimeoutMs: 1_000, retry: false },
  play: async ({ canvasElement }) => errorIs(canvasElement, 'idle-timeout'),
});
