// StreamChat rendering benchmark (not a test: figures, never assertions on time).
//
// 1. Full speed: a 20,000-token reply fed as fast as a network read loop can (20 tokens per
//    macrotask). Reports React commits vs animation frames and long tasks (> 50 ms).
// 2. Realistic rate: the first 1,000 tokens and the last 1,000 tokens of a 20,000-token reply
//    streamed at 300 tokens/s (the 18,000 in between at full speed), each window traced with
//    Chrome's timeline. Reports layout+paint and main-thread time per 1,000 tokens at the start
//    and at the end: if per-token cost grew with the reply, the end would cost more.
//
// Run: npm run bench (builds the page with Vite, serves it on 127.0.0.1, drives Debian's
// Chromium through Playwright).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright';
import { findChromium } from '../scripts/chromium.mjs';

const root = fileURLToPath(new URL('./chat-render/', import.meta.url));
const outDir = fileURLToPath(new URL('./.out/chat-render/', import.meta.url));
const RATE = 300;
const TOTAL = 20_000;
const WINDOW = 1_000;

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
const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  try {
    const body = await readFile(join(outDir, path === '/' ? 'index.html' : path));
    res.writeHead(200, { 'content-type': types[extname(path) || '.html'] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

/** A realistic reply: words, a paragraph every ~80 tokens, a fenced code block every ~1,500. */
function replyTokens(count) {
  const words = ['Los ', 'tacos ', 'al ', 'pastor ', 'llevan ', 'piña, ', 'cebolla ', 'y ', 'cilantro; ', 'el ', 'trompo ', 'gira ', 'despacio. '];
  const tokens = [];
  for (let i = 0; tokens.length < count; i++) {
    if (i % 1500 === 1499) {
      tokens.push('\n\n```ts\n', 'const ', 'orden ', '= ', "'3 tacos';\n", 'enviar(orden);\n', '```\n\n');
    } else if (i % 80 === 79) {
      tokens.push('\n\n');
    } else {
      tokens.push(words[i % words.length]);
    }
  }
  return tokens.slice(0, count);
}

/** Sums timeline work between two user-timing marks on the renderer main thread. */
function summarise(trace, startMark, endMark) {
  const events = trace.traceEvents;
  const mainThreads = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const mark = (name) => events.find((e) => e.name === name && (e.cat ?? '').includes('blink.user_timing'))?.ts;
  const from = mark(startMark);
  const to = mark(endMark);
  if (from === undefined || to === undefined) throw new Error(`marks ${startMark}/${endMark} not in the trace`);
  const within = events.filter((e) => e.ph === 'X' && e.ts >= from && e.ts + (e.dur ?? 0) <= to && mainThreads.has(`${e.pid}:${e.tid}`));
  const sum = (names) => within.filter((e) => names.includes(e.name)).reduce((total, e) => total + (e.dur ?? 0), 0) / 1000;
  return {
    layoutAndPaintMs: sum(['Layout', 'UpdateLayoutTree', 'PrePaint', 'Paint', 'Layerize', 'Commit']),
    layoutMs: sum(['Layout']),
    styleMs: sum(['UpdateLayoutTree']),
    paintMs: sum(['PrePaint', 'Paint', 'Layerize', 'Commit']),
    scriptMs: sum(['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EvaluateScript', 'RunMicrotasks']),
    mainThreadMs: sum(['RunTask', 'ThreadControllerImpl::RunTask']),
    wallMs: (to - from) / 1000,
  };
}

const browser = await chromium.launch({
  executablePath: findChromium() ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
await page.goto(url);
const composer = page.getByRole('textbox');

async function startReply(text) {
  await composer.fill(text);
  await composer.press('Enter');
  await page.evaluate(() => window.bench.ready());
}

// 1. Full speed.
await startReply('Explícame los tacos al pastor, largo.');
await page.evaluate(() => window.bench.startCounting());
const fullSpeed = await page.evaluate(async ([tokens]) => {
  const started = performance.now();
  await window.bench.fullSpeed(tokens);
  window.bench.finish();
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  window.bench.stopCounting();
  return {
    ms: performance.now() - started,
    commits: window.bench.commits,
    frames: window.bench.frames,
    longTasks: window.bench.longTasks.length,
    longestTaskMs: Math.max(0, ...window.bench.longTasks),
  };
}, [replyTokens(TOTAL)]);

// 2. Realistic rate, traced windows at the start and the end of one long reply.
await startReply('Otra vez, con detalle.');
const tokens = replyTokens(TOTAL);
await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink.user_timing'] });
await page.evaluate(
  async ([first, middle, last, rate]) => {
    performance.mark('start-begin');
    await window.bench.atRate(first, rate);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    performance.mark('start-end');
    await window.bench.fullSpeed(middle, 50);
    await new Promise((resolve) => setTimeout(resolve, 200));
    performance.mark('end-begin');
    await window.bench.atRate(last, rate);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    performance.mark('end-end');
    window.bench.finish();
  },
  [tokens.slice(0, WINDOW), tokens.slice(WINDOW, TOTAL - WINDOW), tokens.slice(TOTAL - WINDOW), RATE],
);
const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
const atStart = summarise(trace, 'start-begin', 'start-end');
const atEnd = summarise(trace, 'end-begin', 'end-end');

await browser.close();
server.close();

const round = (value) => Math.round(value * 10) / 10;
console.log(`StreamChat, ${TOTAL.toLocaleString('en')}-token reply at full speed:`);
console.log(
  `  ${round(fullSpeed.ms)} ms, ${fullSpeed.commits} React commits over ${fullSpeed.frames} frames ` +
    `(${round(fullSpeed.commits / Math.max(1, fullSpeed.frames))} per frame), ` +
    `${fullSpeed.longTasks} long tasks > 50 ms (longest ${round(fullSpeed.longestTaskMs)} ms)`,
);
console.log(`Per ${WINDOW.toLocaleString('en')} tokens at ${RATE} tokens/s (ms):`);
console.log('  window                      layout+paint  (layout  style  paint)  script  main thread');
for (const [name, figures] of [
  [`start (tokens 1–${WINDOW})`, atStart],
  [`end (tokens ${TOTAL - WINDOW + 1}–${TOTAL})`, atEnd],
]) {
  console.log(
    `  ${name.padEnd(28)}${String(round(figures.layoutAndPaintMs)).padStart(12)}  (${round(figures.layoutMs)}  ${round(figures.styleMs)}  ${round(figures.paintMs)})  ${String(round(figures.scriptMs)).padStart(6)}  ${String(round(figures.mainThreadMs)).padStart(11)}`,
  );
}
console.log(`  end/start ratio, layout+paint: ${round(atEnd.layoutAndPaintMs / Math.max(0.001, atStart.layoutAndPaintMs))}`);
