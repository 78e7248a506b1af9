import { http, HttpResponse, type RequestHandler } from 'msw';
import type { Clock } from '../../src/core/index.js';
import { llamaindexProtocol, type OrderEvent, type ProtocolAdapter } from '../../src/index.js';
import {
  chatResponse,
  encodeEvent,
  getNetworkConditions,
  onNetworkConditionsChange,
  orderEvents,
  presetEvents,
  sseResponse,
  toWire,
  type ChatReplyInit,
  type ChatReplyToolCall,
  type PresetFormat,
  type ScriptedEvent,
} from '../../src/msw/index.js';
import { ORDER_SPEED } from './order-scenarios.js';

/**
 * The taquería demo's backend, in memory: one kitchen behind three endpoints, as a real
 * taquería's server would be.
 *
 * - `POST {base}/chat` — the assistant. It reads the order out of the customer's message, runs its
 *   tools (analyse the order, check the ingredients, work out the prices, place the order), places
 *   the order in the kitchen and streams its reply in {@link CHAT_FORMAT} (the kit's protocol
 *   preset). The `crear_pedido` / `place_order` tool's result carries the new order's `orderId`.
 * - `GET {base}/orders/:orderId/events` — that order's timeline as SSE (the kit's order events in
 *   the English wire shape), each event at its time, resuming after `Last-Event-ID`.
 * - `GET {base}/notifications` — the notification feed as SSE: the customer's order updates (one
 *   notification per order, updated in place) and a broadcast promotion, published when the order's
 *   timeline reaches them. It is a live log: a connection gets what it has not seen, then follows.
 *
 * The order's timeline is the only clock: the tracker and the notifications follow the same events.
 * Replies and notifications are in the customer's language (`locale` in the chat request's body).
 */

/**
 * How much faster than life the kitchen runs: the order stories' pace, a 35-minute order in about
 * 3.5 s — each step and the courier's ride still visible, and a story test that waits for the
 * delivery stays well inside its time limit. The order's times keep their real length (see
 * {@link kitchenClock}); the chat reply and the tools run at life's pace.
 */
export const TAQUERIA_SPEED = ORDER_SPEED;

/** Wait between the words of a reply, ms: a brisk model. */
const WORD_MS = 30;

/**
 * The assistant's wire format: LlamaIndex agent events (`AgentStream`, `ToolCall`,
 * `ToolCallResult`, `StopEvent`), as the taquería's agent in seed 000 streams them, made by the
 * kit's protocol preset.
 */
export const CHAT_FORMAT = 'llamaindex' satisfies PresetFormat;
/** The adapter that reads {@link CHAT_FORMAT}: the demo names it, so nothing is detected or loaded on demand. */
export const CHAT_PROTOCOL: ProtocolAdapter = llamaindexProtocol;

/** The client the order updates are addressed to (the notification centre subscribes as it). */
export const TAQUERIA_CLIENT = 'cliente-carmen';

/** The demo's sample order, as the customer types it. */
export const SAMPLE_ORDER = {
  es: 'Quiero 3 tacos al pastor y 2 quesadillas',
  en: "I'd like 3 al pastor tacos and 2 quesadillas",
} as const;

/** The languages the kitchen speaks. */
export type TaqueriaLocale = keyof typeof SAMPLE_ORDER;

/** The endpoints of one backend. */
export interface TaqueriaUrls {
  chat: string;
  notifications: string;
  /** The SSE timeline of one order. */
  orderEvents(orderId: string): string;
}

/** One backend: its MSW handlers, its URLs, and `close()` to stop its kitchen and end its streams. */
export interface TaqueriaBackend {
  /** The path its endpoints live under (`TaqueriaDemo`'s `base`). */
  base: string;
  urls: TaqueriaUrls;
  handlers: RequestHandler[];
  /** The clock an order's times are told by ({@link kitchenClock}); undefined for an order it never placed. */
  clockFor(orderId: string): KitchenClock | undefined;
  close(): void;
}

/** A {@link Clock} in kitchen time, and the real time a kitchen time comes at. */
export interface KitchenClock extends Clock {
  toReal(kitchenTime: number): number;
}

/**
 * The clock of one order: real time until the order is placed at `placedAt`, then its timeline
 * (`span` of kitchen time) plays `speed` times faster, then real time again, `span` ahead less
 * the seconds it took. The order's events, estimates and notifications carry kitchen times, so a
 * tracker told by this clock reads a 35-minute order as one ("arrives around 10:05 PM", "3 min
 * ago") although it plays in seconds, and reads "delivered 1 min ago" a minute after it ends.
 */
export function kitchenClock(placedAt: number, span: number, speed: number): KitchenClock {
  const fastFor = span / speed;
  const toKitchen = (real: number) => {
    const elapsed = real - placedAt;
    if (elapsed <= 0) return real;
    const fast = Math.min(elapsed, fastFor);
    return placedAt + fast * speed + (elapsed - fast);
  };
  const toReal = (kitchenTime: number) => {
    const ahead = kitchenTime - placedAt;
    if (ahead <= 0) return kitchenTime;
    return ahead <= span ? placedAt + ahead / speed : placedAt + fastFor + (ahead - span);
  };
  return {
    now: () => toKitchen(Date.now()),
    // A wait in kitchen time ends when its kitchen time comes, in real time.
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, Math.max(0, toReal(toKitchen(Date.now()) + ms) - Date.now())),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    toReal,
  };
}

/** Options of {@link taqueriaBackend}. */
export interface TaqueriaBackendOptions {
  /** Path the endpoints live under, e.g. `/api/taqueria/1`: one per backend, as stories on a docs page share one worker. */
  base: string;
  /** Default {@link TAQUERIA_SPEED}. */
  speed?: number;
}

/** The URLs of a backend at `base`: the story component and the handlers agree on them here. */
export function taqueriaUrls(base: string): TaqueriaUrls {
  return {
    chat: `${base}/chat`,
    notifications: `${base}/notifications`,
    orderEvents: (orderId) => `${base}/orders/${encodeURIComponent(orderId)}/events`,
  };
}

// ---- the menu and reading an order ------------------------------------------------------------

interface MenuItem {
  id: string;
  /** Pesos per unit. */
  price: number;
  /** The name as written in an order (accents removed, lower case), after an optional count. */
  pattern: string;
  names: Record<TaqueriaLocale, [one: string, other: string]>;
  ingredients: Record<TaqueriaLocale, string[]>;
  /** Out today: the ingredients check reports it and it is left out of the order. */
  soldOut?: true;
}

const MENU: MenuItem[] = [
  {
    id: 'pastor',
    price: 22,
    pattern: 'tacos?\\s+(?:al|de)\\s+pastor|(?:al\\s+)?pastor\\s+tacos?',
    names: { es: ['taco al pastor', 'tacos al pastor'], en: ['al pastor taco', 'al pastor tacos'] },
    ingredients: { es: ['tortilla de maíz', 'cerdo al pastor', 'piña'], en: ['corn tortilla', 'al pastor pork', 'pineapple'] },
  },
  {
    id: 'suadero',
    price: 24,
    pattern: 'tacos?\\s+de\\s+suadero|suadero\\s+tacos?',
    names: { es: ['taco de suadero', 'tacos de suadero'], en: ['suadero taco', 'suadero tacos'] },
    ingredients: { es: ['tortilla de maíz', 'suadero'], en: ['corn tortilla', 'suadero beef'] },
  },
  {
    id: 'quesadilla',
    price: 38,
    pattern: 'quesadillas?',
    names: { es: ['quesadilla', 'quesadillas'], en: ['quesadilla', 'quesadillas'] },
    ingredients: { es: ['tortilla de maíz', 'queso Oaxaca'], en: ['corn tortilla', 'Oaxaca cheese'] },
  },
  {
    id: 'horchata',
    price: 30,
    pattern: '(?:aguas?\\s+de\\s+)?horchatas?',
    names: { es: ['agua de horchata', 'aguas de horchata'], en: ['horchata', 'horchatas'] },
    ingredients: { es: ['arroz', 'canela'], en: ['rice', 'cinnamon'] },
  },
  {
    id: 'guacamole',
    price: 45,
    pattern: '(?:ordenes?\\s+de\\s+|sides?\\s+of\\s+)?guacamoles?',
    names: { es: ['orden de guacamole', 'órdenes de guacamole'], en: ['side of guacamole', 'sides of guacamole'] },
    ingredients: { es: ['aguacate'], en: ['avocado'] },
    soldOut: true,
  },
];

const NUMBER_WORDS: Record<string, number> = {
  un: 1, una: 1, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10,
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};
const COUNT = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
const ITEM_PATTERNS = MENU.map((item) => ({ item, pattern: new RegExp(`(?:\\b${COUNT}\\s+)?\\b(?:${item.pattern})\\b`, 'g') }));

/** One line of an order. */
interface Line {
  item: MenuItem;
  quantity: number;
}

/** The menu items a message asks for, in the order written (a count before the name, else 1). */
function readLines(message: string): Line[] {
  const text = message.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  const found: (Line & { at: number })[] = [];
  for (const { item, pattern } of ITEM_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const count = match[1];
      const quantity = count === undefined ? 1 : (NUMBER_WORDS[count] ?? Number(count));
      if (quantity > 0) found.push({ item, quantity, at: match.index });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ item, quantity }) => ({ item, quantity }));
}

// ---- words ------------------------------------------------------------------------------------

const name = (line: Line, locale: TaqueriaLocale) => `${line.quantity} ${line.item.names[locale][line.quantity === 1 ? 0 : 1]}`;
const listOf = (lines: readonly Line[], locale: TaqueriaLocale) =>
  new Intl.ListFormat(locale, { type: 'conjunction' }).format(lines.map((line) => name(line, locale)));
const money = (pesos: number, locale: TaqueriaLocale) =>
  new Intl.NumberFormat(locale === 'es' ? 'es-MX' : 'en-US', { style: 'currency', currency: 'MXN' }).format(pesos);

const WORDS = {
  es: {
    placed: (list: string, total: string, id: string) =>
      `Listo: ${list}, ${total} en total. Tu pedido ${id} ya está en la cocina: síguelo aquí en vivo; te aviso en cada paso. 🌮`,
    soldOutWord: 'agotado',
    soldOut: (list: string) => ` Hoy no hay aguacate, así que ${list} se queda fuera.`,
    nothingLeft: (list: string) => `Lo siento: hoy no hay aguacate, así que no puedo preparar ${list}. ¿Te traigo otra cosa?`,
    notUnderstood: `No encontré nada del menú en tu mensaje. Prueba con «${SAMPLE_ORDER.es}». Hoy hay tacos al pastor y de suadero, quesadillas y agua de horchata.`,
    tools: { read: 'analizar_pedido', check: 'verificar_ingredientes', price: 'calcular_precios', place: 'crear_pedido' },
    orderTitle: (id: string) => `Pedido ${id}`,
    received: (list: string) => `Recibimos tu pedido: ${list}.`,
    preparing: 'Tu pedido se está preparando.',
    onTheWay: (courier: string) => `${courier} va en camino con tu pedido.`,
    delivered: 'Entregado. ¡Buen provecho!',
    track: 'Seguir pedido',
    promotion: { title: '2x1 en tacos al pastor', body: 'Solo hoy, de 18:00 a 20:00.', action: 'Ver menú' },
  },
  en: {
    placed: (list: string, total: string, id: string) =>
      `Done: ${list}, ${total} in total. Order ${id} is in the kitchen: follow it live here; I'll notify you at every step. 🌮`,
    soldOutWord: 'sold out',
    soldOut: (list: string) => ` We are out of avocado today, so the ${list} is left out.`,
    nothingLeft: (list: string) => `Sorry: we are out of avocado today, so I can't make ${list}. Would you like something else?`,
    notUnderstood: `I couldn't find anything from the menu in your message. Try “${SAMPLE_ORDER.en}”. Today we have al pastor and suadero tacos, quesadillas and horchata.`,
    tools: { read: 'analyze_order', check: 'check_ingredients', price: 'calculate_prices', place: 'place_order' },
    orderTitle: (id: string) => `Order ${id}`,
    received: (list: string) => `We received your order: ${list}.`,
    preparing: 'Your order is being prepared.',
    onTheWay: (courier: string) => `${courier} is on the way with your order.`,
    delivered: 'Delivered. Enjoy!',
    track: 'Track order',
    promotion: { title: '2-for-1 al pastor tacos', body: 'Today only, 6 to 8 pm.', action: 'See the menu' },
  },
} satisfies Record<TaqueriaLocale, unknown>;

// ---- the live notification log ----------------------------------------------------------------

const encoder = new TextEncoder();

/**
 * An append-only log served as SSE like a server's event log: ids are positions, a connection
 * gets every entry after its `Last-Event-ID` and then each new one as it is appended.
 *
 * Of the kit's network conditions it plays `offline` (new connections fail, open ones drop, as
 * the kit's scripted streams do); the others shape a script's pacing and bytes, and this stream
 * has no script.
 */
function liveLog() {
  const entries: ScriptedEvent[] = [];
  const followers = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const end = (how: (follower: ReadableStreamDefaultController<Uint8Array>) => void) => {
    for (const follower of followers) {
      try {
        how(follower);
      } catch {
        // already closed
      }
    }
    followers.clear();
  };
  const stopWatching = onNetworkConditionsChange((conditions) => {
    if (conditions === 'offline') end((follower) => follower.error(new TypeError('Connection reset (offline).')));
  });
  const send = (controller: ReadableStreamDefaultController<Uint8Array>, entry: ScriptedEvent) => {
    try {
      controller.enqueue(encoder.encode(encodeEvent(entry)));
    } catch {
      followers.delete(controller); // the reader went away
    }
  };
  return {
    append(data: Record<string, unknown>) {
      const entry: ScriptedEvent = { id: String(entries.length + 1), data };
      entries.push(entry);
      for (const follower of [...followers]) send(follower, entry);
    },
    handler(path: string): RequestHandler {
      return http.get(path, ({ request }) => {
        if (getNetworkConditions() === 'offline') return Response.error();
        const seen = Number(request.headers.get('last-event-id')) || 0;
        let self: ReadableStreamDefaultController<Uint8Array> | undefined;
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            self = controller;
            for (const entry of entries.slice(seen)) send(controller, entry);
            followers.add(controller);
          },
          cancel() {
            if (self !== undefined) followers.delete(self);
          },
        });
        request.signal.addEventListener('abort', () => self !== undefined && followers.delete(self), { once: true });
        return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' } });
      });
    },
    close() {
      stopWatching();
      end((follower) => follower.close());
    },
  };
}

// ---- the kitchen ------------------------------------------------------------------------------

interface PlacedOrder {
  id: string;
  /** The order's whole timeline, in kitchen time, fixed when it is placed. */
  events: OrderEvent[];
  clock: KitchenClock;
}

/**
 * The events of `order` after `lastEventId`, each to be sent when its kitchen time comes: the
 * ones already due at once, the rest later (so a tracker that connects late, or reconnects, sees
 * the order where the kitchen is, not replayed from its start).
 */
function dueFrom(order: PlacedOrder, lastEventId: string, now: number): ScriptedEvent[] {
  const after = order.events.findIndex((event) => event.id === lastEventId);
  let previous = now;
  return order.events.slice(after + 1).map((event) => {
    const at = Math.max(previous, order.clock.toReal(event.at));
    const entry: ScriptedEvent = { id: event.id, data: toWire(event), delayMs: at - previous };
    previous = at;
    return entry;
  });
}

/** How long a script takes to play: each entry's own wait, or one word's. */
const playTime = (entries: readonly ScriptedEvent[]) => entries.reduce((sum, entry) => sum + (entry.delayMs ?? WORD_MS), 0);

/** Creates the taquería's backend at `options.base`. Call `close()` when the story ends. */
export function taqueriaBackend(options: TaqueriaBackendOptions): TaqueriaBackend {
  const { base, speed = TAQUERIA_SPEED } = options;
  const urls = taqueriaUrls(base);
  const orders = new Map<string, PlacedOrder>();
  /** Orders by the customer message that placed them: the idempotency key of a retry or a regenerate. */
  const placedFor = new Map<string, string>();
  const notifications = liveLog();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let nextNumber = 101;
  let promoted = false;

  const at = (time: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, Math.max(0, time - Date.now()));
    timers.add(timer);
  };

  /** Publishes the notifications an order's timeline carries, each when its event happens. */
  function notifyAlong(order: PlacedOrder, lines: readonly Line[], locale: TaqueriaLocale) {
    const say = WORDS[locale];
    const update = (event: OrderEvent, body: string, importance = 'normal') =>
      at(order.clock.toReal(event.at), () =>
        notifications.append({
          id: `order-${order.id}`,
          type: 'order',
          importance,
          title: say.orderTitle(order.id),
          body,
          target: TAQUERIA_CLIENT,
          createdAt: event.at,
          actions: [{ label: say.track, id: `track:${order.id}` }],
        }),
      );
    let courier = '';
    for (const event of order.events) {
      if (event.type === 'courier') courier = event.courier.name ?? courier;
      if (event.type !== 'step') continue;
      if (event.step === 'received') update(event, say.received(listOf(lines, locale)));
      if (event.step === 'preparing') update(event, say.preparing);
      if (event.step === 'on-the-way') update(event, say.onTheWay(courier));
      if (event.step === 'delivered') update(event, say.delivered, 'high');
      // Once per kitchen, to every client: the promotion goes out while the first order is ready.
      if (event.step === 'ready' && !promoted) {
        promoted = true;
        at(order.clock.toReal(event.at), () =>
          notifications.append({
            id: 'promo-2x1-pastor',
            type: 'promotion',
            importance: 'normal',
            title: say.promotion.title,
            body: say.promotion.body,
            target: 'broadcast',
            createdAt: event.at,
            actions: [{ label: say.promotion.action, href: 'https://taqueria.example/menu' }],
          }),
        );
      }
    }
  }

  /**
   * The assistant's reply to `message` (its tool runs, then its answer), placing the order it
   * reads. `key` is the customer message's id: the same message again (Retry after a dropped
   * reply, Regenerate) gets the same order back instead of a second one in the kitchen.
   */
  function converse(message: string, locale: TaqueriaLocale, key: string | undefined): ChatReplyInit {
    const say = WORDS[locale];
    const lines = readLines(message);
    const items = (list: readonly Line[]) => list.map((line) => ({ item: line.item.id, quantity: line.quantity }));
    const read: ChatReplyToolCall = { name: say.tools.read, input: { message }, output: { items: items(lines) }, delayMs: 400 };
    if (lines.length === 0) return { text: say.notUnderstood, toolCalls: [read] };

    const available = lines.filter((line) => line.item.soldOut !== true);
    const soldOut = lines.filter((line) => line.item.soldOut === true);
    const stock = lines.flatMap((line) => line.item.ingredients[locale].map((ingredient) => [ingredient, line.item.soldOut ? say.soldOutWord : 'ok']));
    const check: ChatReplyToolCall = { name: say.tools.check, input: { items: lines.map((line) => line.item.id) }, output: Object.fromEntries(stock), delayMs: 450 };
    if (available.length === 0) return { text: say.nothingLeft(listOf(soldOut, locale)), toolCalls: [read, check] };

    const total = available.reduce((sum, line) => sum + line.quantity * line.item.price, 0);
    const prices = available.map((line) => ({ item: line.item.id, quantity: line.quantity, unit: line.item.price }));
    const price: ChatReplyToolCall = { name: say.tools.price, input: { items: items(available) }, output: { lines: prices, total, currency: 'MXN' }, delayMs: 350 };
    const placed = key === undefined ? undefined : placedFor.get(key);
    const id = placed ?? `A-${nextNumber++}`;
    const place: ChatReplyToolCall = { name: say.tools.place, input: { items: items(available), total }, output: { orderId: id, status: 'received' }, delayMs: 250 };
    const toolCalls = [read, check, price, place];
    // The kitchen receives the order when the reply's stream gets to the order placed (the tools
    // run before the answer), so the first "received" notification follows the reply, not the request.
    if (placed === undefined) {
      const placedAt = Date.now() + playTime(presetEvents(CHAT_FORMAT, { text: '', toolCalls }));
      // The timeline in kitchen time (life's pace); its clock plays it `speed` times faster.
      const events = orderEvents('happy', { orderId: id, start: placedAt });
      const order: PlacedOrder = { id, events, clock: kitchenClock(placedAt, events.at(-1)!.at - placedAt, speed) };
      orders.set(id, order);
      if (key !== undefined) placedFor.set(key, id);
      notifyAlong(order, available, locale);
    }
    const text = say.placed(listOf(available, locale), money(total, locale), id) + (soldOut.length > 0 ? say.soldOut(listOf(soldOut, locale)) : '');
    return { text, toolCalls };
  }

  const handlers: RequestHandler[] = [
    http.post(urls.chat, async ({ request }) => {
      // useChatStream's default body: the last customer message, the history (with ids), and ours.
      const body = (await request.json().catch(() => ({}))) as { message?: unknown; messages?: unknown; locale?: unknown };
      const locale: TaqueriaLocale = body.locale === 'en' ? 'en' : 'es';
      const history = Array.isArray(body.messages) ? (body.messages as { id?: unknown; role?: unknown }[]) : [];
      const asked = history.findLast((entry) => entry.role === 'user')?.id;
      const reply = converse(typeof body.message === 'string' ? body.message : '', locale, typeof asked === 'string' ? asked : undefined);
      return chatResponse(CHAT_FORMAT, reply, { delayMs: WORD_MS }, request.signal);
    }),
    http.get(`${base}/orders/:orderId/events`, ({ request, params }) => {
      const order = orders.get(String(params['orderId']));
      if (order === undefined) return new HttpResponse(null, { status: 404 });
      const entries = dueFrom(order, request.headers.get('last-event-id') ?? '', Date.now());
      // After the last event the connection stays open, quiet, like a server's: an order feed has no end event.
      return sseResponse(entries, { stallAfter: entries.length }, request);
    }),
    notifications.handler(urls.notifications),
  ];

  return {
    base,
    urls,
    handlers,
    clockFor: (orderId) => orders.get(orderId)?.clock,
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      notifications.close();
    },
  };
}
