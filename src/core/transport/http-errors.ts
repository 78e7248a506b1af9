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

/** The response's media type: lower case, without parameters; `''` when it declares none. */
export function mediaType(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * The typed error for a response of the wrong media type (`type` from {@link mediaType}), such
 * as an HTML error page served with 200.
 */
export function contentTypeError(response: Response, type: string, expected = 'text/event-stream'): StreamError {
  return new StreamError('content-type', `Expected ${expected} but the server sent ${type || 'none'} (HTTP ${response.status}).`, {
    status: response.status,
  });
}

/** Lets go of a body (or its reader) we will not read; a failure to cancel is of no interest. */
export function discard(stream: { cancel(reason?: unknown): Promise<void> } | null | undefined, reason?: unknown): void {
  stream?.cancel(reason).catch(() => {});
}
