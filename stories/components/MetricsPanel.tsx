import { useId, useMemo } from 'react';
import { themeAttributes, type ChatTheme, type MessageMetrics, type StreamMetrics } from '../../src/index.js';

/** One figure of a {@link MetricsPanel}: a name, a value (`null` until measured) and its unit. */
export interface MetricFigure {
  /** Stable id, written to `data-metric` (for tests and your CSS). */
  id: string;
  /** What the figure is, as the term of the `<dl>`. */
  label: string;
  /** The figure, or `null` while nothing has been measured yet. */
  value: number | null;
  /** `ms` for durations, `/s` for rates, none for counts. */
  unit?: 'ms' | '/s' | undefined;
}

/** Props of {@link MetricsPanel}. */
export interface MetricsPanelProps {
  /** The panel's heading (also its accessible name). */
  title: string;
  figures: readonly MetricFigure[];
  /** `'light'` (default), `'dark'`, `'system'`, or `--sk-*` tokens, as the components' `theme`. */
  theme?: ChatTheme;
  /** Locale of the number formats. */
  locale?: string;
  /** Heading level of the title. Default 3. */
  headingLevel?: 2 | 3 | 4;
}

/**
 * A live figures panel: a titled `<dl>` of metrics, themed with the `--sk-*` variables (it is a
 * `data-sk-root`, so the stylesheet's scheme and tokens apply). Not a live region: the figures
 * change every frame while a stream flows, which would be noise read aloud; the values are there
 * for whoever reads the panel.
 */
export function MetricsPanel({ title, figures, theme, locale, headingLevel = 3 }: MetricsPanelProps) {
  const headingId = useId();
  const { scheme, style } = useMemo(() => themeAttributes(theme), [theme]);
  const Heading = `h${headingLevel}` as const;
  return (
    <section data-sk-root="" data-sk-theme={scheme} data-sk-metrics-panel="" aria-labelledby={headingId} style={{ ...panelStyle, ...style }}>
      <Heading id={headingId} style={headingStyle}>
        {title}
      </Heading>
      <dl style={listStyle}>
        {figures.map((figure) => (
          <div key={figure.id} data-metric={figure.id} style={rowStyle}>
            <dt style={termStyle}>{figure.label}</dt>
            <dd data-value={figure.value === null ? '' : String(figure.value)} style={valueStyle}>
              {figure.value === null ? (
                <>
                  <span aria-hidden="true">—</span>
                  <span data-sk-visually-hidden="">not measured yet</span>
                </>
              ) : (
                formatFigure(figure, locale)
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function formatFigure({ value, unit }: MetricFigure, locale: string | undefined): string {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: unit === '/s' ? 1 : 0 }).format(value ?? 0);
  return unit === undefined ? number : unit === 'ms' ? `${number} ms` : `${number}/s`;
}

/**
 * A transport's figures (`useSSEStream(...).metrics`, `useSocketStream(...).metrics`): time to
 * first byte and to first event of the latest attempt, event rate, the p95 gap between events,
 * and reconnects.
 */
export function streamFigures(metrics: StreamMetrics): MetricFigure[] {
  return [
    { id: 'ttfb', label: 'Time to first byte', value: metrics.timeToFirstByteMs, unit: 'ms' },
    { id: 'ttfe', label: 'Time to first event', value: metrics.timeToFirstEventMs, unit: 'ms' },
    { id: 'events-per-second', label: 'Events per second', value: metrics.events > 1 ? metrics.eventsPerSecond : null, unit: '/s' },
    { id: 'gap-p95', label: 'Gap between events, p95', value: metrics.gapP95Ms, unit: 'ms' },
    { id: 'events', label: 'Events', value: metrics.events },
    { id: 'reconnects', label: 'Reconnects', value: metrics.reconnects },
  ];
}

/**
 * A chat reply's figures (`message.metrics` of an assistant message from `useChatStream`): time
 * to first token, tokens per second (text and reasoning deltas: a delta is what the server sent
 * in one event, often one token), deltas and duration.
 */
export function replyFigures(metrics: MessageMetrics | undefined): MetricFigure[] {
  return [
    { id: 'ttft', label: 'Time to first token', value: metrics?.timeToFirstTokenMs ?? null, unit: 'ms' },
    { id: 'tokens-per-second', label: 'Tokens per second', value: metrics?.tokensPerSecond ?? null, unit: '/s' },
    { id: 'deltas', label: 'Deltas received', value: metrics?.deltas ?? null },
    { id: 'duration', label: 'Reply duration', value: metrics?.durationMs ?? null, unit: 'ms' },
  ];
}

const panelStyle = {
  border: '1px solid var(--sk-border)',
  borderRadius: 'var(--sk-radius)',
  padding: 'calc(var(--sk-gap) * 1.5)',
  minWidth: '16rem',
} as const;
const headingStyle = { margin: '0 0 var(--sk-gap)', fontSize: '1rem' } as const;
const listStyle = { margin: 0, display: 'grid', gap: 'calc(var(--sk-gap) / 2)' } as const;
const rowStyle = { display: 'flex', justifyContent: 'space-between', gap: 'var(--sk-gap)' } as const;
const termStyle = { color: 'var(--sk-muted)' } as const;
const valueStyle = { margin: 0, fontVariantNumeric: 'tabular-nums', fontFamily: 'var(--sk-font-mono, ui-monospace, monospace)' } as const;
