import { useMemo, type ComponentType } from 'react';
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test';
import preview from '../.storybook/preview.js';
import { LiveOrderTracker, type LiveOrderTrackerProps } from '../src/components/order/LiveOrderTracker.js';
import { OrderDashboard } from '../src/components/order/OrderDashboard.js';
import { OrderTrackerView } from '../src/components/order/OrderTrackerView.js';
import { useOrderReplay } from '../src/hooks/useOrderReplay.js';
import { orderEvents } from '../src/msw/order.js';
import { DASHBOARD_ORDERS, ORDER_SPEED, orderUrls } from './mocks/order-scenarios.js';

/**
 * `<LiveOrderTracker>` on mocked order servers (MSW, one SSE URL per scenario): seed 000's
 * taquería order, its minutes compressed into seconds. Play functions check what the tracker
 * shows and announces; axe checks every story.
 */
const meta = preview.meta({
  title: 'Components/LiveOrderTracker',
  // Storybook's story types resolve to `never` for the required `orderId` beside the root's
  // `data-*` index signature; every story gets `orderId` from these args.
  component: LiveOrderTracker as ComponentType<Partial<LiveOrderTrackerProps>>,
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 560 }}>
        <Story />
      </div>
    ),
  ],
  args: {
    orderId: 'pedido-1',
    url: orderUrls.happy,
    locale: 'es',
    theme: 'light',
    variant: 'full',
    tickMs: 1000,
  },
  argTypes: {
    url: { control: 'select', options: Object.values(orderUrls) },
    locale: { control: 'inline-radio', options: ['en', 'es'] },
    theme: {
      control: 'select',
      options: ['light', 'dark', 'system', 'custom tokens'],
      mapping: { 'custom tokens': { base: 'dark', accent: '#ff8a3d', focusRing: '#ff8a3d', radius: '1rem' } },
    },
    variant: { control: 'inline-radio', options: ['full', 'compact'] },
  },
});
export default meta;

const LONG = { timeout: 15_000 };
const polite = (root: HTMLElement) => root.querySelector('[data-sk-order-announcer=""]')!;
const assertive = (root: HTMLElement) => root.querySelector('[data-sk-order-announcer="assertive"]')!;
const tracker = (root: HTMLElement) => root.querySelector<HTMLElement>('[data-sk-order-tracker]')!;
const currentStep = (root: HTMLElement) => root.querySelector('[data-sk-order-step][aria-current="step"]');

/**
 * Every text written to the polite region from now on: the scenarios play in seconds, so the
 * play function checks the whole list once the order is over rather than racing each moment.
 */
function recordAnnouncements(root: HTMLElement): string[] {
  const region = polite(root);
  const writes: string[] = [];
  new MutationObserver(() => writes.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
  return writes;
}

/** The whole order, received to delivered: steps, the courier's bar, then "Entregado". */
export const HappyFlow = meta.story({
  args: { url: orderUrls.happy },
  play: async ({ canvasElement }) => {
    const said = recordAnnouncements(canvasElement);
    await waitFor(() => expect(currentStep(canvasElement)).toBeInTheDocument(), LONG);
    await waitFor(() => expect(within(canvasElement).getByRole('progressbar', { name: 'Progreso de la ruta' })).toBeInTheDocument(), LONG);
    await waitFor(() => expect(tracker(canvasElement)).toHaveAttribute('data-status', 'delivered'), LONG);
    const steps = within(canvasElement).getByRole('list', { name: 'Progreso del pedido' });
    await expect(steps.querySelectorAll('[data-state="upcoming"], [data-state="skipped"]')).toHaveLength(0);
    await expect(said).toContain('Preparando');
    await expect(said).toContain('En camino');
    await expect(said.at(-1)).toMatch(/^Entregado a las /);
    // Position ticks are never announced: every write is a step (or the estimate).
    await expect(said.filter((text) => /%|trayecto/.test(text))).toEqual([]);
  },
});

/** A delay with its reason, then the estimate revised: "Was …, now …: heavy traffic". */
export const DelayWithEtaRevision = meta.story({
  // The scenario's minutes are compressed, its estimates too: a 5-minute change is this many ms.
  args: { url: orderUrls.delay, locale: 'en', significantEtaChangeMs: (5 * 60_000) / ORDER_SPEED },
  play: async ({ canvasElement }) => {
    const said = recordAnnouncements(canvasElement);
    await waitFor(() => expect(canvasElement.querySelector('[data-sk-order-status]')).toHaveTextContent(/delayed: Mucho tráfico/), LONG);
    await waitFor(() => expect(canvasElement.querySelector('[data-sk-eta-revision]')).toHaveTextContent(/^Was .+, now .+: (heavy traffic|road closed on Insurgentes)$/), LONG);
    await waitFor(() => expect(tracker(canvasElement)).toHaveAttribute('data-status', 'delivered'), LONG);
    await expect(said.some((text) => /New estimate: Arrives .+\. heavy traffic/.test(text))).toBe(true);
    await expect(said.some((text) => /New estimate: Arrives .+\. road closed on Insurgentes/.test(text))).toBe(true);
  },
});

/** Cancelled while preparing: announced assertively, with its reason. */
export const Cancellation = meta.story({
  args: { url: orderUrls.cancellation },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(assertive(canvasElement)).toHaveTextContent('Pedido cancelado: Se acabaron las tortillas'), LONG);
    await expect(assertive(canvasElement)).toHaveAttribute('role', 'alert');
    await expect(tracker(canvasElement)).toHaveAttribute('data-status', 'cancelled');
  },
});

/** Luis has a flat tyre; Ana takes over and the estimate moves. */
export const CourierReassigned = meta.story({
  args: { url: orderUrls.reassigned },
  play: async ({ canvasElement }) => {
    const said = recordAnnouncements(canvasElement);
    await waitFor(() => expect(canvasElement.querySelector('[data-sk-order-courier]')).toHaveAttribute('data-reassigned', 'true'), LONG);
    await waitFor(() => expect(said.some((text) => text.includes('Nuevo repartidor: Ana (antes Luis). Luis had a flat tyre'))).toBe(true), LONG);
  },
});

/** The connection breaks mid-order: "Reconectando, datos de las …", then live again, nothing lost. */
export const Reconnect = meta.story({
  args: { url: orderUrls.reconnect },
  play: async ({ canvasElement }) => {
    const badge = () => canvasElement.querySelector('[data-sk-order-badge]');
    await waitFor(() => expect(badge()).toHaveAttribute('data-state', 'reconnecting'), LONG);
    await expect(badge()).toHaveTextContent(/Reconectando/);
    await waitFor(() => expect(badge()).toHaveAttribute('data-state', 'live'), LONG);
    // The resumed stream carries on where the first one broke (after "Courier assigned").
    await waitFor(() => expect(tracker(canvasElement)).toHaveAttribute('data-step', expect.stringMatching(/^(on-the-way|delivered)$/)), LONG);
    const done = [...canvasElement.querySelectorAll('[data-sk-order-step]')].filter((step) => step.getAttribute('data-state') === 'done');
    await expect(done.map((step) => step.getAttribute('data-step')).slice(0, 4)).toEqual(['received', 'preparing', 'ready', 'courier-assigned']);
  },
});

/** Seed 000's own wire shape (`{ pedidoId, tipo, mensaje, timestamp }`), compact, in the dark. */
export const SeedWireCompactDark = meta.story({
  args: { url: orderUrls.seed, variant: 'compact', theme: 'dark' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(tracker(canvasElement)).toHaveAttribute('data-status', 'delivered'), LONG);
    await expect(tracker(canvasElement)).toHaveAttribute('data-variant', 'compact');
  },
});

/** 100 orders, one compact row each, all on one SSE connection. */
export const Dashboard = meta.story({
  render: (args) => (
    <OrderDashboard
      aria-label="Pedidos de hoy"
      url={orderUrls.dashboard}
      orderIds={Array.from({ length: DASHBOARD_ORDERS }, (_, i) => `pedido-${i + 1}`)}
      locale={args.locale}
      theme={args.theme}
    />
  ),
  play: async ({ canvasElement }) => {
    const rows = () => canvasElement.querySelectorAll('[data-sk-order-tracker][data-variant="compact"]');
    await expect(rows()).toHaveLength(DASHBOARD_ORDERS);
    await waitFor(() => expect(canvasElement.querySelectorAll('[data-sk-order-tracker][data-status="in-progress"]').length).toBeGreaterThan(3), LONG);
    await expect(canvasElement.querySelectorAll('[data-sk-announcer]')).toHaveLength(0);
  },
});

function ReplayPlayer({ locale }: { locale: string | undefined }) {
  const events = useMemo(() => orderEvents('courier-reassigned', { orderId: 'pedido-7' }), []);
  const replay = useOrderReplay(events, { speed: 120 });
  const label = locale === 'en' ? { play: 'Play', pause: 'Pause', position: 'Position' } : { play: 'Reproducir', pause: 'Pausa', position: 'Posición' };
  return (
    <div style={{ display: 'grid', gap: '0.5rem' }}>
      <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
        <button type="button" onClick={replay.playing ? replay.pause : replay.play}>
          {replay.playing ? label.pause : label.play}
        </button>
        <label>
          {label.position}{' '}
          <input
            type="range"
            min={0}
            max={replay.duration}
            step={1000}
            value={replay.position}
            onChange={(event) => replay.seek(Number(event.currentTarget.value))}
          />
        </label>
        <output data-testid="applied">{replay.applied}</output>
      </div>
      <OrderTrackerView state={replay.state} locale={locale} />
    </div>
  );
}

/** A recorded order replayed with player controls: play, pause, seek. */
export const ReplayControls = meta.story({
  render: (args) => <ReplayPlayer locale={args.locale} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const slider = canvas.getByRole('slider', { name: 'Posición' }) as HTMLInputElement;
    // Seek to the end: the order is delivered; back to the start: only the first event applies.
    fireEvent.change(slider, { target: { value: slider.max } });
    await waitFor(() => expect(tracker(canvasElement)).toHaveAttribute('data-status', 'delivered'), LONG);
    fireEvent.change(slider, { target: { value: '0' } });
    await waitFor(() => expect(tracker(canvasElement)).toHaveAttribute('data-status', 'in-progress'), LONG);
    await userEvent.click(canvas.getByRole('button', { name: 'Reproducir' }));
    await waitFor(() => expect(Number(canvas.getByTestId('applied').textContent)).toBeGreaterThan(1), LONG);
    await userEvent.click(canvas.getByRole('button', { name: 'Pausa' }));
  },
});
