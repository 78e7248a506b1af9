// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { sseHandler } from '../../../src/msw/index.js';

// Busy (503, retry in 2 s) on the first request; then the stream, cut at random places.
export const busyThenStream = sseHandler('/api/feed', ({ connection }) => ({
  entries: [{ id: '1', data: { step: 'received' } }, { event: 'end', data: {} }],
  options: connection === 1 ? { status: 503, retryAfter: 2 } : { randomChunkBytes: 5, seed: 7 },
}));

export {};
