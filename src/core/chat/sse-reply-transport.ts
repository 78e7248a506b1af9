import type { BackoffOptions } from '../backoff.js';
import { SSEClient, type Resolvable } from '../transport/sse-client.js';
import type { ReplyTransport } from './transport.js';

/** Options of the HTTP reply transport (read again for every reply). */
export interface SSEReplyOptions {
  api: string | URL;
  headers?: Resolvable<HeadersInit | undefined> | undefined;
  credentials?: RequestCredentials | undefined;
  fetch?: typeof fetch | undefined;
  retry?: BackoffOptions | false | undefined;
  firstByteTimeoutMs?: number | undefined;
  idleTimeoutMs?: number | undefined;
}

/**
 * Default retry for a chat reply: a couple of quick attempts while the server has not started
 * answering (connection refused, 502/503, 429). Once it has, SSEClient never re-sends the POST
 * unless the stream carries event ids.
 */
const CHAT_RETRY: BackoffOptions = { maxAttempts: 2, initialDelayMs: 500, maxDelayMs: 4_000 };

/**
 * Chat replies over HTTP: one POST per reply, the answer read as Server-Sent Events (or as a
 * plain text body), through SSEClient, so every transport guarantee (typed errors, timeouts,
 * truncation, no silent re-POST) applies to chat too.
 */
export function sseReplyTransport(getOptions: () => SSEReplyOptions): ReplyTransport {
  return {
    send(request, handlers, isTerminal) {
      const options = getOptions();
      const client = new SSEClient({
        url: options.api,
        method: 'POST',
        headers: async () => {
          const given = options.headers;
          const headers = new Headers(typeof given === 'function' ? await given() : given);
          if (!headers.has('content-type')) headers.set('content-type', 'application/json');
          new Headers(request.headers).forEach((value, name) => headers.set(name, value));
          return headers;
        },
        body: JSON.stringify(request.body),
        acceptText: true,
        retry: options.retry ?? CHAT_RETRY,
        isTerminal: (event) => isTerminal({ type: event.type, data: event.data }),
        ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
        ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
        ...(options.firstByteTimeoutMs !== undefined ? { firstByteTimeoutMs: options.firstByteTimeoutMs } : {}),
        ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
        onOpen: (info) => handlers.onOpen({ contentType: info.contentType, headers: info.headers }),
        onEvent: (event) => handlers.onFrame({ type: event.type, data: event.data }),
        onEnd: () => handlers.onEnd(),
        onError: (error) => {
          // While the client retries by itself the reply is still coming.
          if (!error.willRetry) handlers.onError(error);
        },
      });
      client.start();
      return () => client.stop();
    },
  };
}
