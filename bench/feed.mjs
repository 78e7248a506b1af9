// Live feed benchmarks (not tests: figures, never assertions on time). One driver, three pages,
// each fed over ONE SSE connection from this script's server (`/feed`).
//
// FEED_PAGE=feed (default): 100 order trackers on one page, each reading its own topic of one
// live feed; the server publishes 200 events/s spread over the 100 topics. Figures: connections
// the server counted, React commits per animation frame (max and mean), renders of rows whose
// topic did not change, long tasks (> 50 ms), and the JS heap after a forced GC, sampled over the
// run (flat = bounded memory).
// FEED_PAGE=orders: one <OrderDashboard> of 100 compact LiveOrderTrackers on one order feed, fed
// order events (status steps, ETA revisions, courier positions) in the English wire shape at the
// same rate.
// FEED_PAGE=notifications: <Toaster /> + <NotificationCenter /> (panel open) on one
// useNotifications; the server sends a burst of 1,000 notifications in one second, then the
// driver dismisses the urgent toasts (they never expire) and waits for the rest to expire; twice
// (FEED_BURSTS=N for more). Figures: commits per frame, elements in the page (peak; after the
// burst: visible toasts + one page of the list), DOM counters, long tasks, the JS heap after GC
// before, right after each burst, at its peak and once every toast is gone.
//
// Run: npx node bench/feed.mjs (builds the page with Vite, drives Debian's Chromium through
// Playwright). FEED_SECONDS=300 for the 5-minute heap run (default 60; not used by the bursts).
// FEED_TRACE=1 records Chrome's timeline (the first burst only, for notifications) and breaks
// each long task down (wall vs main-thread CPU time, what ran).
import { heapAfterGc } from './support/heap.mjs';
import { servePage } from './support/serve-page.mjs';

const PAGES = {
  feed: { dir: 'feed', title: 'Live feed benchmark', css: 'ul { columns: 4; font-size: 12px; }' },
  orders: { dir: 'order-dashboard', title: 'Order dashboard benchmark', css: 'ul { columns: 2; font-size: 12px; }' },
  notifications: { dir: 'notifications', title: 'Notifications burst benchmark' },
};
const PAGE = process.env.FEED_PAGE ?? 'feed';
if (!(PAGE in PAGES)) throw new Error(`FEED_PAGE must be one of ${Object.keys(PAGES).join(', ')}; got ${PAGE}`);
const SECONDS = Number(process.env.FEED_SECONDS ?? 60);
const TRACING = process.env.FEED_TRACE === '1';
const TOPICS = 100;
const BURST = 1_000;
/** Bursts in the notifications run (FEED_BURSTS, default 2). */
const BURSTS = Number(process.env.FEED_BURSTS ?? 2);
/** Events per second: steady for the feed pages; the notifications burst is sent within one second. */
const RATE = PAGE === 'notifications' ? BURST : 200;

// ---- the server's side: one SSE stream per connection, the same events to all ---------------
let feedConnections = 0;
let published = 0;
const streams = new Set();
function send(data) {
  published++;
  const text = `id: ${published}\ndata: ${JSON.stringify(data)}\n\n`;
  for (const res of streams) res.write(text);
}

// As a real feed's server does: a comment now and then, or the client's idle timeout (60 s) would
// reconnect a quiet stream (the notifications page waits for toasts to expire, with no events).
setInterval(() => {
  for (const res of streams) res.write(': keep-alive\n\n');
}, 15_000).unref();

const { url, browser, close } = await servePage(PAGES[PAGE].dir, {
  title: PAGES[PAGE].title,
  css: PAGES[PAGE].css,
  routes: {
    '/feed': (req, res) => {
      feedConnections++;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.flushHeaders();
      streams.add(res);
      res.on('close', () => streams.delete(res));
    },
  },
});

const seqs = new Array(TOPICS).fill(0);
const statuses = ['recibido', 'preparando', 'listo', 'en_ruta', 'entregado'];
const orderSteps = ['received', 'preparing', 'ready', 'courier-assigned', 'on-the-way', 'delivered'];
const orderStep = new Array(TOPICS).fill(-1);
const orderProgress = new Array(TOPICS).fill(0);

/** The next event of order `topic` in the English wire shape: a step now and then, ETA revisions, mostly positions. */
function orderEvent(topic, seq) {
  const base = { orderId: `pedido-${topic}`, seq, id: `${topic}-${seq}`, at: new Date().toISOString() };
  const roll = Math.random();
  if (orderStep[topic] < 0 || (roll < 0.1 && orderStep[topic] < orderSteps.length - 2)) {
    return { ...base, type: 'step', step: orderSteps[++orderStep[topic]] };
  }
  if (roll < 0.3) {
    const from = Date.now() + (10 + Math.floor(Math.random() * 20)) * 60_000;
    return { ...base, type: 'eta', eta: { from, to: from + 10 * 60_000 }, reason: 'traffic' };
  }
  orderProgress[topic] = Math.min(1, orderProgress[topic] + 0.01);
  return { ...base, type: 'position', progress: orderProgress[topic] };
}

const notificationTypes = ['order', 'order', 'order', 'promotion', 'inventory'];
const importances = ['low', 'normal', 'normal', 'high'];

/**
 * Notification `n` in the English wire shape: mostly orders, every 4th `low` (centre only), one
 * in 100 `urgent` (stays until dismissed); one in 20 is for this page's client, one in 20 for
 * another client (the page must ignore it), the rest broadcasts.
 */
function notificationEvent(n) {
  const type = notificationTypes[n % notificationTypes.length];
  const event = {
    id: `n-${n}`,
    type,
    importance: n % 100 === 50 ? 'urgent' : importances[n % importances.length],
    title: type === 'order' ? `Order ${1000 + n} is on its way` : type === 'promotion' ? `2×1 en tacos al pastor (${n})` : `Low stock: tortillas (${n})`,
    body: `Notification ${n} of the burst`,
    createdAt: Date.now(),
  };
  if (n % 20 === 1) event.target = 'cliente-7';
  if (n % 20 === 2) event.target = 'cliente-9';
  return event;
}

/** The next event for this page. */
function publish() {
  if (PAGE === 'notifications') return send(notificationEvent(published));
  const topic = Math.floor(Math.random() * TOPICS);
  const seq = ++seqs[topic];
  send(PAGE === 'orders' ? orderEvent(topic, seq) : { topic: `order:${topic}`, seq, id: `${topic}-${seq}`, status: statuses[seq % statuses.length] });
}

/** Every 10 ms, as many events as are due at RATE (timers drift; the total must not), up to `limit`. */
function publishAtRate(limit = Infinity) {
  const started = Date.now();
  let count = 0;
  let resolveSent;
  const sent = new Promise((resolve) => (resolveSent = resolve));
  const timer = setInterval(() => {
    const due = Math.min(limit, Math.floor(((Date.now() - started) / 1000) * RATE));
    for (; count < due; count++) publish();
    if (count >= limit) {
      clearInterval(timer);
      resolveSent((Date.now() - started) / 1000);
    }
  }, 10);
  return { started, sent, stop: () => clearInterval(timer) };
}

// ---- the page --------------------------------------------------------------------------------
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
await page.goto(url);
const cdp = await page.context().newCDPSession(page);
/** Page-time windows of our forced GCs: a long task there is the measurement, not the feed. */
const gcWindows = [];
async function sampleHeap() {
  const from = await page.evaluate(() => performance.now());
  const bytes = await heapAfterGc(cdp);
  gcWindows.push([from, await page.evaluate(() => performance.now())]);
  return bytes;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const counters = () =>
  page.evaluate(() => {
    const b = window.bench;
    return { frame: b.frame, commits: b.commits, maxCommitsPerFrame: b.maxCommitsPerFrame, framesWithCommits: b.framesWithCommits };
  });

await page.waitForFunction(() => window.bench.feed?.getStatus().status === 'open');
const startFrame = await page.evaluate(() => {
  const b = window.bench;
  Object.assign(b, { commits: 0, maxCommitsPerFrame: 0, framesWithCommits: 0, renders: 0, wastedRenders: 0, longTasks: [], peakElements: 0 });
  return b.frame;
});

const run = PAGE === 'notifications' ? await burstRun() : await steadyRun();
const figures = await page.evaluate(([startFrame, gcWindows]) => {
  const b = window.bench;
  const outsideGc = b.longTasks.filter((t) => !gcWindows.some(([from, to]) => t.start + t.duration >= from - 5 && t.start <= to + 5));
  return {
    frames: b.frame - startFrame,
    commits: b.commits,
    maxCommitsPerFrame: b.maxCommitsPerFrame,
    framesWithCommits: b.framesWithCommits,
    renders: b.renders,
    wastedRenders: b.wastedRenders,
    longTasks: outsideGc.length,
    longestTaskMs: Math.max(0, ...outsideGc.map((t) => t.duration)),
    gcLongTasks: b.longTasks.length - outsideGc.length,
    stats: b.feed.stats(),
    status: b.feed.getStatus().status,
  };
}, [startFrame, gcWindows]);
const version = browser.version();
await close();

/** The steady feed pages: RATE events/s for SECONDS, the heap sampled after GC along the way. */
async function steadyRun() {
  const sampleEvery = Math.max(5, Math.round(SECONDS / 12));
  const heap = [{ s: 0, bytes: await sampleHeap() }];
  if (TRACING) await startTrace();
  const { started, stop } = publishAtRate();
  for (let s = sampleEvery; s <= SECONDS; s += sampleEvery) {
    await sleep(started + s * 1000 - Date.now());
    heap.push({ s, bytes: await sampleHeap() });
  }
  stop();
  const elapsed = (Date.now() - started) / 1000;
  const traced = TRACING ? await stopTrace() : null;
  await page.waitForFunction((n) => window.bench.feed.stats().applied >= n, published, { timeout: 10_000 }).catch(() => {});
  return { elapsed, heap, traced };
}

/**
 * The notifications bursts: BURST notifications within one second; then the urgent toasts are
 * dismissed with their close buttons and the rest expire. Heap and DOM are measured before, right
 * after each burst, and once the toast queue holds nothing. A second burst tells what the first
 * one left for good (the centre's capped history, compiled code) from what each burst leaves.
 */
async function burstRun() {
  const inPage = () =>
    page.evaluate(() => {
      const b = window.bench;
      const toasts = b.queue.getSnapshot();
      return {
        elements: document.getElementsByTagName('*').length,
        peakElements: b.peakElements,
        toastElements: document.querySelectorAll('[data-sk-toast]').length,
        rows: document.querySelectorAll('[data-sk-notification]').length,
        waitingToasts: toasts.waiting,
        queue: b.queue.stats(),
        store: b.center.store.stats(),
        unread: b.center.unreadCount,
      };
    });
  const domCounters = () => cdp.send('Memory.getDOMCounters');
  const baseline = { heap: await sampleHeap(), dom: await domCounters(), page: await inPage() };
  const heap = [{ s: 0, bytes: baseline.heap }];
  const runStarted = Date.now();
  const at = () => round((Date.now() - runStarted) / 1000);
  const bursts = [];
  for (let n = 1; n <= BURSTS; n++) {
    const trace = TRACING && n === 1;
    if (trace) await startTrace();
    // Used heap without a GC, garbage included, every 50 ms through the burst: what it costs at its worst.
    let peakUsedNoGc = 0;
    let sampling = true;
    const noGcSampler = (async () => {
      while (sampling) {
        peakUsedNoGc = Math.max(peakUsedNoGc, (await cdp.send('Runtime.getHeapUsage')).usedSize);
        await sleep(50);
      }
    })();
    const countedBefore = await counters();
    const { started, sent } = publishAtRate(BURST);
    await page.waitForFunction(
      (total) => {
        const s = window.bench.feed.stats();
        return s.applied + s.ignored + s.duplicates + s.parseErrors >= total;
      },
      n * BURST,
      { timeout: 60_000, polling: 20 },
    );
    const handledS = (Date.now() - started) / 1000;
    const sentS = await sent;
    // Let the last publications (store and toast queue, one frame each) reach the DOM.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)))));
    const counted = await counters();
    const afterBurst = await inPage();
    sampling = false;
    await noGcSampler;
    const traced = trace ? await stopTrace() : null;
    const heapAfterBurst = await sampleHeap();
    heap.push({ s: at(), bytes: heapAfterBurst });
    const { dismissed, unstuck } = await clearToasts(async () => {
      if (heap.length < 60) heap.push({ s: at(), bytes: await sampleHeap() });
    });
    const goneS = (Date.now() - started) / 1000;
    const gone = { heap: await sampleHeap(), dom: await domCounters(), page: await inPage() };
    heap.push({ s: at(), bytes: gone.heap });
    bursts.push({ sentS, handledS, goneS, countedBefore, counted, afterBurst, heapAfterBurst, peakUsedNoGc, traced, dismissed, unstuck, gone });
  }
  return { elapsed: bursts[0].sentS, heap, traced: bursts[0].traced, baseline, bursts };
}

/**
 * Dismisses the urgent toasts as a user would (they never expire) and waits for the rest to
 * expire, until the queue holds nothing; `sample` runs every second meanwhile. A real click at the
 * close button's place (a Playwright locator would load its own script into the page's heap),
 * then the pointer leaves the stack (hovering it pauses the timers). A toast left paused with
 * nothing running (no visible toast's timer runs, so none can expire and none that waits can
 * show) is dismissed with its close button too, and counted apart (`unstuck`).
 */
async function clearToasts(sample) {
  const URGENT = '[data-sk-toast][data-importance="urgent"] [data-sk-toast-close]';
  const closeAt = (selector) =>
    page.evaluate((selector) => {
      const button = document.querySelector(selector);
      if (button === null) return null;
      const box = button.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }, selector);
  const click = async (at) => {
    await page.mouse.click(at.x, at.y);
    await page.mouse.move(1, 1);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  };
  let dismissed = 0;
  let unstuck = 0;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    for (let at = await closeAt(URGENT); at !== null; at = await closeAt(URGENT)) {
      await click(at);
      dismissed++;
    }
    const queue = await page.evaluate(() => {
      const { visible } = window.bench.queue.getSnapshot();
      return { held: window.bench.queue.stats().held, running: visible.filter((t) => !t.paused && t.remainingMs !== null).length };
    });
    if (queue.held === 0) break;
    const stuck = queue.running === 0 ? await closeAt('[data-sk-toast] [data-sk-toast-close]') : null;
    if (stuck !== null) {
      await click(stuck);
      unstuck++;
      continue;
    }
    await sleep(1_000);
    await sample();
  }
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return { dismissed, unstuck };
}

// ---- FEED_TRACE=1: Chrome's timeline, every long task broken down by what ran in it ----------
async function startTrace() {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'v8'] });
}
async function stopTrace() {
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const events = trace.traceEvents.filter((e) => e.ph === 'X');
  const main = new Set(
    trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = events.filter((e) => main.has(`${e.pid}:${e.tid}`));
  const taskName = onMain.some((e) => e.name === 'ThreadControllerImpl::RunTask') ? 'ThreadControllerImpl::RunTask' : 'RunTask';
  // Our own forced GCs (heap samples) are the measurement, not the feed: left out.
  const long = onMain
    .filter((e) => e.name === taskName && e.dur > 50_000)
    .map((task) => {
      const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur);
      const byName = new Map();
      for (const e of inside) byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      return { task, byName };
    })
    .filter(({ byName }) => !byName.has('V8.GCLowMemoryNotification'));
  const cpuMs = ({ task }) => (task.tdur ?? task.dur) / 1000;
  const tasks = onMain.filter((e) => e.name === taskName);
  const lines = long.map((entry) => {
    const top = [...entry.byName].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([n, ms]) => `${n} ${ms.toFixed(1)}`);
    return `  long task ${(entry.task.dur / 1000).toFixed(1)} ms wall, ${cpuMs(entry).toFixed(1)} ms main-thread CPU: ${top.join(', ')}`;
  });
  return {
    long: long.length,
    cpuLong: long.filter((t) => cpuMs(t) > 50).length,
    maxCpuMs: Math.max(0, ...long.map(cpuMs)),
    maxTaskCpuMs: Math.max(0, ...tasks.map((task) => cpuMs({ task }))),
    mainCpuMs: tasks.reduce((sum, task) => sum + cpuMs({ task }), 0),
    lines,
  };
}

// ---- report ----------------------------------------------------------------------------------
function round(n) {
  return Math.round(n * 100) / 100;
}
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const { stats } = figures;
const title = { feed: 'live feed', orders: 'order dashboard (100 compact LiveOrderTrackers)', notifications: 'notifications burst' }[PAGE];
console.log(
  PAGE === 'notifications'
    ? `${title}: ${published} notifications in ${BURSTS} burst${BURSTS === 1 ? '' : 's'} of ${BURST}, each sent within one second; Chromium ${version}`
    : `${title}: ${TOPICS} topics, ${published} events in ${round(run.elapsed)} s (${round(published / run.elapsed)}/s), Chromium ${version}`,
);
console.log(`  connections counted by the server: ${feedConnections}`);
console.log(
  `  applied ${stats.applied}/${published}, duplicates ${stats.duplicates}, stale ${stats.stale}, gaps ${stats.gaps}` +
    (PAGE === 'notifications' ? `, ignored (another client's) ${stats.ignored}, parse errors ${stats.parseErrors}` : ''),
);
if (PAGE === 'notifications') {
  for (const [i, burst] of run.bursts.entries()) {
    const { countedBefore: before, counted: c } = burst;
    console.log(
      `  burst ${i + 1}: sent in ${round(burst.sentS)} s, all handled ${round(burst.handledS)} s after the first; React commits to all handled + 2 frames: ` +
        `${c.commits - before.commits} over ${c.frame - before.frame} frames (max per frame so far ${c.maxCommitsPerFrame}, frames with a commit ${c.framesWithCommits - before.framesWithCommits})`,
    );
  }
}
console.log(
  `  React commits${PAGE === 'notifications' ? ', whole run (to the last toast gone)' : ''}: ${figures.commits} over ${figures.frames} frames; ` +
    `max per frame ${figures.maxCommitsPerFrame}; frames with a commit ${figures.framesWithCommits}`,
);
// The order page does not count row renders (the tests assert which trackers re-render).
if (PAGE === 'feed') {
  console.log(
    `  row renders: ${figures.renders} (${round(figures.renders / Math.max(1, figures.commits))} rows per commit); ` +
      `renders of an unchanged topic: ${figures.wastedRenders}`,
  );
}
if (PAGE === 'notifications') {
  const { baseline, bursts } = run;
  for (const [i, burst] of bursts.entries()) {
    const { afterBurst, gone } = burst;
    const q = afterBurst.queue;
    console.log(
      `  burst ${i + 1}, toasts: ${q.coalesced} notifications coalesced into burst toasts so far, ${q.evicted} evicted from the waiting line; ` +
        `${burst.dismissed} urgent ones dismissed with their close button, ${burst.unstuck} more because every visible toast stayed paused, ` +
        `${gone.page.queue.released} released in all; the last gone ${round(burst.goneS)} s after the burst began` +
        (gone.page.queue.held > 0 ? `; ${gone.page.queue.held} STILL HELD at the deadline` : ''),
    );
    console.log(
      `  burst ${i + 1}, centre: ${afterBurst.store.held} notifications held (history cap), ${afterBurst.unread} unread, ` +
        `${afterBurst.store.duplicates} re-sends dropped, ${afterBurst.store.updates} updates in place`,
    );
    console.log(
      `  burst ${i + 1}, elements in the page: after the burst ${afterBurst.elements} (${afterBurst.toastElements} toasts on screen, ` +
        `${afterBurst.waitingToasts} waiting; ${afterBurst.rows} rows in the open list), every toast gone ${gone.page.elements} (${gone.page.rows} rows); ` +
        `DOM nodes after GC (CDP, detached included) ${gone.dom.nodes}, JS event listeners ${gone.dom.jsEventListeners}`,
    );
    console.log(
      `  burst ${i + 1}, heap after GC: right after the burst ${mb(burst.heapAfterBurst)}, every toast gone ${mb(gone.heap)}; ` +
        `used heap without GC during the burst, at most ${mb(burst.peakUsedNoGc)}`,
    );
  }
  console.log(
    `  elements in the page: before ${baseline.page.elements}, peak after any commit ${bursts.at(-1).gone.page.peakElements}; ` +
      `DOM nodes after GC before: ${baseline.dom.nodes}, JS event listeners ${baseline.dom.jsEventListeners}`,
  );
}
console.log(
  `  long tasks > 50 ms: ${figures.longTasks} (longest ${round(figures.longestTaskMs)} ms); ` +
    `${figures.gcLongTasks} more during the benchmark's own forced GCs`,
);
if (run.traced !== null) {
  for (const line of run.traced.lines) console.log(line);
  console.log(
    `  traced${PAGE === 'notifications' ? ' (the first burst)' : ''}: main-thread CPU ${round(run.traced.mainCpuMs)} ms in tasks, longest task ${round(run.traced.maxTaskCpuMs)} ms CPU; ` +
      `${run.traced.long} long tasks (wall > 50 ms, forced GCs excluded), ${run.traced.cpuLong} of them with > 50 ms ` +
      `main-thread CPU (max ${round(run.traced.maxCpuMs)} ms): the rest waited for a CPU`,
  );
}
console.log(`  heap after GC: ${run.heap.map((h) => `${h.s}s ${mb(h.bytes)}`).join(', ')}`);
if (PAGE === 'notifications') {
  const peak = Math.max(...run.heap.map((h) => h.bytes));
  const gone = run.bursts.map((burst) => burst.gone.heap);
  console.log(
    `  heap after GC: baseline ${mb(run.baseline.heap)}, peak ${mb(peak)}, every toast gone: ${gone.map(mb).join(' / ')} ` +
      `(${gone.map((bytes) => mb(bytes - run.baseline.heap)).join(' / ')} over baseline)`,
  );
} else {
  console.log(`  heap growth, first in-run sample → last: ${mb(run.heap.at(-1).bytes - run.heap[1].bytes)}`);
}
