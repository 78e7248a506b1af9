// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { useEffect } from 'react';
import { useSocketStream } from '../../../src/index.js';

type ChatEvent = { type: 'message'; room: string; text: string } | { type: 'typing'; user: string };

type ChatProps = {
  room: string;
  getToken: () => Promise<string>;
  onSignedOut: () => void;
  onTyping: (user: string) => void;
};

function Chat({ room, getToken, onSignedOut, onTyping }: ChatProps) {
  const { status, error, send, join, leave, subscribe, request } = useSocketStream<ChatEvent>(
    'wss://chat.example.com/socket',
    {
      // Sent first on every (re)connection, so a reconnect carries a fresh token.
      auth: async () => ({ type: 'auth', token: await getToken() }),
      heartbeat: true, // { type: 'ping' } every 30 s, { type: 'pong' } expected within 30 s
      onMessage: (event) => console.log(event), // every message, in order, none dropped
      onError: (e) => e.kind === 'auth' && onSignedOut(),
    },
  );

  useEffect(() => {
    join(room); // re-joined after each reconnect
    return () => leave(room);
  }, [room, join, leave]);

  useEffect(() => subscribe('typing', (e) => e.type === 'typing' && onTyping(e.user)), [subscribe, onTyping]);

  const post = (text: string) => send({ type: 'message', room, text }); // 'sent' | 'queued' | 'rejected'
  const save = (draft: string) => request({ type: 'save', draft }, { timeoutMs: 5_000 }); // resolves with the reply
  // …
}

export {};
