import type { BackoffOptions } from '../backoff.js';
import {
  SSEClient,
  type Resolvable,
  type SSEOpenInfo,
  type SSEResumeRequest,
} from '../transport/sse-client.js';
import type { ReplyRequest, ReplyTransport } from './transport.js';

/** What a chat `resume` function is told about the reply it resumes. */
export interface ChatResumeContext {
  /** The last event id received (the default resume sends it as `Last-Event-ID`). */
  lastEventId: string;
  /** 1-based number of the reconnection attempt. */
  attempt: number;
  /** The conversation's id (the `id` option), if it has one. */
  conversationId: string | undefined;
  /** The reply's id as the server named it in the stream's start event, if it did. */
  replyId: string | undefined;
  /** The reply's first response (status and headers: a stream id or resume token you put there), or null. */
  firstResponse: SSEOpenInfo | null;
  /** The request the reply was started with. */
  request: ReplyRequest;
}

/**
 * How a chat reply whose stream carried event ids is resumed after a drop. Return the request to
 * send instead (e.g. `{ url: `/api/chat/${conversationId}/stream`, method: 'GET' }`, as
 * resumable-stream servers expose), or null/undefined for the default: the same POST again, with
 * `Last-Event-ID`. `Last-Event-ID` and your `headers` are sent either way. A throw is a
 * `callback` error.
 */
export type ChatResume = (
  context: ChatResumeContext,
) => SSEResumeRequest | null | undefined | Promise<SSEResumeRequest | null | undefined>;

/** Options of the HTTP reply transport (read again for every reply). */
export interface SSEReplyOptions {
  api: string | URL;
  headers?: Resolvable<HeadersInit | undefined> | undefined;
  credentials?: RequestCredentials | undefined;
  fetch?: typeof fetch | undefined;
  /** Merged over the chat default (2 quick attempts, see below); `false` never reconnects. */
  retry?: BackoffOptions | false | undefined;
  firstByteTimeoutMs?: number | undefined;
  idleTimeoutMs?: number | undefined;
  /** How a resumable reply is resumed; default: re-POST with `Last-Event-ID`. */
  resume?: ChatResume | undefined;
}

/**
 * Default retry for a chat reply: a couple of quick attempts while the server has not started
 * answering (connection refused, 502/503, 429). Once it has, SSEClient never re-sends the POST
 * unless the stream carries event ids (then it resumes, within the retry budget).
 */
const CHAT_RETRY: BackoffOptions = { maxAttempts: 2, initialDelayMs: 500, maxDelayMs: 4_000 };

/**
 * Chat replies over HTTP: one POST per reply, the answer read as Server-Sent Events (or as a
 * plain text body), through SSEClient, so every transport guarantee (typed errors, timeouts,
 * truncation, no silent re-POST, resume after event ids) applies to chat too.
 */
export function sseReplyTransport(getOptions: () => SSEReplyOptions): ReplyTransport {
  return {
    send(request, handlers, isTerminal, reply) {
      const options = getOptions();
      const { resume } = options;
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
        retry: options.retry === false ? false : { ...CHAT_RETRY, ...options.retry },
        isTerminal: (event) => isTerminal({ type: event.type, data: event.data }),
        ...(resume !== undefined
          ? {
              resume: ({ lastEventId, attempt, firstResponse }) =>
                resume({
                  lastEventId,
                  attempt,
                  conversationId: reply.conversationId,
                  replyId: reply.replyId,
                  firstResponse,
                  request,
                }),
            }
          : {}),
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
