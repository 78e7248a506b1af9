// The page the order dashboard benchmark drives (`FEED_PAGE=orders npx node bench/feed.mjs`):
// one <OrderDashboard> of 100 compact LiveOrderTrackers on one order feed over one SSE
// connection (`/feed` on the benchmark's own server), fed status, ETA and position events.
//
// It counts, in page: React commits and the animation frame each landed in (commits per frame),
// and long tasks. Which trackers re-render is asserted by the tests (use-order-tracking).
import { Profiler } from 'react';
import { createRoot } from 'react-dom/client';
import { createOrderFeed, OrderDashboard, sseFeedTransport } from '../../src/index.js';
import '../../src/styles.css';
import { pageCounters } from '../support/page-counters.js';

const ORDER_IDS = Array.from({ length: 100 }, (_, i) => `pedido-${i}`);

const feed = createOrderFeed({ transport: sseFeedTransport({ client: { url: '/feed', retry: { maxAttempts: Infinity } } }) });

const { onCommit } = pageCounters({ feed });

createRoot(document.getElementById('root')!).render(
  <Profiler id="dashboard" onRender={onCommit}>
    <OrderDashboard feed={feed} orderIds={ORDER_IDS} />
  </Profiler>,
);
