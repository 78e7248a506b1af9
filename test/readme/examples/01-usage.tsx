// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { useState } from 'react';
import { useSSEStream } from '../../../src/index.js';

export function OrderStatus({ orderId, token }: { orderId: string; token: string }) {
  const [step, setStep] = useState<string | null>(null);
  const { status, error } = useSSEStream(`/api/orders/${orderId}/events`, {
    headers: { Authorization: `Bearer ${token}` },
    onEvent: (event) => {
      // Only `status` events carry a step; the final `end` event (which closes the stream) has none.
      if (event.type === 'status') setStep((JSON.parse(event.data) as { step: string }).step);
    },
  });
  if (error && !error.willRetry) return <p role="alert">Live updates stopped: {error.message}</p>;
  return <p>{status === 'reconnecting' ? 'Reconnecting…' : (step ?? 'Waiting for the kitchen…')}</p>;
}

export {};
