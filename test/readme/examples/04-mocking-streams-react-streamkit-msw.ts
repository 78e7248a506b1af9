// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { sseHandler } from '../../../src/msw/index.js';

export const handlers = [
  sseHandler('/api/orders/42/events', [
    { id: '1', event: 'status', data: { step: 'received' } },
    { comment: 'keep-alive' },
    { id: '2', event: 'status', data: { step: 'preparing' } },
    { event: 'end', data: {} },
  ], { delayMs: 500, dropAfter: 1, dropConnections: 1 }),
];

export {};
