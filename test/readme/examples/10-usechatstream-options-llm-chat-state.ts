// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { useChatStream } from '../../../src/index.js';

function useSupportChat(conversationId: string) {
  return useChatStream({
    api: '/api/chat',
    id: conversationId,
    resume: ({ conversationId }) => ({ url: `/api/chat/${conversationId}/stream`, method: 'GET' }),
  });
}

export {};
