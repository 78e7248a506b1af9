import { http, HttpResponse, type HttpHandler } from 'msw';
import { sseHandler, type ScriptedEvent } from '../../src/msw/index.js';
import { chunkEventsScript } from './chat-scenarios.js';

/**
 * Mocked servers of the recipe stories (metrics panel, markdown) and of the extra states
 * (Components/More states). Stories register them in `beforeEach` (`msw.use(...)`), a fresh
 * handler per view, so connection counters start over every time; every scenario has its own
 * URL, so stories on one docs page never answer each other's requests.
 */
export const recipeUrls = {
  /** A ticker feed that breaks twice and resumes with Last-Event-ID. */
  metricsFeed: '/api/recipes/metrics-feed',
  /** A markdown reply (lists, a code block, raw HTML, a `javascript:` link), streamed word by word. */
  markdown: '/api/recipes/markdown',
  /** The same reply, stalled in the middle of its code block (a half-received fence). */
  markdownHalfFence: '/api/recipes/markdown-half-fence',
  /** The same reply, stalled in the middle of a list item. */
  markdownHalfList: '/api/recipes/markdown-half-list',
} as const;

/** Events of the metrics ticker: how many, and after which ones the first two connections break. */
export const METRICS_FEED_EVENTS = 40;
export const METRICS_FEED_DROPS = 2;
const METRICS_DROP_AFTER = 12;

/**
 * Kitchen ticker updates with irregular gaps (a fixed pattern, not random, so every run plays the
 * same), ids 1…n, then `end`. The pattern has a slow tail so the p95 gap differs from the median.
 */
function tickerScript(): ScriptedEvent[] {
  const gaps = [60, 80, 70, 90, 60, 250, 75, 65, 85, 400];
  const events: ScriptedEvent[] = [];
  for (let i = 1; i <= METRICS_FEED_EVENTS; i++) {
    events.push({ id: String(i), event: 'tick', data: { order: `A-0${40 + (i % 7)}`, queue: 3 + (i % 5) }, delayMs: gaps[i % gaps.length] });
  }
  events.push({ id: 'end', event: 'end', data: { status: 'closed' } });
  return events;
}

/** The markdown reply: what a model answers about an order, with everything a renderer must handle. */
export const MARKDOWN_REPLY = [
  '**Tu pedido** en la Taquería El Trompo:',
  '- 3 tacos al pastor\n- 2 quesadillas de flor de calabaza\n- 1 agua de horchata',
  'Para seguirlo:',
  '1. Abre la página de [seguimiento](https://taqueria.example/pedidos/A-042)\n2. Espera el aviso *En camino*',
  '```ts\nconst feed = new EventSource("/api/orders/A-042");\nfeed.addEventListener("status", (event) => {\n  console.log(JSON.parse(event.data).step);\n});\n```',
  'Esto queda como texto: <script>window.__mdXss = 1</script> y <img src=x onerror="window.__mdXss = 2">.',
  'Y este [enlace peligroso](javascript:window.__mdXss=3) no se puede pulsar.',
].join('\n\n');

/**
 * How many entries of the markdown reply's script (the start event, then one chunk per word) to
 * play so the reply stops right after the chunk holding `word`: a stream cut mid-construct.
 */
function entriesThrough(word: string): number {
  const index = chunkEventsScript(MARKDOWN_REPLY).findIndex((entry) => JSON.stringify(entry.data).includes(word));
  if (index < 0) throw new Error(`"${word}" is not in the markdown reply`);
  return index + 1;
}

const post = { method: 'post' } as const;

/** Handlers of the Metrics panel story. */
export function metricsHandlers(): HttpHandler[] {
  return [
    sseHandler(recipeUrls.metricsFeed, tickerScript(), { dropAfter: METRICS_DROP_AFTER, dropConnections: METRICS_FEED_DROPS, delayMs: 80 }),
  ];
}

/** Handlers of the Markdown recipe stories. */
export function markdownHandlers(): HttpHandler[] {
  return [
    sseHandler(recipeUrls.markdown, chunkEventsScript(MARKDOWN_REPLY), { ...post, delayMs: 15 }),
    // Inside the fence: two lines of code, the second one unfinished, no closing fence yet.
    sseHandler(recipeUrls.markdownHalfFence, chunkEventsScript(MARKDOWN_REPLY), { ...post, delayMs: 10, stallAfter: entriesThrough('feed.addEventListener') }),
    // Inside the second list item: "- 2 quesadillas" and not the rest of its line.
    sseHandler(recipeUrls.markdownHalfList, chunkEventsScript(MARKDOWN_REPLY), { ...post, delayMs: 10, stallAfter: entriesThrough('quesadillas') }),
  ];
}

/** A request that fails at the network level, as when the browser is offline. */
export const networkDown = (path: string, method: 'get' | 'post' = 'get'): HttpHandler => http[method](path, () => HttpResponse.error());
