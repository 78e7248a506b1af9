/**
 * Parse + dispatch throughput of react-streamkit's SSE path against raw eventsource-parser.
 * Not a test: run `npx tsc -p tsconfig.build.json` first, then `npx node bench/sse-throughput.mjs`.
 *
 * All three contenders get the same ~50 MB of bytes, already cut into 64 KiB "network reads",
 * and must turn them into events (UTF-8 decode included: raw eventsource-parser is fed through
 * a streaming TextDecoder, as any real consumer of bytes must):
 *   1. raw        — TextDecoder + eventsource-parser;
 *   2. decoder    — our SSEDecoder (decode, BOM rule, id/retry, event objects);
 *   3. client     — the whole SSEClient, fed through a custom `fetch` whose Response body is an
 *                   in-memory ReadableStream (status, timers, metrics, listeners included).
 * All three hand each event to the same consumer work (count it, keep its data), and the last
 * data must be the final `[DONE]`.
 * Each contender runs once to warm up, then RUNS rounds; each round runs every contender once,
 * in an order rotated from round to round (no contender always follows the same one); the median
 * of each contender's RUNS times is reported.
 */
import { createParser } from 'eventsource-parser';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const distClient = new URL('../dist/core/transport/sse-client.js', import.meta.url);
if (!existsSync(fileURLToPath(distClient))) {
  console.error('dist/ is missing: build first with `npx tsc -p tsconfig.build.json`.');
  process.exit(1);
}
const { SSEClient } = await import(distClient.href);
const { SSEDecoder } = await import(new URL('../dist/core/transport/sse-events.js', import.meta.url).href);

const TARGET_BYTES = 50 * 1024 * 1024;
const READ_BYTES = 64 * 1024;
// 5, not 3: on a shared machine single runs swing by ±10 %, and a median of 5 swings less.
// No forced GC between runs: it discards optimized code (the contenders' closures die with it),
// so each run would re-optimize the parser instead of measuring the steady state.
const RUNS = Number(process.env.RUNS ?? 5);

// ---- input: LLM-like deltas, order updates with ids, multi-line data, comments, non-ASCII ----
function generate() {
  const texts = ['Hola', ' mundo', '¡Pedido entregado! 🌮', ' the quick brown fox', ' café ñandú', ' 日本語', ' 🚀'];
  const parts = [];
  let size = 0;
  let n = 0;
  const encoder = new TextEncoder();
  while (size < TARGET_BYTES) {
    n++;
    let block;
    switch (n % 10) {
      case 0:
        block = `: keep-alive\n\n`;
        break;
      case 1:
        block = `id: ${n}\nevent: order.updated\ndata: {"id":${n},"status":"out_for_delivery","eta":"12:30"}\n\n`;
        break;
      case 2:
        block = `data: {"choices":[{"delta":{"content":"line one"}}]}\ndata: {"more":"line two"}\n\n`;
        break;
      default:
        block = `data: {"delta":${JSON.stringify(texts[n % texts.length])}}\n\n`;
    }
    const bytes = encoder.encode(block);
    parts.push(bytes);
    size += bytes.byteLength;
  }
  const end = encoder.encode('data: [DONE]\n\n');
  parts.push(end);
  size += end.byteLength;
  const all = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.byteLength;
  }
  const reads = [];
  for (let at = 0; at < all.byteLength; at += READ_BYTES) reads.push(all.subarray(at, at + READ_BYTES));
  return { bytes: all.byteLength, reads };
}

// Hoisted, as SSEDecoder does: a literal would allocate an options object per read.
const STREAMING = { stream: true };

function raw(reads) {
  let events = 0;
  let last = '';
  const decoder = new TextDecoder('utf-8');
  const parser = createParser({
    onEvent(message) {
      events++;
      last = message.data;
    },
  });
  for (const read of reads) parser.feed(decoder.decode(read, STREAMING));
  parser.feed(decoder.decode());
  if (last !== '[DONE]') throw new Error('raw: lost the end');
  return events;
}

function ours(reads) {
  let events = 0;
  let last = '';
  const decoder = new SSEDecoder({
    onEvent(event) {
      events++;
      last = event.data;
    },
    onId() {},
    onRetry() {},
  });
  for (const read of reads) decoder.push(read);
  decoder.end();
  if (last !== '[DONE]') throw new Error('decoder: lost the end');
  return events;
}

function client(reads) {
  return new Promise((resolve, reject) => {
    let events = 0;
    let last = '';
    const fetch = async () => {
      let index = 0;
      const body = new ReadableStream({
        pull(controller) {
          if (index < reads.length) controller.enqueue(reads[index++]);
          else controller.close();
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    };
    const sse = new SSEClient({
      url: 'http://bench.invalid/stream',
      fetch,
      retry: false,
      onEvent(event) {
        events++;
        last = event.data;
      },
      onError: (error) => reject(error),
    });
    sse.subscribe(() => {
      const { status } = sse.getSnapshot();
      if (status !== 'closed') return;
      if (last !== '[DONE]') reject(new Error('client: lost the end'));
      else resolve(events);
    });
    sse.start();
  });
}

async function time(fn, reads) {
  const started = performance.now();
  const events = await fn(reads);
  return { ms: performance.now() - started, events };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const { bytes, reads } = generate();
const contenders = { raw, decoder: ours, client };
const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
const counts = {};
for (const [name, fn] of Object.entries(contenders)) counts[name] = (await time(fn, reads)).events; // warm-up
if (new Set(Object.values(counts)).size !== 1) throw new Error(`event counts differ: ${JSON.stringify(counts)}`);
const order = Object.keys(contenders);
for (let run = 0; run < RUNS; run++) {
  // Rotated, so no contender always runs right after the same other one.
  for (let i = 0; i < order.length; i++) {
    const name = order[(run + i) % order.length];
    samples[name].push((await time(contenders[name], reads)).ms);
  }
}

const mb = bytes / (1024 * 1024);
const events = counts.raw;
console.log(`input: ${mb.toFixed(1)} MiB, ${events.toLocaleString('en')} events, ${reads.length} reads of ${READ_BYTES / 1024} KiB; median of ${RUNS} runs`);
console.log(`node ${process.version}`);
const rawMs = median(samples.raw);
for (const name of Object.keys(contenders)) {
  const ms = median(samples[name]);
  const ratio = ((rawMs / ms) * 100).toFixed(1); // throughput ratio: raw time over ours
  console.log(
    `${name.padEnd(8)} ${(mb / (ms / 1000)).toFixed(1).padStart(7)} MiB/s ${Math.round(events / (ms / 1000)).toLocaleString('en').padStart(12)} events/s ${ms.toFixed(0).padStart(6)} ms  ${ratio.padStart(6)} % of raw`,
  );
}
