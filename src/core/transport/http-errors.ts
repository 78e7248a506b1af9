import { StreamError } from '../errors.js';

/**
 * `Retry-After` as milliseconds: either delay-seconds or an HTTP date. Undefined when absent
 * or unreadable.
 */
export function parseRetryAfter(value: string | null, nowEpochMs: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowEpochMs);
}

export { isRetryableStatus } from '../errors.js';

/** The typed error for a non-2xx response. The message names the status, nothing else. */
export function errorForStatus(response: Response): StreamError {
  const { status } = response;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  if (status === 401 || status === 403) {
    return new StreamError('auth', `The server refused the credentials (HTTP ${status}).`, { status });
  }
  return new StreamError('http', `The server answered HTTP ${status}.`, { status, retryAfterMs });
}

/** True when the response declares `text/event-stream` (any case, parameters allowed). */
export function isEventStream(response: Response): boolean {
  const type = response.headers.get('content-type');
  return type !== null && type.split(';')[0]!.trim().toLowerCase() === 'text/event-stream';
}

/** True for a `text/plain` response (a plain text stream). */
export function isPlainText(response: Response): boolean {
  const type = response.headers.get('content-type');
  return type !== null && type.split(';')[0]!.trim().toLowerCase() === 'text/plain';
}

export function contentTypeError(response: Response): StreamError {
  const declared = (response.headers.get('content-type') ?? 'none').split(';')[0]!.trim();
  return new StreamError(
    'content-type',
    `Expected text/event-stream but the server sent ${declared} (HTTP ${response.status}).`,
    { status: response.status },
  );
}
