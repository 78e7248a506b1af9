// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { fetchSnapshot, sseFeedTransport, useLiveFeed, useTopic, type JsonFeedEvent, type LiveFeed } from '../../../src/index.js';

interface Order {
  status: string;
}

function OrderRow({ feed, id }: { feed: LiveFeed<JsonFeedEvent, Order>; id: string }) {
  const { state, status, error } = useTopic(feed, `order:${id}`);
  if (status === 'stale') return <p>{state?.status ?? '…'} (may be out of date: {error?.kind})</p>;
  return <p>{state?.status ?? 'loading…'}</p>;
}

export function Orders({ ids }: { ids: string[] }) {
  const feed = useLiveFeed<JsonFeedEvent, Order>({
    // One stream for every topic; events look like {"topic":"order:7","seq":3,"status":"en_ruta"}.
    transport: () => sseFeedTransport({ client: { url: '/api/orders/stream' } }),
    reduce: (order, event) => ({ ...order, status: String(event['status']) }),
    loadSnapshot: fetchSnapshot((topic) => `/api/orders/${topic.slice('order:'.length)}`),
  });
  return ids.map((id) => <OrderRow key={id} feed={feed} id={id} />);
}

export {};
