// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import '../../../src/styles.css';
import { createOrderFeed, LiveOrderTracker, OrderDashboard, sseFeedTransport } from '../../../src/index.js';

const orders = createOrderFeed({ transport: sseFeedTransport({ client: { url: '/api/orders/stream' } }) });

export function MyOrder({ orderId }: { orderId: string }) {
  return <LiveOrderTracker orderId={orderId} feed={orders} locale="es" theme="system" />;
}

// A dashboard: one compact row per order, all on the same connection.
export function Kitchen({ orderIds }: { orderIds: string[] }) {
  return <OrderDashboard orderIds={orderIds} feed={orders} aria-label="Today's orders" />;
}

export {};
