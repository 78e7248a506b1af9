// Chat rendering benchmark (not a test: figures, never assertions on time).
//
// Two contenders on the same page and the same in-page transport: StreamChat, and the baseline
// — useChatStream rendering each message as one plain-text paragraph, which is what an app on
// a headless chat hook (useChat and the like) renders.
//
// For each contender, in a fresh page:
// 1. Full speed: a 20,000-token reply fed as fast as a network read loop can (20 tokens per
//    macrotask). React commits vs animation frames, long tasks (> 50 ms).
// 2. Realistic rate: a 2,000-token reply, then a 20,000-token reply, each streamed whole at
//    300 tokens/s and traced with Chrome's timeline: main-thread time, script, layout+paint,
//    React commits, long tasks. Growth 20k÷2k shows whether per-token cost grows with the reply
//    (10× is linear).
// 3. Retained heap: JS heap after a forced GC, before and after the 20,000-token reply at rate.
//
// Run: npm run bench (builds the page with Vite, serves it on 127.0.0.1, drives Debian's
// Chromium through Playwright). ~3 minutes: the rate runs take 2 × 73 s of streaming.
import { heapAfterGc } from './support/heap.mjs';
import { servePage } from './support/serve-page.mjs';

const RATE = 300;
// TOKENS=… shortens the long reply for a quick check of the script itself.
const TOTAL = Number(process.env.TOKENS ?? 20_000);
const SHORT = 2_000;
// CONTENDERS=streamchat,streamchat-nocursor,streamchat-noblink,headless picks which run (default: the comparison).
const CONTENDERS = (process.env.CONTENDERS ?? 'streamchat,headless').split(',');

const { url, browser, close } = await servePage('chat-render', { title: 'StreamChat render benchmark', css: '#root { height: 100vh; }' });

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
  // Top-level tasks: one name or the other depending on the Chromium version, never both counted.
  const taskName = within.some((e) => e.name === 'ThreadControllerImpl::RunTask') ? 'ThreadControllerImpl::RunTask' : 'RunTask';
  const tasks = within.filter((e) => e.name === taskName);
  return {
    longTasks: tasks.filter((e) => (e.dur ?? 0) > 50_000).length,
    longestTaskMs: Math.max(0, ...tasks.map((e) => (e.dur ?? 0) / 1000)),
    layoutAndPaintMs: sum(['Layout', 'UpdateLayoutTree', 'PrePaint', 'Paint', 'Layerize', 'Commit']),
    layoutMs: sum(['Layout']),
    styleMs: sum(['UpdateLayoutTree']),
    paintMs: sum(['PrePaint', 'Paint', 'Layerize', 'Commit']),
    scriptMs: sum(['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EvaluateScript', 'RunMicrotasks']),
    mainThreadMs: sum([taskName]),
    wallMs: (to - from) / 1000,
  };
}

async function measure(contender) {
  const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  await page.goto(
    contender === 'streamchat-nocursor'
      ? `${url}?contender=streamchat&cursor=none`
      : contender === 'streamchat-noblink'
        ? `${url}?contender=streamchat&blink=false`
        : `${url}?contender=${contender}`,
  );
  const cdp = await page.context().newCDPSession(page);
  const composer = page.getByRole('textbox');
  const nextFrames = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
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
  await nextFrames();

  // 2. Realistic rate, whole replies, traced; 3. the heap around the long one.
  async function atRate(count, prompt) {
    await startReply(prompt);
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink.user_timing'] });
    const commits = await page.evaluate(
      async ([tokens, rate]) => {
        window.bench.startCounting();
        performance.mark('rate-begin');
        await window.bench.atRate(tokens, rate);
        window.bench.finish();
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        performance.mark('rate-end');
        window.bench.stopCounting();
        return window.bench.commits;
      },
      [replyTokens(count), RATE],
    );
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    await nextFrames();
    return { ...summarise(trace, 'rate-begin', 'rate-end'), commits };
  }
  const short = await atRate(SHORT, 'Resumen corto, por favor.');
  const heapBefore = await heapAfterGc(cdp);
  const long = await atRate(TOTAL, 'Otra vez, con detalle.');
  const retainedBytes = (await heapAfterGc(cdp)) - heapBefore;
  await page.close();
  return { fullSpeed, short, long, retainedBytes };
}

const results = {};
for (const contender of CONTENDERS) results[contender] = await measure(contender);
await close();

const round = (value) => Math.round(value * 10) / 10;
const mb = (bytes) => `${round(bytes / 1_048_576)} MB`;
const names = {
  streamchat: 'StreamChat',
  'streamchat-nocursor': 'StreamChat, no cursor',
  'streamchat-noblink': 'StreamChat, cursor not blinking', headless: 'useChatStream + plain text' };
for (const contender of CONTENDERS) {
  const { fullSpeed } = results[contender];
  console.log(
    `${names[contender]}, ${TOTAL.toLocaleString('en')}-token reply at full speed: ${round(fullSpeed.ms)} ms, ` +
      `${fullSpeed.commits} React commits over ${fullSpeed.frames} frames ` +
      `(${round(fullSpeed.commits / Math.max(1, fullSpeed.frames))} per frame), ` +
      `${fullSpeed.longTasks} long tasks > 50 ms (longest ${round(fullSpeed.longestTaskMs)} ms)`,
  );
}
console.log(`\nWhole replies at ${RATE} tokens/s (ms):`);
console.log('  contender                    tokens  main thread  script  layout+paint  (layout  style  paint)  commits  script/commit  long tasks (longest)');
for (const contender of CONTENDERS) {
  for (const [count, figures] of [
    [SHORT, results[contender].short],
    [TOTAL, results[contender].long],
  ]) {
    console.log(
      `  ${names[contender].padEnd(28)} ${String(count).padStart(6)}  ${String(round(figures.mainThreadMs)).padStart(11)}  ${String(round(figures.scriptMs)).padStart(6)}  ` +
        `${String(round(figures.layoutAndPaintMs)).padStart(12)}  (${round(figures.layoutMs)}  ${round(figures.styleMs)}  ${round(figures.paintMs)})  ` +
        `${String(figures.commits).padStart(7)}  ${String(round(figures.scriptMs / Math.max(1, figures.commits))).padStart(13)}  ${figures.longTasks} (${round(figures.longestTaskMs)})`,
    );
  }
}
const chat = results.streamchat;
const base = results.headless;
if (chat === undefined || base === undefined) process.exit(0);
console.log('\nStreamChat against the baseline:');
console.log(`  main thread, ${TOTAL.toLocaleString('en')} tokens: ${Math.round((chat.long.mainThreadMs / base.long.mainThreadMs) * 100) / 100}× (goal ≤ 0.3×)`);
for (const [contender, figures] of [['streamchat', chat], ['headless', base]]) {
  console.log(
    `  ${names[contender]}: layout+paint growth 20k÷2k ${round(figures.long.layoutAndPaintMs / Math.max(0.001, figures.short.layoutAndPaintMs))}× ` +
      `(main thread ${round(figures.long.mainThreadMs / Math.max(0.001, figures.short.mainThreadMs))}×), retained heap after the long reply ${mb(figures.retainedBytes)}`,
  );
}
console.log(`  retained heap, StreamChat − baseline: ${mb(chat.retainedBytes - base.retainedBytes)} (goal within 1 MB)`);
