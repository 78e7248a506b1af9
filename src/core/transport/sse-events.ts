import { createParser, type EventSourceParser } from 'eventsource-parser';

/** One dispatched Server-Sent Event, shaped like the browser's `MessageEvent` for SSE. */
export interface SSEEvent {
  /** The `event:` field; `"message"` when the server sent none, as in the browser. */
  type: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The stream's last event id at dispatch time (persists across events that carry none). */
  lastEventId: string;
}

export interface SSEDecoderCallbacks {
  onEvent(event: SSEEvent): void;
  /** An `id:` field ended a block (with or without data): the new last event id. */
  onId(id: string): void;
  /** A valid (digits-only) `retry:` field. */
  onRetry(ms: number): void;
  /** A comment line (`: keep-alive`). Not an event. */
  onComment?(comment: string): void;
}

/**
 * Bytes → events for one response body, with the browser EventSource's semantics:
 * UTF-8 decoded in streaming mode (so a code point split across network reads is kept whole),
 * exactly one leading BOM dropped, CR/LF/CRLF line ends, and an unfinished final event
 * discarded at the end of the body. Field parsing is eventsource-parser's.
 */
export class SSEDecoder {
  // ignoreBOM keeps a BOM in the text so the parser strips exactly one, as the spec's
  // "UTF-8 decode" does; stripping it here too would eat a second, legitimate U+FEFF.
  private decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly parser: EventSourceParser;
  private lastEventId: string;

  constructor(callbacks: SSEDecoderCallbacks, initialLastEventId = '') {
    this.lastEventId = initialLastEventId;
    this.parser = createParser({
      onId: (id) => {
        this.lastEventId = id;
        callbacks.onId(id);
      },
      onEvent: (message) => {
        callbacks.onEvent({ type: message.event ?? 'message', data: message.data, lastEventId: this.lastEventId });
      },
      onRetry: (ms) => callbacks.onRetry(ms),
      ...(callbacks.onComment ? { onComment: callbacks.onComment } : {}),
    });
  }

  /** Feeds one network read. */
  push(bytes: Uint8Array): void {
    const text = this.decoder.decode(bytes, { stream: true });
    if (text) this.parser.feed(text);
  }

  /** The body ended: flush the decoder and drop any event that was not terminated by a blank line. */
  end(): void {
    const tail = this.decoder.decode();
    if (tail) this.parser.feed(tail);
    this.parser.reset();
    this.decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  }
}
