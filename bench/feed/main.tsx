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

const TOPICS = Array.from({ length: 100 }, (_, i) => `order:${i}`);

interface Order {
  status: string;
  updates: number;
}
const reduce = (state: Order | undefined, event: JsonFeedEvent): Order => ({
  status: String(event['status']),
  updates: (state?.updates ?? 0) + 1,
});

const bench = {
  frame: 0,
  commits: 0,
  /** The highest number of commits seen within one animation frame. */
  maxCommitsPerFrame: 0,
  framesWithCommits: 0,
  renders: 0,
  /** Renders whose topic state was the same object as at the row's previous render. */
  wastedRenders: 0,
  longTasks: [] as { start: number; duration: number }[],
  applied: 0,
  feed: null as LiveFeed<JsonFeedEvent, Order> | null,
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
      onRender={() => {
        bench.commits++;
        commitsThisFrame++;
        if (commitsThisFrame === 1) bench.framesWithCommits++;
        if (commitsThisFrame > bench.maxCommitsPerFrame) bench.maxCommitsPerFrame = commitsThisFrame;
      }}
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
