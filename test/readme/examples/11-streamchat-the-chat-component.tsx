// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { StreamChat } from '../../../src/index.js';
import '../../../src/styles.css';

export function Support({ token }: { token: string }) {
  return <StreamChat api="/stream/chat" headers={{ Authorization: `Bearer ${token}` }} />;
}

export {};
