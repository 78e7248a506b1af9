import { act, renderHook, waitFor } from '@testing-library/react';
import { ws } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { messageText } from '../../../src/core/chat/types.js';
import type { StreamError } from '../../../src/core/errors.js';
import { useChatStream } from '../../../src/hooks/useChatStream.js';

// The endpoint is part of a WebSocket chat's identity: a socket is opened for one URL, so a new
// `api` must open a socket there (and close the old one) — not keep talking to the old server.

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A chat socket server: answers each message with `words` as chunks, then done unless `hang`. */
function chatServer(url: string, words: string[], options: { hang?: boolean } = {}) {
  const stats = { connections: 0, closes: 0, messages: 0 };
  server.use(
    ws.link(url).addEventListener('connection', ({ client }) => {
      stats.connections++;
      client.addEventListener('close', () => stats.closes++);
      client.addEventListener('message', () => {
        stats.messages++;
        for (const word of words) client.send(JSON.stringify({ type: 'chunk', content: word }));
        if (!options.hang) client.send(JSON.stringify({ type: 'done' }));
      });
    }),
  );
  return stats;
}

test('a new ws:// api: the reply on the old socket is stopped (not an error), the old socket closes, the next turn goes to the new server', async () => {
  const a = chatServer('ws://chat-a.test/ws', ['Desde ', 'A'], { hang: true });
  const b = chatServer('ws://chat-b.test/ws', ['Desde ', 'B']);
  const errors: StreamError[] = [];
  const { result, rerender } = renderHook(({ api }: { api: string }) => useChatStream({ api, onError: (error) => errors.push(error) }), {
    initialProps: { api: 'ws://chat-a.test/ws' },
  });
  act(() => result.current.send('Hola A'));
  await waitFor(() => expect(messageText(result.current.messages.at(-1)!)).toBe('Desde A'));
  expect(result.current.status).toBe('streaming');

  rerender({ api: 'ws://chat-b.test/ws' });
  expect(result.current.status).toBe('ready');
  expect(result.current.messages.at(-1)!.status).toBe('stopped');
  await waitFor(() => expect(a.closes).toBe(1));

  act(() => result.current.send('Hola B'));
  await waitFor(() => expect(result.current.status).toBe('ready'));
  await waitFor(() => expect(messageText(result.current.messages.at(-1)!)).toBe('Desde B'));
  expect(a.messages).toBe(1);
  expect(b).toMatchObject({ connections: 1, messages: 1 });
  expect(errors).toEqual([]);
});
