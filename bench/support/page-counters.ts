// What the feed, order dashboard and notifications benchmark pages count in page (read by
// bench/feed.mjs through `window.bench`): animation frames, React commits and how many landed in
// one frame, row renders, long tasks, and (when asked) the peak element count.

/** What a page asks to be counted besides commits, frames and long tasks. */
export interface PageCounterOptions {
  /** Count the page's elements after every commit and keep the peak (`peakElements`). */
  countElements?: boolean;
}

/** The counters, and `extra` fields a page adds (e.g. its feed). */
export function pageCounters<Extra extends object>(extra: Extra, options: PageCounterOptions = {}) {
  // A live collection: its length is recounted only after the DOM changed.
  const elements = options.countElements === true ? document.getElementsByTagName('*') : null;
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
    /** The most elements the page held after a commit (with `countElements`), since the last reset. */
    peakElements: 0,
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
    // Per commit, not per frame: a commit's DOM is what the browser lays out and keeps.
    if (elements !== null && elements.length > bench.peakElements) bench.peakElements = elements.length;
  };
  return { bench, onCommit };
}
