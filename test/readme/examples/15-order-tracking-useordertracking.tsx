// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { createOrderFeed, sseFeedTransport, useOrderTracking } from '../../../src/index.js';

// One connection for every order on the page (100 trackers: still one).
const orders = createOrderFeed({ transport: sseFeedTransport({ client: { url: '/api/orders/stream' } }) });

export function OrderStatus({ orderId }: { orderId: string }) {
  const order = useOrderTracking({ orderId, feed: orders });
  const step = order.steps[order.currentIndex];
  return (
    <p>
      {step?.label['en'] ?? 'Waiting for the restaurant…'}
      {order.status === 'delayed' && ` — delayed: ${order.delay?.reason ?? 'no reason given'}`}
      {order.eta && ` — arrives ${new Date(order.eta.from).toLocaleTimeString()}–${new Date(order.eta.to).toLocaleTimeString()}`}
      {order.late && ' (late)'}
      {order.connection.stale && ' (reconnecting…)'}
    </p>
  );
}

export {};
