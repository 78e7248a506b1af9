import { useState, type FormEvent } from 'react';
import { useSocketStream, type UseSocketStreamOptions } from '../../src/index.js';

/** Props of the demo inspector: a URL plus any useSocketStream option. */
export interface SocketInspectorProps extends Omit<UseSocketStreamOptions, 'onMessage'> {
  url: string;
  title?: string;
  /** Show the room controls. */
  showRooms?: boolean;
}

/**
 * A live view of one WebSocket: status, close code, error, queue, rooms, metrics and messages,
 * with a composer. Used by the stories to show what useSocketStream reports.
 */
export function SocketInspector({ url, title = 'Kitchen socket', showRooms = false, ...options }: SocketInspectorProps) {
  const [messages, setMessages] = useState<string[]>([]);
  const [lastSend, setLastSend] = useState<string>('—');
  const socket = useSocketStream(url, {
    ...options,
    onMessage: (message) => setMessages((previous) => [...previous, JSON.stringify(message)]),
  });
  const { status, error, closeCode, metrics, queued, dropped } = socket;
  const headingId = `socket-${title.replace(/\W+/g, '-').toLowerCase()}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const field = event.currentTarget.elements.namedItem('text') as HTMLInputElement;
    const result = socket.send(showRooms ? { type: 'say', room: 'cocina', text: field.value } : { type: 'say', text: field.value });
    setLastSend(result);
    field.value = '';
  };

  return (
    <section data-sk-root aria-labelledby={headingId} style={{ padding: '1rem', maxWidth: '40rem' }}>
      <h2 id={headingId} style={{ marginTop: 0 }}>
        {title}
      </h2>
      <p>
        Status:{' '}
        <span data-sk-status-badge data-status={status} data-testid="status">
          {status}
        </span>{' '}
        <button type="button" onClick={status === 'open' || status === 'connecting' || status === 'reconnecting' ? socket.stop : socket.start}>
          {status === 'open' || status === 'connecting' || status === 'reconnecting' ? 'Disconnect' : 'Connect'}
        </button>
      </p>
      {error && (
        <p data-testid="error" data-kind={error.kind}>
          <strong>{error.kind}</strong>
          {error.closeCode !== undefined ? ` (close ${error.closeCode})` : ''}: {error.message}{' '}
          {error.willRetry ? 'Reconnecting.' : 'Not reconnecting.'}
        </p>
      )}
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.25rem 1rem' }}>
        <dt>Last close code</dt>
        <dd data-testid="close-code">{closeCode ?? '—'}</dd>
        <dt>Messages</dt>
        <dd data-testid="message-count">{metrics.events}</dd>
        <dt>Reconnects</dt>
        <dd data-testid="reconnects">{metrics.reconnects}</dd>
        <dt>Round trip</dt>
        <dd>{metrics.rttMs === null ? '—' : `${Math.round(metrics.rttMs)} ms`}</dd>
        <dt>Outbox</dt>
        <dd data-testid="outbox">
          {queued} queued, {dropped} dropped; last send: {lastSend}
        </dd>
        {showRooms && (
          <>
            <dt>Rooms</dt>
            <dd data-testid="rooms">{socket.rooms.join(', ') || '—'}</dd>
          </>
        )}
      </dl>
      {showRooms && (
        <p>
          <button type="button" onClick={() => socket.join('cocina')}>
            Join cocina
          </button>{' '}
          <button type="button" onClick={() => socket.leave('cocina')}>
            Leave cocina
          </button>
        </p>
      )}
      <form onSubmit={submit}>
        <label>
          Message <input name="text" autoComplete="off" />
        </label>{' '}
        <button type="submit">Send</button>
      </form>
      <h3>Messages received</h3>
      <ol aria-label="Messages received" data-testid="messages">
        {messages.map((message, index) => (
          <li key={index}>
            <code>{message}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
