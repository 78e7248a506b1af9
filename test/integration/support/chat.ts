/** Helpers for chat integration tests: waiting on a ChatStore, reading request bodies. */
import type { IncomingMessage } from 'node:http';
import type { ChatSnapshot, ChatStore } from '../../../src/core/chat/chat-store.js';

/** Resolves with the first snapshot whose reply is over (`ready` or `error`). */
export function settled(store: ChatStore): Promise<ChatSnapshot> {
  return new Promise((resolve) => {
    const check = () => {
      const snapshot = store.getSnapshot();
      if (snapshot.status === 'ready' || snapshot.status === 'error') {
        unsubscribe();
        resolve(snapshot);
      }
    };
    const unsubscribe = store.subscribe(check);
    check();
  });
}

/** The whole request body as text ('' for a GET). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
  });
}
