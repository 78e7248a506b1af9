// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { setNetworkConditions } from '../../../src/msw/index.js';

setNetworkConditions('flaky'); // 'normal' | 'slow' | 'flaky' | 'offline' | 'buffering'

export {};
