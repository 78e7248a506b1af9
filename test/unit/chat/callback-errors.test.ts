import { expect, test, vi } from 'vitest';
import { ChatStore } from '../../../src/core/chat/chat-store.js';
import { sseReplyTransport } from '../../../src/core/chat/sse-reply-transport.js';
import type { ReplyTransport } from '../../../src/core/chat/transport.js';
import { messageText } from '../../../src/core/chat/types.js';
import { StreamError } from '../../../src/core/errors.js';
import { genericProtocol } from '../../../src/core/protocols/generic.js';
import { manualFrames, scriptedTransport } from './support.js';

// A function the app passed that throws is a `callback` error (never retried, `cause` = what it
// threw), and `aborted` — the app's own stop — never reaches onError.

function setup(options: Partial<ConstructorParameters<typeof ChatStore>[0]> = {}) {
  const wire = scriptedTransport();
  const errors: StreamError[] = [];
  const store = new ChatStore({
    transport: wire.transport,
    protocol: genericProtocol,
    frames: manualFrames().source,
    onError: (error) => errors.push(error),
    ...options,
  });
  return { wire, store, errors };
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

test.each([
  ['throws', () => { throw new Error('no token'); }],
  ['rejects', () => Promise.reject(new Error('no token'))],
])('a prepareRequest that %s is a callback error with the thrown value as cause; nothing is sent', async (_name, prepareRequest) => {
  const { wire, store, errors } = setup({ prepareRequest });
  store.send('Hola');
  await settle();
  const { status, error } = store.getSnapshot();
  expect(status).toBe('error');
  expect(error?.kind).toBe('callback');
  expect(error?.willRetry).toBe(false);
  expect((error?.cause as Error).message).toBe('no token');
  expect(error?.message).not.toContain('no token');
  expect(errors.map((e) => e.kind)).toEqual(['callback']);
  expect(wire.requests).toHaveLength(0);
});

test('a headers function that throws is a callback error over HTTP too: reported once, nothing fetched, not retried', async () => {
  let fetches = 0;
  const transport = sseReplyTransport(() => ({
    api: 'http://api.test/chat',
    headers: () => {
      throw new Error('token store locked');
    },
    fetch: async () => {
      fetches++;
      return new Response(null, { status: 204 });
    },
    retry: { initialDelayMs: 1, maxDelayMs: 1 },
  }));
  const { store, errors } = setup({ transport });
  store.send('Hola');
  await vi.waitFor(() => expect(store.getSnapshot().status).toBe('error'));
  expect(errors.map((e) => [e.kind, e.willRetry])).toEqual([['callback', false]]);
  expect((errors[0]!.cause as Error).message).toBe('token store locked');
  expect(fetches).toBe(0);
});

test('an aborted reply from the transport is a stop, never an onError', () => {
  let handlers: Parameters<ReplyTransport['send']>[1] | null = null;
  const transport: ReplyTransport = {
    send(_request, replyHandlers) {
      handlers = replyHandlers;
      return () => {};
    },
  };
  const { store, errors } = setup({ transport });
  store.send('Hola');
  handlers!.onOpen({ contentType: 'text/event-stream', headers: null });
  handlers!.onFrame({ type: 'message', data: JSON.stringify({ content: 'Parcial' }) });
  handlers!.onError(new StreamError('aborted', 'The stream was stopped.'));
  const { status, error, messages } = store.getSnapshot();
  expect(errors).toEqual([]);
  expect(error).toBeNull();
  expect(status).toBe('ready');
  expect(messages[1]!.status).toBe('stopped');
  expect(messageText(messages[1]!)).toBe('Parcial');

  // Before any token too: back to ready, no error.
  store.send('Otra');
  handlers!.onError(new StreamError('aborted', 'The stream was stopped.'));
  expect(errors).toEqual([]);
  expect(store.getSnapshot()).toMatchObject({ status: 'ready', error: null });
});
