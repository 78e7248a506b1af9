// The page the live feed benchmark drives: 100 order trackers, each reading one topic of one
// shared feed over one SSE connection (`/feed` on the benchmark's own server).
//
// It counts, in page: React commits and which animation frame each one landed in (commits per
// frame), renders per row and renders that showed nothing new (a row re-rendered although its
// topic did not change), events applied, and long tasks.
import { memo, Profiler } from 'react';
import { createRoot } from 'react-dom/client';
import { sseFeedTransport, useLiveFeed, useTopic, type LiveFeed } from '../../src/index.js';
import type { JsonFeedEvent } from '../../src/index.js';
import { pageCounters } from '../support/page-counters.js';

const TOPICS = Array.from({ length: 100 }, (_, i) => `order:${i}`);

interface Order {
  status: string;
  updates: number;
}
const reduce = (state: Order | undefined, event: JsonFeedEvent): Order => ({
  status: String(event['status']),
  updates: (state?.updates ?? 0) + 1,
});

const { bench, onCommit } = pageCounters({ applied: 0, feed: null as LiveFeed<JsonFeedEvent, Order> | null });

const lastSeen = new Map<string, unknown>();

const Row = memo(function Row({ feed, topic }: { feed: LiveFeed<JsonFeedEvent, Order>; topic: string }) {
  const { state, status } = useTopic(feed, topic);
  bench.renders++;
  if (lastSeen.has(topic) && lastSeen.get(topic) === state) bench.wastedRenders++;
  lastSeen.set(topic, state);
  return (
    <li data-status={status}>
      {topic}: {state?.status ?? '…'} ({state?.updates ?? 0})
    </li>
  );
});

function App() {
  const feed = useLiveFeed<JsonFeedEvent, Order>({
    transport: () => sseFeedTransport({ client: { url: '/feed', retry: { maxAttempts: Infinity } } }),
    reduce,
  });
  bench.feed = feed;
  return (
    <Profiler
      id="feed"
      onRender={onCommit}
    >
      <ul>
        {TOPICS.map((topic) => (
          <Row key={topic} feed={feed} topic={topic} />
        ))}
      </ul>
    </Profiler>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
