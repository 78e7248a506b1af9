// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { orderEvents, refuseSocket, roomsServer, scriptedSocket, toWire, topicFeed } from '../../../src/msw/index.js';

export const socketMocks = [
  scriptedSocket('wss://api.test/chat', {
    steps: [{ message: { type: 'welcome' } }, { delayMs: 30_000, close: { code: 1006 } }],
    replies: [{ match: 'order', reply: (m: unknown) => ({ type: 'ack', id: (m as { id: string }).id }) }],
  }),
  roomsServer('wss://api.test/rooms'),
  topicFeed('wss://api.test/orders', { messages: (orderId) => orderEvents('happy', { orderId }).map((event) => toWire(event)) }),
  refuseSocket('wss://api.test/admin'),
];

export {};
