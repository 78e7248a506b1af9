import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';

export type { EventSourceMessage } from 'eventsource-parser';

/** One dispatched Server-Sent Event, shaped like the browser's `MessageEvent` for SSE. */
export interface SSEEvent {
  /** The `event:` field; `"message"` when the server sent none, as in the browser. */
  type: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The stream's last event id at dispatch time (persists across events that carry none). */
  lastEventId: string;
}

/**
 * The public event for one parsed message: the only per-event object we add to the parser's own.
 * `lastEventId` is the stream's last event id once the message's block is committed (the parser
 * reports a block's `id:` through `onId` before its event).
 */
export function toSSEEvent(message: EventSourceMessage, lastEventId: string): SSEEvent {
  return { type: message.event ?? 'message', data: message.data, lastEventId };
}

interface SSEFieldCallbacks {
  /** An `id:` field ended a block (with or without data): the new last event id. */
  onId(id: string): void;
  /** A valid (digits-only) `retry:` field. */
  onRetry(ms: number): void;
  /** A comment line (`: keep-alive`). Not an event. */
  onComment?(comment: string): void;
  /**
   * The event being built (with its unfinished line) grew past `maxEventSize` characters: the
   * parser dropped it and parses no more. The body should be abandoned.
   */
  onTooLarge?(): void;
}

/**
 * What {@link SSEDecoder} reports. Events arrive either as built {@link SSEEvent}s (`onEvent`), or,
 * for a hot path that builds its own event object, as the parser's messages (`onMessage`), handed
 * to the parser as is so there is no function of ours between the parser and the receiver: one
 * call less per event. The receiver then builds the event with {@link toSSEEvent} and the last
 * event id it tracks through `onId`.
 */
export type SSEDecoderCallbacks = SSEFieldCallbacks &
  (
    | { onEvent(event: SSEEvent): void; onMessage?: undefined }
    | { onMessage(message: EventSourceMessage): void; onEvent?: undefined }
  );

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
  /** The last event id, for the events built here (unused with `onMessage`). */
  private lastEventId: string;

  /**
   * @param maxEventSize the most characters one event may buffer (eventsource-parser's
   *   `maxBufferSize`); undefined or 0: no cap.
   */
  constructor(callbacks: SSEDecoderCallbacks, initialLastEventId = '', maxEventSize?: number) {
    this.lastEventId = initialLastEventId;
    const { onEvent, onMessage, onId, onRetry, onComment, onTooLarge } = callbacks;
    this.parser = createParser({
      // Called only when the block is dispatched (a blank line), so the id of a block the body
      // never finished is not committed, as in EventSource. With `onMessage` the receiver keeps
      // the last event id itself, so its `onId` is handed to the parser as is too.
      onId: onMessage
        ? onId
        : (id) => {
            this.lastEventId = id;
            onId(id);
          },
      onEvent: onMessage ?? ((message) => onEvent!(toSSEEvent(message, this.lastEventId))),
      onRetry,
      ...(onComment ? { onComment } : {}),
      ...(maxEventSize ? { maxBufferSize: maxEventSize } : {}),
      // The parser's only other error is a malformed field, which EventSource ignores too.
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') onTooLarge?.();
      },
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
