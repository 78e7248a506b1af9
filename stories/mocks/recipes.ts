import { http, HttpResponse, type HttpHandler } from 'msw';
import { sseHandler, sseResponse, type ScriptedEvent } from '../../src/msw/index.js';
import { chunkEventsScript, SLOW_REPLY } from './chat-scenarios.js';

/**
 * Mocked servers of the recipe stories (metrics panel, markdown) and of the extra states
 * (Components/More states). Stories register them in `beforeEach` (`msw.use(...)`), a fresh
 * handler per view, so connection counters start over every time; every scenario has its own
 * URL, so stories on one docs page never answer each other's requests.
 */
export const recipeUrls = {
  /** A short chat reply, one word every 15 ms, with a 1 s pause halfway. */
  metricsChat: '/api/recipes/metrics-chat',
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
export const METRICS_FEED_EVENTS = 30;
export const METRICS_FEED_DROPS = 2;
const METRICS_DROP_AFTER = 9;

/**
 * Kitchen ticker updates with irregular gaps (a fixed pattern, not random, so every run plays the
 * same), ids 1…n, then `end`. The pattern has a slow tail so the p95 gap differs from the median.
 */
function tickerScript(): ScriptedEvent[] {
  const gaps = [30, 40, 35, 45, 30, 150, 35, 30, 40, 250];
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

/** The metrics story's reply: the slow chat reply's first two paragraphs (35 words). */
const METRICS_REPLY = SLOW_REPLY.split('\n\n').slice(0, 2).join('\n\n');

/**
 * The script with a pause of `pauseMs` halfway (a model thinking mid-reply): the reply is seen
 * streaming, with its first figures, for at least that long however loaded the machine is.
 */
function pausedMidway(script: ScriptedEvent[], pauseMs: number): ScriptedEvent[] {
  const middle = Math.floor(script.length / 2);
  return script.map((entry, index) => (index === middle ? { ...entry, delayMs: pauseMs } : entry));
}

/** Handlers of the Metrics panel story. */
export function metricsHandlers(): HttpHandler[] {
  return [
    sseHandler(recipeUrls.metricsChat, pausedMidway(chunkEventsScript(METRICS_REPLY), 1_000), { ...post, delayMs: 15 }),
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

/** URLs of the Components/More states stories. */
export const stateUrls = {
  chatOffline: '/api/states/chat-offline',
  orderConnecting: '/api/states/order-connecting',
  orderOffline: '/api/states/order-offline',
  orderStale: '/api/states/order-stale',
  orderLate: '/api/states/order-late',
  orderPositionStale: '/api/states/order-position-stale',
  notificationsQuiet: '/api/states/notifications-quiet',
  notificationsRefused: '/api/states/notifications-401',
  sseRetryAfter: '/api/states/sse-retry-after',
  sseTooLarge: '/api/states/sse-too-large',
  socketFeed: 'wss://kitchen.streamkit.test/states-feed',
  socketSilent: 'wss://kitchen.streamkit.test/states-silent',
} as const;

/**
 * An order feed that breaks after three events, then answers 503 with `Retry-After: 1` once,
 * then resumes after the last id: the `reconnecting` state lasts at least that second, whatever
 * the backoff's jitter draws.
 */
export function retryAfterFeedHandler(path: string, events: readonly ScriptedEvent[]): HttpHandler {
  let connection = 0;
  return http.get(path, ({ request }) => {
    connection++;
    if (connection === 2) {
      return new HttpResponse('{"error":"busy"}', { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '1' } });
    }
    const lastEventId = request.headers.get('last-event-id') ?? '';
    const rest = events.slice(events.findIndex((entry) => entry.id === lastEventId) + 1);
    return sseResponse(rest, connection === 1 ? { delayMs: 150, dropAfter: 3 } : { delayMs: 150 }, request.signal);
  });
}

/** An event stream that opens and then sends nothing, keeping the connection open. */
export const quietStream = (path: string): HttpHandler => sseHandler(path, [], { stallAfter: 0 });

/**
 * One event of `size` characters, arriving in 256-byte pieces (as over a real network), so the
 * client's buffer grows past a small `maxEventSize` before the event ends.
 */
export const oversizedEventHandler = (path: string, size: number): HttpHandler =>
  sseHandler(path, [{ id: '1', event: 'status', data: 'x'.repeat(size) }], { stallAfter: 1, chunkBytes: 256 });

/** A JSON error answer with `status` (e.g. 401: the credentials were refused). */
export const refused = (path: string, status: number): HttpHandler =>
  http.get(path, () => HttpResponse.json({ error: `status ${status}` }, { status }));
