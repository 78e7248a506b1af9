// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { SSEClient } from '../../../src/core/index.js'; // also exported by 'react-streamkit'

const client = new SSEClient({ url: '/api/feed', onEvent: (event) => console.log(event.data) });
client.start();
// client.getSnapshot() → { status, error, lastEventId, attempt, metrics }
// client.subscribe(listener) → notified at most once per frame
client.stop();

export {};
