// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { acrossTabs, useSSEStream, useSocketStream } from '../../../src/index.js';

export function Prices({ userId, getToken }: { userId: string; getToken: () => Promise<string> }) {
  const { status, lastEventId } = useSSEStream('/api/prices', {
    headers: async () => ({ authorization: `Bearer ${await getToken()}` }),
    isTerminal: false,
    // The identity keys the share: tabs signed in as different users never share. Never a token.
    shareAcrossTabs: acrossTabs({ identity: userId }),
    onEvent: (event) => console.log(event.data),
  });
  const socket = useSocketStream<{ type: string }>('wss://example.com/live', {
    auth: async () => ({ type: 'auth', token: await getToken() }),
    shareAcrossTabs: acrossTabs({ identity: userId }),
  });
  return (
    <p>
      {status} {lastEventId} {socket.status}
    </p>
  );
}

export {};
