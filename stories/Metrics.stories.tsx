import { useState, type ComponentType } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import preview from '../.storybook/preview.js';
import { StreamChat, useChatStream, useSSEStream, type ChatMessage, type ChatTheme, type StreamChatViewProps } from '../src/index.js';
import { MetricsPanel, replyFigures, streamFigures, type MetricsPanelProps } from './components/MetricsPanel.js';
import { METRICS_FEED_DROPS, METRICS_FEED_EVENTS, metricsHandlers, recipeUrls } from './mocks/recipes.js';

/**
 * Live figures from the hooks, beside what they measure: a chat reply streaming in
 * (`useChatStream`: each assistant message's `metrics`) and an order ticker that drops twice and
 * resumes (`useSSEStream`: `metrics`). Nothing is computed here: the panels show what the hooks
 * report. Time to first byte, the p95 gap and reconnects are the transport's figures;
 * `useChatStream` reports time to first token and tokens per second per reply.
 */

/** The chat's cursor props, set by the Cursor and Blink toolbars. */
type CursorProps = Pick<StreamChatViewProps, 'cursor' | 'cursorBlink' | 'cursorBlinkMs'>;

/** Theme and locale for both panels, and the chat's cursor. */
interface DemoProps extends CursorProps {
  theme?: ChatTheme;
  locale?: string;
}

/** The reply the panel describes: the latest assistant message. */
function latestReply(messages: readonly ChatMessage[]): ChatMessage | undefined {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === 'assistant') return messages[i];
  return undefined;
}

function ChatWithMetrics({ theme, locale, ...cursor }: DemoProps) {
  const chat = useChatStream({ api: recipeUrls.metricsChat, retry: false });
  return (
    <div style={columnStyle}>
      <StreamChat {...cursor} chat={chat} theme={theme} locale={locale} />
      <MetricsPanel title="Reply metrics (useChatStream)" figures={replyFigures(latestReply(chat.messages)?.metrics)} theme={theme} locale={locale} />
    </div>
  );
}

function FeedWithMetrics({ theme, locale }: DemoProps) {
  const [received, setReceived] = useState(0);
  const feed = useSSEStream(recipeUrls.metricsFeed, {
    retry: { initialDelayMs: 150, maxDelayMs: 500 },
    onEvent: () => setReceived((count) => count + 1),
  });
  return (
    <div style={columnStyle}>
      <p>
        Kitchen ticker:{' '}
        <span data-sk-status-badge="" data-status={feed.status} data-testid="feed-status">
          {feed.status}
        </span>{' '}
        <span data-testid="feed-received">{received} updates received</span>
      </p>
      <MetricsPanel title="Feed metrics (useSSEStream)" figures={streamFigures(feed.metrics)} theme={theme} locale={locale} />
    </div>
  );
}

function MetricsDemo(props: DemoProps) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(20rem, 1fr))', gap: '1.5rem', alignItems: 'start' }}>
      <ChatWithMetrics {...props} />
      <FeedWithMetrics {...props} />
    </div>
  );
}

const meta = preview.meta({
  title: 'Recipes/Metrics panel',
  // The stories render the panel with figures of their own; the controls are its theme and locale.
  component: MetricsPanel as ComponentType<Partial<MetricsPanelProps & CursorProps>>,
  args: { theme: 'light', locale: 'en' },
  argTypes: {
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    locale: { control: 'inline-radio', options: ['en', 'es'] },
    // Only the live story has a chat (it shows them again): the toolbars reach it through these.
    cursor: { control: false, table: { disable: true } },
    cursorBlink: { control: 'boolean', table: { disable: true } },
    cursorBlinkMs: { control: 'number', table: { disable: true } },
  },
});
export default meta;

const LONG = { timeout: 15_000 };

const panel = (root: HTMLElement, name: RegExp) => within(root).getByRole('region', { name });
const figure = (region: HTMLElement, id: string) => region.querySelector<HTMLElement>(`[data-metric="${id}"] dd`)!;
const value = (region: HTMLElement, id: string) => figure(region, id).getAttribute('data-value') ?? '';
const isMeasured = (region: HTMLElement, id: string) => {
  const text = value(region, id);
  expect(text).not.toBe('');
  expect(Number(text)).toBeGreaterThanOrEqual(0);
};

/**
 * The panel alone, themed dark with the `--sk-*` tokens: figures not measured yet read as such.
 * (First in the file: the first story also pays for loading the file, which the live story below,
 * with its streams to wait for, is better without.)
 */
export const PanelDark = meta.story({
  args: { theme: 'dark' },
  render: (args) => (
    <MetricsPanel
      title="Feed metrics"
      theme={args.theme as ChatTheme}
      locale={args.locale}
      figures={streamFigures({ timeToFirstByteMs: 42, timeToFirstEventMs: null, events: 0, bytes: 0, eventsPerSecond: 0, gapP50Ms: null, gapP95Ms: null, reconnects: 0 })}
    />
  ),
  play: async ({ canvasElement }) => {
    const region = panel(canvasElement, /Feed metrics/);
    await expect(region).toHaveAttribute('data-sk-theme', 'dark');
    await expect(figure(region, 'ttfb')).toHaveTextContent('42 ms');
    await expect(figure(region, 'ttfe')).toHaveTextContent('not measured yet');
    await expect(within(region).getAllByRole('term')).toHaveLength(6);
  },
});

/**
 * Ask the chat something: time to first token and tokens per second fill in while the reply
 * streams. Beside it the ticker drops twice; its reconnects count up and its figures (time to
 * first byte of the latest attempt, the p95 gap) stay live.
 */
export const LiveMetrics = meta.story({
  argTypes: { cursor: { table: { disable: false } }, cursorBlink: { table: { disable: false } }, cursorBlinkMs: { table: { disable: false } } },
  render: ({ theme, locale, cursor, cursorBlink, cursorBlinkMs }) => (
    <MetricsDemo theme={theme} locale={locale} cursor={cursor} cursorBlink={cursorBlink} cursorBlinkMs={cursorBlinkMs} />
  ),
  beforeEach: ({ msw }) => {
    msw.use(...metricsHandlers());
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const replyPanel = panel(canvasElement, /Reply metrics/);
    const feedPanel = panel(canvasElement, /Feed metrics/);
    // Before anything is asked, the reply's figures say they are not measured yet.
    await expect(value(replyPanel, 'ttft')).toBe('');
    await expect(figure(replyPanel, 'ttft')).toHaveTextContent('not measured yet');

    await userEvent.type(canvas.getByRole('textbox'), '¿Y?{Enter}');
    // While the reply streams (seen in one check, so the end of the reply cannot slip in between):
    // a time to first token and a rate, no duration yet.
    const reply = () => canvasElement.querySelector('[data-sk-message][data-role="assistant"]');
    await waitFor(() => {
      expect(reply()).toHaveAttribute('data-status', 'streaming');
      isMeasured(replyPanel, 'ttft');
      isMeasured(replyPanel, 'tokens-per-second');
      expect(value(replyPanel, 'duration')).toBe('');
    }, LONG);
    await waitFor(() => expect(reply()).toHaveAttribute('data-status', 'done'), LONG);
    await waitFor(() => isMeasured(replyPanel, 'duration'), LONG);
    await expect(Number(value(replyPanel, 'deltas'))).toBeGreaterThan(20);

    // The ticker: two drops, every update received once, figures measured.
    await waitFor(() => expect(canvas.getByTestId('feed-status')).toHaveTextContent('closed'), LONG);
    await expect(value(feedPanel, 'reconnects')).toBe(String(METRICS_FEED_DROPS));
    await expect(canvas.getByTestId('feed-received')).toHaveTextContent(`${METRICS_FEED_EVENTS + 1} updates received`);
    isMeasured(feedPanel, 'ttfb');
    isMeasured(feedPanel, 'ttfe');
    isMeasured(feedPanel, 'gap-p95');
    isMeasured(feedPanel, 'events-per-second');
  },
});

const columnStyle = { display: 'grid', gap: '0.75rem', alignContent: 'start' } as const;
