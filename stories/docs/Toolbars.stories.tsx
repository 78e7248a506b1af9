import { expect, waitFor } from 'storybook/test';
import preview from '../../.storybook/preview.js';
import { BRAND_THEME } from '../../.storybook/toolbars.js';
import { SSEInspector } from '../components/SSEInspector.js';
import { LiveDemo } from './LiveDemo.js';
import { docsUrls, FEED_EVENTS } from './mocks.js';

/**
 * What the toolbars do, one story per effect. Each story fixes a toolbar value with `globals`
 * (the toolbar shows it locked), and its play function checks the effect is visible: the network
 * menu changes how every mocked server answers, the theme menu every component's `theme`, the
 * cursor menus StreamChat's cursor. A story that sets a prop itself keeps it.
 */
const meta = preview.meta({
  title: 'Showroom/Toolbars',
  component: LiveDemo,
  tags: ['!autodocs'],
  args: { api: docsUrls.toolbarChat, theme: 'light', cursor: 'block', cursorBlink: true, cursorBlinkMs: 1000 },
  argTypes: {
    api: { control: false },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'system'] },
    cursor: { control: 'select', options: ['block', 'bar', 'dot', 'underscore', '🌮'] },
    cursorBlink: { control: 'boolean' },
    cursorBlinkMs: { control: { type: 'range', min: 200, max: 2000, step: 100 } },
  },
});
export default meta;

const LONG = { timeout: 10_000 };
const root = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-sk-root][data-sk-theme]')!;
const testId = (canvasElement: HTMLElement, id: string) => canvasElement.querySelector(`[data-testid="${id}"]`);
const eventIds = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll('[data-testid="events"] li')].map((item) => item.getAttribute('data-event-id'));
const ALL_IDS = FEED_EVENTS.map((event) => event.id);

/** Theme menu on dark: the component's root says so, and its colours are the dark ones. */
export const DarkTheme = meta.story({
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await expect(root(canvasElement)).toHaveAttribute('data-sk-theme', 'dark');
    await expect(getComputedStyle(root(canvasElement)).colorScheme).toBe('dark');
    await expect(getComputedStyle(root(canvasElement)).backgroundColor).toBe('rgb(13, 17, 23)');
  },
});

/** Theme menu on the custom brand: its tokens become the root's `--sk-*` variables. */
export const BrandTheme = meta.story({
  globals: { theme: 'brand' },
  play: async ({ canvasElement }) => {
    const style = getComputedStyle(root(canvasElement));
    await expect(style.getPropertyValue('--sk-accent')).toBe((BRAND_THEME as { accent: string }).accent);
    await expect(style.getPropertyValue('--sk-radius')).toBe('1rem');
  },
});

/** Cursor menu on 🌮 and Blink on steady: the streaming reply (held open by its server) ends in a taco that holds still. */
export const TacoCursor = meta.story({
  globals: { cursor: 'taco', cursorBlink: 'steady' },
  play: async ({ canvasElement }) => {
    const cursor = await waitFor(() => {
      const element = canvasElement.querySelector('[data-sk-cursor]');
      expect(element).not.toBeNull();
      return element!;
    }, LONG);
    await expect(cursor).toHaveTextContent('🌮');
    await expect(cursor).toHaveAttribute('data-blink', 'false');
  },
});

/** A story that sets `theme` itself keeps it, whatever the theme menu says. */
export const StoryThemeWins = meta.story({
  args: { theme: 'dark' },
  globals: { theme: 'brand' },
  play: async ({ canvasElement }) => {
    await expect(root(canvasElement)).toHaveAttribute('data-sk-theme', 'dark');
    await expect(getComputedStyle(root(canvasElement)).getPropertyValue('--sk-accent')).not.toBe((BRAND_THEME as { accent: string }).accent);
  },
});

/**
 * Network menu on slow (3G-like): the first byte comes late (the kit adds 1.5 s before it) and
 * the bytes arrive in small pieces; the feed still completes. The inspector's time to first byte
 * shows the wait.
 */
export const SlowNetwork = meta.story({
  globals: { network: 'slow' },
  render: () => <SSEInspector url={docsUrls.feedSlow} title="Live order feed (slow network)" />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(testId(canvasElement, 'status')).toHaveTextContent('closed'), LONG);
    await expect(eventIds(canvasElement)).toEqual(ALL_IDS);
    const ttfb = [...canvasElement.querySelectorAll('dt')].find((term) => term.textContent === 'Time to first byte')?.nextElementSibling;
    await expect(Number.parseInt(ttfb?.textContent ?? '', 10)).toBeGreaterThanOrEqual(1_500);
  },
});

/**
 * Network menu on offline: the request fails at once and the page is offline, so the hook waits
 * in `reconnecting` (no retry is spent while offline; one goes out on `online`).
 */
export const OfflineNetwork = meta.story({
  globals: { network: 'offline' },
  render: () => <SSEInspector url={docsUrls.feedOffline} title="Live order feed (offline)" />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(testId(canvasElement, 'status')).toHaveTextContent('reconnecting'), LONG);
    await expect(testId(canvasElement, 'error')).toHaveAttribute('data-kind', 'network');
    await expect(testId(canvasElement, 'event-count')).toHaveTextContent('0');
    await expect(navigator.onLine).toBe(false);
  },
});

/** Network menu on flaky: the first connection drops after a few events, the hook resumes with Last-Event-ID and loses nothing. */
export const FlakyNetwork = meta.story({
  globals: { network: 'flaky' },
  render: () => <SSEInspector url={docsUrls.feedFlaky} title="Live order feed (flaky network)" retry={{ initialDelayMs: 200, maxDelayMs: 1_000 }} />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(testId(canvasElement, 'status')).toHaveTextContent('closed'), LONG);
    await expect(Number(testId(canvasElement, 'reconnects')?.textContent)).toBeGreaterThanOrEqual(1);
    await expect(eventIds(canvasElement)).toEqual(ALL_IDS);
  },
});

/**
 * Network menu on buffering proxy: nothing arrives until the server finishes, then every event
 * at once. The list is watched from the start: it never shows a partial feed.
 */
export const BufferingProxy = meta.story({
  globals: { network: 'buffering' },
  render: () => <SSEInspector url={docsUrls.feedBuffering} title="Live order feed (behind a buffering proxy)" />,
  play: async ({ canvasElement }) => {
    const list = testId(canvasElement, 'events')!;
    const lengths: number[] = [list.children.length];
    const observer = new MutationObserver(() => lengths.push(list.children.length));
    observer.observe(list, { childList: true });
    await waitFor(() => expect(testId(canvasElement, 'status')).toHaveTextContent('closed'), LONG);
    observer.disconnect();
    await expect(eventIds(canvasElement)).toEqual(ALL_IDS);
    await expect(lengths.filter((length) => length > 0 && length < ALL_IDS.length)).toEqual([]);
  },
});
