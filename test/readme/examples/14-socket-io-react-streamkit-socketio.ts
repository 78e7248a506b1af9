// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { createLiveFeed, type JsonFeedEvent } from '../../../src/core/index.js';
import { socketIoFeedTransport } from '../../../src/socketio/index.js';

interface Order {
  status: string;
}

// Servers of one cluster (joined by @socket.io/redis-adapter): each reconnection tries the next.
const transport = socketIoFeedTransport({
  url: ['https://rt1.example.com', 'https://rt2.example.com'],
  options: { transports: ['websocket'] },
});

export const orders = createLiveFeed<JsonFeedEvent, Order>({
  transport,
  reduce: (order, event) => ({ ...order, status: String(event['status']) }),
  // Over the same socket, after the room's join: the server answers { seq, state } from its store.
  loadSnapshot: (topic) => transport.socket.timeout(5_000).emitWithAck('snapshot', topic),
});

export {};
