import { StreamError } from '../errors.js';
import { callingUserCode, resolve, type Resolvable } from '../resolvable.js';
import { contentTypeError, discard, errorForStatus, mediaType } from '../transport/http-errors.js';
import type { FeedSnapshotContext, FeedSnapshotData } from './types.js';

/** Options of {@link fetchSnapshot}. */
export interface FetchSnapshotOptions<S> {
  /** Request headers, or a function resolved on every load (fresh tokens). */
  headers?: Resolvable<HeadersInit | undefined>;
  /** Fetch credentials mode. */
  credentials?: RequestCredentials;
  /** A custom `fetch`. Default: the global one, looked up at call time. */
  fetch?: typeof fetch;
  /**
   * Turns the response's JSON into `{ state, seq }`. Default: the body must already have that
   * shape (`{ "seq": 12, "state": … }`). A throw is a `parse` error.
   */
  select?: (body: unknown) => FeedSnapshotData<S>;
}

/**
 * A `loadSnapshot` over HTTP GET with typed errors: a non-2xx answer is an `http` (or `auth`)
 * error with its status, a 2xx that is not JSON (an HTML error page served with 200) is a
 * `content-type` error, an unreadable body a `parse` error. The topic keeps its state and turns
 * `stale`; the error message names the status and type only, never the body.
 */
export function fetchSnapshot<S>(
  url: (topic: string) => string | URL,
  options: FetchSnapshotOptions<S> = {},
): (topic: string, context: FeedSnapshotContext) => Promise<FeedSnapshotData<S>> {
  return async (topic, { signal }) => {
    const headers = await callingUserCode('headers', async () => new Headers(await resolve(options.headers)));
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    const init: RequestInit = { headers, signal };
    if (options.credentials !== undefined) init.credentials = options.credentials;
    let response: Response;
    try {
      response = await (options.fetch ?? globalThis.fetch)(url(topic), init);
    } catch (cause) {
      throw new StreamError('network', 'The snapshot request failed.', { cause });
    }
    if (!response.ok) {
      discard(response.body);
      throw errorForStatus(response);
    }
    const type = mediaType(response);
    if (type !== 'application/json' && !type.endsWith('+json')) {
      discard(response.body);
      throw contentTypeError(response, type, 'application/json');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      if (signal.aborted) throw cause;
      throw new StreamError('parse', 'The snapshot is not valid JSON.', { cause, status: response.status });
    }
    try {
      return options.select ? options.select(body) : (body as FeedSnapshotData<S>);
    } catch (cause) {
      throw new StreamError('parse', 'The snapshot could not be read.', { cause });
    }
  };
}
