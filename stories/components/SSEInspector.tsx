import { useState } from 'react';
import { useSSEStream, type SSEEvent, type UseSSEStreamOptions } from '../../src/index.js';

/** Props of the demo inspector: a URL plus any useSSEStream option. */
export interface SSEInspectorProps extends Omit<UseSSEStreamOptions, 'onEvent'> {
  url: string;
  title?: string;
}

const ms = (value: number | null) => (value === null ? '—' : `${Math.round(value)} ms`);

/**
 * A small live view of one SSE stream: status, error, last event id, metrics and the events
 * received. Used by the stories to show what useSSEStream reports in each network condition.
 */
export function SSEInspector({ url, title = 'Live order feed', ...options }: SSEInspectorProps) {
  const [events, setEvents] = useState<SSEEvent[]>([]);
  const stream = useSSEStream(url, {
    ...options,
    onEvent: (event) => setEvents((previous) => [...previous, event]),
  });
  const { status, error, lastEventId, metrics, attempt } = stream;
  const active = status === 'connecting' || status === 'open' || status === 'reconnecting';

  return (
    <section data-sk-root aria-labelledby="sse-inspector-title" style={{ padding: '1rem', maxWidth: '40rem' }}>
      <h2 id="sse-inspector-title" style={{ marginTop: 0 }}>
        {title}
      </h2>
      <p>
        Status:{' '}
        <span data-sk-status-badge data-status={status} data-testid="status">
          {status}
        </span>{' '}
        <button type="button" onClick={active ? stream.stop : stream.start}>
          {active ? 'Stop' : 'Connect'}
        </button>
      </p>
      {error && (
        <p data-testid="error" data-kind={error.kind}>
          <strong>{error.kind}</strong>
          {error.status !== undefined ? ` (HTTP ${error.status})` : ''}: {error.message}{' '}
          {error.willRetry ? `Retrying (attempt ${attempt}).` : 'Not retrying.'}
        </p>
      )}
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.25rem 1rem' }}>
        <dt>Last event id</dt>
        <dd data-testid="last-event-id">{lastEventId || '—'}</dd>
        <dt>Events</dt>
        <dd data-testid="event-count">{metrics.events}</dd>
        <dt>Bytes</dt>
        <dd>{metrics.bytes}</dd>
        <dt>Reconnects</dt>
        <dd data-testid="reconnects">{metrics.reconnects}</dd>
        <dt>Time to first byte</dt>
        <dd>{ms(metrics.timeToFirstByteMs)}</dd>
        <dt>Time to first event</dt>
        <dd>{ms(metrics.timeToFirstEventMs)}</dd>
        <dt>Gap p50 / p95</dt>
        <dd>
          {ms(metrics.gapP50Ms)} / {ms(metrics.gapP95Ms)}
        </dd>
      </dl>
      <h3>Events received</h3>
      <ol aria-label="Events received" data-testid="events">
        {events.map((event, index) => (
          <li key={index} data-event-id={event.lastEventId}>
            <code>{event.type}</code> {event.data}
          </li>
        ))}
      </ol>
    </section>
  );
}
