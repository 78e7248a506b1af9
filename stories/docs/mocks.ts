import type { RequestHandler } from 'msw';
import { sseHandler, type ScriptedEvent } from '../../src/msw/index.js';

/**
 * The mocked endpoints of the landing page and the showroom stories. Each story has its own URL:
 * a docs page renders many stories against one worker, and the network toolbar counts
 * connections per URL.
 */
export const docsUrls = {
  /** The landing page's mini-demo: a short reply, word by word, resumable (its events carry ids). */
  demo: '/api/docs/demo-chat',
  /** The toolbar stories' chat: a few words, then the reply holds open, so its cursor stays on screen. */
  toolbarChat: '/api/docs/toolbar-chat',
  /** The live order feed of the network toolbar stories, one URL per story. */
  feedSlow: '/api/docs/feed-slow',
  feedOffline: '/api/docs/feed-offline',
  feedFlaky: '/api/docs/feed-flaky',
  feedBuffering: '/api/docs/feed-buffering',
} as const;

/** What the mini-demo asks. */
export const DEMO_QUESTION = 'Quiero 3 tacos al pastor, please!';

/** What the mini-demo's assistant answers. */
export const DEMO_REPLY =
  '¡Claro! Three tacos al pastor coming up: pineapple, onion, cilantro and salsa verde. ' +
  'Your order is in the kitchen now, and every step will stream to this page as it happens. 🌮';

/** `text` as the generic wire format (`data: {"content"}` per word, then `[DONE]`), with ids so a dropped reply resumes. */
function genericReply(text: string): ScriptedEvent[] {
  const words = text.match(/\S+\s*/g) ?? [];
  return [...words.map((content, index): ScriptedEvent => ({ id: String(index + 1), data: { content } })), { data: '[DONE]' }];
}

/** A taquería order moving through its steps, then `end`. */
export const FEED_EVENTS: ScriptedEvent[] = [
  { id: '1', event: 'status', data: { step: 'received', text: 'Pedido recibido' } },
  { id: '2', event: 'status', data: { step: 'preparing', text: 'Preparando 3 tacos al pastor' } },
  { id: '3', event: 'status', data: { step: 'ready', text: 'Listo para recoger' } },
  { id: '4', event: 'status', data: { step: 'on_the_way', text: 'En camino con Luis' } },
  { id: '5', event: 'status', data: { step: 'delivered', text: 'Entregado' } },
  { id: '6', event: 'end', data: { status: 'completed' } },
];

const feed = (url: string) => sseHandler(url, FEED_EVENTS, { delayMs: 150 });

export const docsHandlers: RequestHandler[] = [
  sseHandler(docsUrls.demo, genericReply(DEMO_REPLY), { method: 'post', delayMs: 60 }),
  sseHandler(docsUrls.toolbarChat, genericReply(DEMO_REPLY), { method: 'post', delayMs: 60, stallAfter: 6 }),
  feed(docsUrls.feedSlow),
  feed(docsUrls.feedOffline),
  feed(docsUrls.feedFlaky),
  feed(docsUrls.feedBuffering),
];
