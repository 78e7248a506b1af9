// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { useState } from 'react';
import { useSSEStream } from '../../../src/index.js';

export function TacoOrder({ getToken }: { getToken: () => Promise<string> }) {
  const [started, setStarted] = useState(false);
  const [reply, setReply] = useState('');
  const { status } = useSSEStream(started ? '/stream/chat' : null, {
    method: 'POST',
    headers: async () => ({ Authorization: `Bearer ${await getToken()}`, 'Content-Type': 'application/json' }),
    body: JSON.stringify({ message: 'Quiero 3 tacos al pastor' }),
    onEvent: (event) => {
      if (event.type === 'chunk') setReply((text) => text + (JSON.parse(event.data) as { content: string }).content);
    },
  });
  return (
    <>
      <button onClick={() => setStarted(true)} disabled={started}>Order</button>
      <p>{status === 'connecting' ? 'Sending…' : reply}</p>
    </>
  );
}

export {};
