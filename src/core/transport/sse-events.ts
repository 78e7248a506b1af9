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

// Hoisted: `decode(bytes, { stream: true })` with a literal allocates an options object per read.
const STREAMING: TextDecodeOptions = { stream: true };

/**
 * Bytes → events for one response body, with the browser EventSource's semantics:
 * UTF-8 decoded in streaming mode (so a code point split across network reads is kept whole),
 * exactly one leading BOM dropped, CR/LF/CRLF line ends, and an unfinished final event
 * discarded at the end of the body. Field parsing is eventsource-parser's.
 */
export class SSEDecoder {
  // The TextDecoder strips exactly one leading U+FEFF per body (its default), as the spec's
  // "UTF-8 decode" does, and keeps a second one. The parser has its own BOM rule that also
  // strips the *characters* "ï»¿" (a raw BOM decoded as Latin-1): valid text EventSource keeps.
  // So the parser is primed with a bare line break (an empty line with nothing buffered, which
  // dispatches nothing) before the first text of each body, which ends its BOM check.
  private decoder = new TextDecoder('utf-8');
  private readonly parser: EventSourceParser;
  private primed = false;
  private lastEventId: string;

  constructor(callbacks: SSEDecoderCallbacks, initialLastEventId = '') {
    this.lastEventId = initialLastEventId;
    const { onEvent, onId, onRetry, onComment } = callbacks;
    this.parser = createParser({
      onId: (id) => {
        // Called only when the block is dispatched (a blank line), so the id of a block the
        // body never finished is not committed, as in EventSource.
        this.lastEventId = id;
        onId(id);
      },
      onEvent: (message) => {
        onEvent({ type: message.event ?? 'message', data: message.data, lastEventId: this.lastEventId });
      },
      onRetry,
      ...(onComment ? { onComment } : {}),
    });
  }

  /** Feeds one network read. */
  push(bytes: Uint8Array): void {
    const text = this.decoder.decode(bytes, STREAMING);
    if (text.length === 0) return;
    if (!this.primed) {
      this.primed = true;
      this.parser.feed('\n');
    }
    this.parser.feed(text);
  }

  /** The body ended: flush the decoder and drop any event that was not terminated by a blank line. */
  end(): void {
    const tail = this.decoder.decode();
    if (tail.length > 0) {
      if (!this.primed) this.parser.feed('\n');
      this.parser.feed(tail);
    }
    this.parser.reset();
    this.primed = false;
  }
}
