// What the feed and order dashboard benchmark pages count in page (read by bench/feed.mjs
// through `window.bench`): animation frames, React commits and how many landed in one frame,
// row renders, and long tasks.

/** The counters, and `extra` fields a page adds (e.g. its feed). */
export function pageCounters<Extra extends object>(extra: Extra) {
  const bench = {
    frame: 0,
    commits: 0,
    /** The highest number of commits seen within one animation frame. */
    maxCommitsPerFrame: 0,
    framesWithCommits: 0,
    renders: 0,
    /** Renders whose state was the same object as at the row's previous render. */
    wastedRenders: 0,
    longTasks: [] as { start: number; duration: number }[],
    ...extra,
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

  /** A React `<Profiler onRender>`: counts the commit and the frame it landed in. */
  const onCommit = () => {
    bench.commits++;
    commitsThisFrame++;
    if (commitsThisFrame === 1) bench.framesWithCommits++;
    if (commitsThisFrame > bench.maxCommitsPerFrame) bench.maxCommitsPerFrame = commitsThisFrame;
  };
  return { bench, onCommit };
}
