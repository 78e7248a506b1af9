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

const ORDER_IDS = Array.from({ length: 100 }, (_, i) => `pedido-${i}`);

const feed = createOrderFeed({ transport: sseFeedTransport({ client: { url: '/feed', retry: { maxAttempts: Infinity } } }) });

const bench = {
  frame: 0,
  commits: 0,
  maxCommitsPerFrame: 0,
  framesWithCommits: 0,
  renders: 0,
  wastedRenders: 0,
  longTasks: [] as { start: number; duration: number }[],
  feed,
};
(window as unknown as { bench: typeof bench }).bench = bench;

let commitsThisFrame = 0;
const tick = () => {
  bench.frame++;
  commitsThisFrame = 0;
  requestAnimationFrame(tick);
};
requestAnimationFrame(tick);

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: false });

createRoot(document.getElementById('root')!).render(
  <Profiler
    id="dashboard"
    onRender={() => {
      bench.commits++;
      commitsThisFrame++;
      if (commitsThisFrame === 1) bench.framesWithCommits++;
      if (commitsThisFrame > bench.maxCommitsPerFrame) bench.maxCommitsPerFrame = commitsThisFrame;
    }}
  >
    <OrderDashboard feed={feed} orderIds={ORDER_IDS} />
  </Profiler>,
);
