// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { useChatStream, messageText } from '../../../src/index.js';

function Chat({ token }: { token: string }) {
  const { messages, status, error, send, stop, regenerate, retry } = useChatStream({
    api: '/stream/chat', // a ws:// or wss:// URL uses a WebSocket
    headers: { Authorization: `Bearer ${token}` },
    id: 'pedido-123456', // saves the conversation (localStorage by default)
  });
  // messages: [{ id, role, parts: [{ type: 'text', text }, …], status, usage, finishReason, metrics }]
}

export {};
