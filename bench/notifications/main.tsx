// The page the notifications benchmark drives (`FEED_PAGE=notifications npx node bench/feed.mjs`):
// <Toaster /> on notify()'s default queue and <NotificationCenter /> with its panel open, both fed
// by one useNotifications over one SSE connection (`/feed` on the benchmark's own server).
//
// It counts, in page: React commits and the animation frame each landed in, long tasks, and the
// peak number of elements in the page after any commit. The feed, the store and the toast queue
// are on `window.bench` for the driver to read their stats and wait on them.
import { Profiler } from 'react';
import { createRoot } from 'react-dom/client';
import {
  createNotificationFeed,
  getDefaultToastQueue,
  NotificationCenter,
  sseFeedTransport,
  Toaster,
  useNotifications,
  type UseNotificationsResult,
} from '../../src/index.js';
import '../../src/styles.css';
import { pageCounters } from '../support/page-counters.js';

/** The client this page is; the driver also sends notifications targeted at another one. */
const CLIENT_ID = 'cliente-7';

const feed = createNotificationFeed({
  transport: sseFeedTransport({ client: { url: '/feed', retry: { maxAttempts: Infinity } } }),
  clientId: CLIENT_ID,
});

const { bench, onCommit } = pageCounters({ feed, queue: getDefaultToastQueue(), center: null as UseNotificationsResult | null }, { countElements: true });

function App() {
  const center = useNotifications({ feed });
  bench.center = center;
  return (
    <>
      <NotificationCenter center={center} defaultOpen locale="en-US" />
      <Toaster locale="en-US" />
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <Profiler id="notifications" onRender={onCommit}>
    <App />
  </Profiler>,
);
