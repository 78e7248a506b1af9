import type { ComponentType } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import preview from '../.storybook/preview.js';
import { TaqueriaDemo, type TaqueriaDemoProps } from './components/TaqueriaDemo.js';
import { SAMPLE_ORDER, taqueriaBackend, type TaqueriaBackend } from './mocks/taqueria.js';

/** Renders so far: each gets its own backend at its own URLs. */
let renders = 0;

interface Loaded {
  backend: TaqueriaBackend;
}

/**
 * The taquería, live: a customer orders by chat, the assistant streams its reply with its tool
 * steps and places the order, the order moves through the kitchen in a LiveOrderTracker (estimate,
 * courier, delivery), and the kitchen's notifications toast and land in the bell: the order's
 * updates and a promotion broadcast to every customer. One mocked backend serves it all, fresh for
 * each render (`stories/mocks/taqueria.ts`): the chat places the order in its kitchen, and the order
 * feed and the notification feed follow that order's timeline, 35 minutes played in about 3.5 seconds.
 *
 * The play functions order as a customer would (typing in the chat) and wait for what a customer
 * would see: the reply, the order delivered, the toasts, the unread count. Axe checks the end state.
 */
const meta = preview.meta({
  title: 'Demo/Taquería',
  // `base` comes from the render's backend (below), never from args.
  component: TaqueriaDemo as ComponentType<Partial<TaqueriaDemoProps>>,
  args: { locale: 'es', theme: 'light' },
  argTypes: {
    base: { table: { disable: true } },
    orderClock: { table: { disable: true } },
    locale: { control: 'inline-radio', options: ['es', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'system'] },
    // The chat's cursor, from the Cursor and Blink toolbars.
    cursor: { control: false },
    cursorBlink: { control: 'boolean' },
    cursorBlinkMs: { control: 'number' },
  },
  // A new kitchen for every render, at URLs of its own: no order or notification survives a
  // reload, and the demos on the docs page (the first story appears there twice) never share a
  // kitchen. Loaders run before beforeEach, which registers the handlers and closes the kitchen
  // when the story is torn down; a change in Controls re-renders with the same kitchen.
  loaders: [(): Loaded => ({ backend: taqueriaBackend({ base: `/api/taqueria/${++renders}` }) })],
  beforeEach: ({ msw, loaded }) => {
    const { backend } = loaded as Loaded;
    msw.use(...backend.handlers);
    return () => backend.close();
  },
  render: (args, { loaded }) => {
    const { backend } = loaded as Loaded;
    return <TaqueriaDemo {...args} base={backend.base} orderClock={backend.clockFor} />;
  },
});
export default meta;

// Under the story test's own 15 s limit, so a wait that fails says what it was waiting for.
const LONG = { timeout: 10_000 };

/** What a customer sees, in each language. */
const EXPECT = {
  es: {
    tools: ['analizar_pedido', 'verificar_ingredientes', 'calcular_precios', 'crear_pedido'],
    reply: 'Listo: 3 tacos al pastor y 2 quesadillas, $142.00 en total. Tu pedido A-101 ya está en la cocina',
    eta: /^Llega /,
    courier: /^Luis /,
    delivered: /^Entregado a las /,
    orderToast: 'Pedido A-101',
    promotion: '2x1 en tacos al pastor',
    bell: 'Notificaciones, 2 sin leer',
    deliveredRow: 'Entregado. ¡Buen provecho!',
  },
  en: {
    tools: ['analyze_order', 'check_ingredients', 'calculate_prices', 'place_order'],
    reply: 'Done: 3 al pastor tacos and 2 quesadillas, MX$142.00 in total. Order A-101 is in the kitchen',
    eta: /^Arrives /,
    courier: /^Luis /,
    delivered: /^Delivered at /,
    orderToast: 'Order A-101',
    promotion: '2-for-1 al pastor tacos',
    bell: 'Notifications, 2 unread',
    deliveredRow: 'Delivered. Enjoy!',
  },
} as const;

/**
 * Every distinct text a part of the page showed from now on (`selector` inside `root`). The
 * kitchen plays in seconds, so the play function checks the whole history once the order is
 * over rather than racing each moment.
 */
function recordTexts(root: HTMLElement, selector: string): Set<string> {
  const seen = new Set<string>();
  const read = () => root.querySelectorAll(selector).forEach((node) => seen.add(node.textContent ?? ''));
  new MutationObserver(read).observe(root, { childList: true, characterData: true, subtree: true });
  return seen;
}

const tracker = (root: HTMLElement) => root.querySelector<HTMLElement>('[data-sk-order-tracker]');

/**
 * The whole order, followed to the door: written in the chat's message box and sent with Enter,
 * or sent with the empty chat's suggestion button.
 */
function orderFlow(locale: 'es' | 'en', send: 'type' | 'suggestion', cursorText?: string) {
  const want = EXPECT[locale];
  return async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const canvas = within(canvasElement);
    const cursors = recordTexts(canvasElement, '[data-sk-cursor]');
    const toasts = recordTexts(canvasElement, '[data-sk-toast-title]');
    const eta = recordTexts(canvasElement, '[data-sk-order-summary] [data-sk-eta]');
    const courier = recordTexts(canvasElement, '[data-sk-order-summary] [data-item="courier"] dd');

    if (send === 'type') {
      // Pasted in one go rather than typed key by key: the test pays for the kitchen, not for 40 keystrokes.
      await userEvent.click(canvas.getByRole('textbox'));
      await userEvent.paste(SAMPLE_ORDER[locale]);
      await userEvent.keyboard('{Enter}');
    } else {
      await userEvent.click(canvas.getByRole('button', { name: SAMPLE_ORDER[locale] }));
    }

    // The reply: its four tool steps, each done, then the order placed and priced.
    const reply = () => canvasElement.querySelector<HTMLElement>('[data-sk-message][data-role="assistant"]');
    await waitFor(() => expect(reply()).toHaveAttribute('data-status', 'done'), LONG);
    const steps = [...reply()!.querySelectorAll('[data-sk-tool]')];
    await expect(steps.map((step) => step.querySelector('[data-sk-tool-name]')?.textContent)).toEqual(want.tools);
    await expect(steps.map((step) => step.getAttribute('data-state'))).toEqual(want.tools.map(() => 'output-available'));
    await expect(reply()).toHaveTextContent(want.reply);
    // The reply streamed in behind the cursor the toolbar chose.
    if (cursorText !== undefined) await expect([...cursors]).toContain(cursorText);

    // The order the assistant placed, live: estimate, courier, delivered.
    await waitFor(() => expect(tracker(canvasElement)).toHaveAttribute('data-status', 'delivered'), LONG);
    await expect(canvasElement.querySelector('[data-sk-order-status]')).toHaveTextContent(want.delivered);
    await expect([...eta].some((text) => want.eta.test(text))).toBe(true);
    await expect([...courier].some((text) => want.courier.test(text))).toBe(true);
    // Played in seconds, told in the order's own time: received to delivered is its 35 minutes,
    // and no time was taken for server clock skew.
    const stepTime = (step: string) =>
      Date.parse(canvasElement.querySelector(`[data-sk-order-step][data-step="${step}"] time`)?.getAttribute('datetime') ?? '');
    await expect(stepTime('delivered') - stepTime('received')).toBe(35 * 60_000);
    await expect(canvasElement.querySelector('[data-sk-order-note]')).toBeNull();

    // The notifications: toasted as they came, and in the centre — one order (updated in place) and the promotion.
    await waitFor(() => expect(canvas.getByRole('button', { name: want.bell })).toBeInTheDocument(), LONG);
    await expect([...toasts]).toEqual(expect.arrayContaining([want.orderToast, want.promotion]));
    await userEvent.click(canvas.getByRole('button', { name: want.bell }));
    const rows = () => [...canvasElement.querySelectorAll<HTMLElement>('[data-sk-notification]')];
    await waitFor(() => expect(rows().some((row) => row.textContent?.includes(want.deliveredRow))).toBe(true), LONG);
    await expect(rows()).toHaveLength(2);
    await expect(rows().some((row) => row.textContent?.includes(want.promotion))).toBe(true);
  };
}

/**
 * Your turn: nothing scripted. Order whatever you like from the menu (al pastor or suadero tacos,
 * quesadillas, horchata; guacamole is sold out today, and the ingredients check says so), in
 * Spanish or English, and watch it arrive. The play function only checks the page before the first
 * message.
 */
export const PideTu = meta.story({
  name: 'Pide tú',
  args: { locale: 'es' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: SAMPLE_ORDER.es })).toBeInTheDocument();
    await expect(canvasElement.querySelector('[data-taqueria-no-order]')).toBeInTheDocument();
    await expect(tracker(canvasElement)).toBeNull();
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Notificaciones, ninguna sin leer' })).toBeInTheDocument(), LONG);
  },
});

/** En español: «Quiero 3 tacos al pastor y 2 quesadillas», escrito en el chat. */
export const Espanol = meta.story({
  name: 'Español',
  args: { locale: 'es' },
  play: orderFlow('es', 'type'),
});

/**
 * In English, in the dark: "I'd like 3 al pastor tacos and 2 quesadillas", sent with the
 * suggestion button. The Cursor toolbar is on 🌮 here, and the chat's reply streams in behind one.
 */
export const English = meta.story({
  args: { locale: 'en', theme: 'dark' },
  globals: { cursor: 'taco' },
  play: orderFlow('en', 'suggestion', '🌮'),
});

/**
 * Sold out: the customer asks for guacamole, the ingredients check finds no avocado, and the
 * assistant says so. No order is placed: no tracker, nothing in the bell.
 */
export const SinAguacate = meta.story({
  name: 'Sin aguacate',
  args: { locale: 'es' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('textbox'));
    await userEvent.paste('Una orden de guacamole, por favor');
    await userEvent.keyboard('{Enter}');
    const reply = () => canvasElement.querySelector<HTMLElement>('[data-sk-message][data-role="assistant"]');
    await waitFor(() => expect(reply()).toHaveAttribute('data-status', 'done'), LONG);
    await expect(reply()).toHaveTextContent('Lo siento: hoy no hay aguacate, así que no puedo preparar 1 orden de guacamole.');
    const steps = [...reply()!.querySelectorAll('[data-sk-tool]')];
    await expect(steps.map((step) => step.querySelector('[data-sk-tool-name]')?.textContent)).toEqual(['analizar_pedido', 'verificar_ingredientes']);
    await expect(steps[1]!.querySelector('[data-sk-tool-io]:last-child')).toHaveTextContent('"aguacate": "agotado"');
    await expect(tracker(canvasElement)).toBeNull();
    await expect(canvasElement.querySelector('[data-taqueria-no-order]')).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: 'Notificaciones, ninguna sin leer' })).toBeInTheDocument();
  },
});

/**
 * Over a flaky network (the toolbar's "flaky": every other connection to a URL drops after a few
 * events): the reply breaks off, the customer presses Retry, and the kitchen hands back the same
 * order (the message's id is its idempotency key), so there is one order, one tracker, one order
 * notification. The tracker's own feed drops too, says it is reconnecting, and resumes.
 */
export const ConexionInestable = meta.story({
  name: 'Conexión inestable',
  globals: { network: 'flaky' },
  args: { locale: 'es' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const badge = recordTexts(canvasElement, '[data-sk-order-badge]');
    await userEvent.click(canvas.getByRole('button', { name: SAMPLE_ORDER.es }));
    await userEvent.click(await canvas.findByRole('button', { name: 'Reintentar' }, LONG));
    await expect(tracker(canvasElement)).toBeNull();
    const reply = () => canvasElement.querySelector<HTMLElement>('[data-sk-message][data-role="assistant"]');
    await waitFor(() => expect(reply()).toHaveAttribute('data-status', 'done'), LONG);
    await expect(reply()).toHaveTextContent('Tu pedido A-101 ya está en la cocina');
    await waitFor(() => expect(tracker(canvasElement)).toHaveAttribute('data-status', 'delivered'), LONG);
    await expect([...badge].some((text) => text.startsWith('Reconectando'))).toBe(true);
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Notificaciones, 2 sin leer' })).toBeInTheDocument(), LONG);
  },
});
