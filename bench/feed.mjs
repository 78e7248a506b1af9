// Live feed benchmark (not a test: figures, never assertions on time).
//
// 100 order trackers on one page, each reading its own topic of one live feed, over ONE SSE
// connection from this script's server, which publishes 200 events/s spread over the 100
// topics. Figures: connections the server counted, React commits per animation frame (max and
// mean), renders of rows whose topic did not change, long tasks (> 50 ms), and the JS heap after
// a forced GC, sampled over the run (flat = bounded memory).
//
// Run: npx node bench/feed.mjs (builds the page with Vite, drives Debian's Chromium through
// Playwright). FEED_SECONDS=300 for the 5-minute heap run (default 60). FEED_TRACE=1 records
// Chrome's timeline and breaks each long task down (wall vs main-thread CPU time, what ran).
// FEED_PAGE=orders drives the order dashboard page instead: one <OrderDashboard> of 100 compact
// LiveOrderTrackers on one order feed, fed order events (status steps, ETA revisions, courier
// positions) in the English wire shape at the same rate.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright';
import { findChromium } from '../scripts/chromium.mjs';

const ORDERS = process.env.FEED_PAGE === 'orders';
const PAGE = ORDERS ? 'order-dashboard' : 'feed';
const root = fileURLToPath(new URL(`./${PAGE}/`, import.meta.url));
const outDir = fileURLToPath(new URL(`./.out/${PAGE}/`, import.meta.url));
const SECONDS = Number(process.env.FEED_SECONDS ?? 60);
const RATE = 200;
const TOPICS = 100;
const SAMPLE_EVERY_S = Math.max(5, Math.round(SECONDS / 12));

// React's profiling build: production speed, but <Profiler> still reports commits.
await build({
  root,
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  resolve: { alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] },
  build: { outDir, emptyOutDir: true },
});

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
let feedConnections = 0;
let published = 0;
const streams = new Set();
const seqs = new Array(TOPICS).fill(0);
const statuses = ['recibido', 'preparando', 'listo', 'en_ruta', 'entregado'];

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (path === '/feed') {
    feedConnections++;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    streams.add(res);
    res.on('close', () => streams.delete(res));
    return;
  }
  try {
    const body = await readFile(join(outDir, path === '/' ? 'index.html' : path));
    res.writeHead(200, { 'content-type': types[extname(path) || '.html'] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

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

/** 200 events/s: 2 events every 10 ms, on random topics, each with its topic's next seq. */
function publish() {
  const topic = Math.floor(Math.random() * TOPICS);
  const seq = ++seqs[topic];
  published++;
  const data = JSON.stringify(
    ORDERS ? orderEvent(topic, seq) : { topic: `order:${topic}`, seq, id: `${topic}-${seq}`, status: statuses[seq % statuses.length] },
  );
  const text = `id: ${published}\ndata: ${data}\n\n`;
  for (const res of streams) res.write(text);
}

const browser = await chromium.launch({
  executablePath: findChromium() ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
await page.goto(url);
const cdp = await page.context().newCDPSession(page);
/** Page-time windows of our forced GCs: a long task there is the measurement, not the feed. */
const gcWindows = [];
async function heapAfterGc() {
  const from = await page.evaluate(() => performance.now());
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  gcWindows.push([from, await page.evaluate(() => performance.now())]);
  return usedSize;
}
await page.waitForFunction(() => window.bench.feed?.getStatus().status === 'open');
const startFrame = await page.evaluate(() => {
  const b = window.bench;
  Object.assign(b, { commits: 0, maxCommitsPerFrame: 0, framesWithCommits: 0, renders: 0, wastedRenders: 0, longTasks: [] });
  return b.frame;
});

const heap = [{ s: 0, bytes: await heapAfterGc() }];
// FEED_TRACE=1: record Chrome's timeline and break every long task down by what ran in it.
const tracing = process.env.FEED_TRACE === '1';
let traced = null;
if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'v8'] });
const started = Date.now();
// Every 10 ms, as many events as are due at RATE (timers drift; the total must not).
const timer = setInterval(() => {
  const due = Math.floor(((Date.now() - started) / 1000) * RATE);
  while (published < due) publish();
}, 10);
for (let s = SAMPLE_EVERY_S; s <= SECONDS; s += SAMPLE_EVERY_S) {
  await new Promise((resolve) => setTimeout(resolve, started + s * 1000 - Date.now()));
  heap.push({ s, bytes: await heapAfterGc() });
}
clearInterval(timer);
const elapsed = (Date.now() - started) / 1000;
if (tracing) {
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
  traced = { long: long.length, cpuLong: long.filter((t) => cpuMs(t) > 50).length, maxCpuMs: Math.max(0, ...long.map(cpuMs)) };
  for (const entry of long) {
    const top = [...entry.byName].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([n, ms]) => `${n} ${ms.toFixed(1)}`);
    console.log(`  long task ${(entry.task.dur / 1000).toFixed(1)} ms wall, ${cpuMs(entry).toFixed(1)} ms main-thread CPU: ${top.join(', ')}`);
  }
}
await page.waitForFunction((n) => window.bench.feed.stats().applied >= n, published, { timeout: 10_000 }).catch(() => {});
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
await browser.close();
server.close();

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const round = (n) => Math.round(n * 100) / 100;
console.log(`${ORDERS ? 'order dashboard (100 compact LiveOrderTrackers)' : 'live feed'}: ${TOPICS} topics, ${published} events in ${round(elapsed)} s (${round(published / elapsed)}/s), Chromium ${browser.version?.() ?? ''}`);
console.log(`  connections counted by the server: ${feedConnections}`);
console.log(`  applied ${figures.stats.applied}/${published}, duplicates ${figures.stats.duplicates}, stale ${figures.stats.stale}, gaps ${figures.stats.gaps}`);
console.log(
  `  React commits: ${figures.commits} over ${figures.frames} frames; max per frame ${figures.maxCommitsPerFrame}; ` +
    `frames with a commit ${figures.framesWithCommits}`,
);
// The order page does not count row renders (the tests assert which trackers re-render).
if (!ORDERS) {
  console.log(
    `  row renders: ${figures.renders} (${round(figures.renders / Math.max(1, figures.commits))} rows per commit); ` +
      `renders of an unchanged topic: ${figures.wastedRenders}`,
  );
}
console.log(
  `  long tasks > 50 ms: ${figures.longTasks} (longest ${round(figures.longestTaskMs)} ms); ` +
    `${figures.gcLongTasks} more during the benchmark's own forced GCs`,
);
if (traced !== null) {
  console.log(
    `  traced: ${traced.long} long tasks (wall > 50 ms, forced GCs excluded), ${traced.cpuLong} of them with > 50 ms ` +
      `main-thread CPU (max ${round(traced.maxCpuMs)} ms): the rest waited for a CPU`,
  );
}
console.log(`  heap after GC: ${heap.map((h) => `${h.s}s ${mb(h.bytes)}`).join(', ')}`);
console.log(`  heap growth, first in-run sample → last: ${mb(heap.at(-1).bytes - heap[1].bytes)}`);
