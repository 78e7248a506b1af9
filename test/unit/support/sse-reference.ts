/**
 * The WHATWG "parse an event stream" algorithm, written from the HTML spec line by line so the
 * decoder under test has an independent oracle. Deliberately naive (whole input at once).
 */
import type { SSEEvent } from '../../../src/core/transport/sse-events.js';

export interface ReferenceResult {
  events: SSEEvent[];
  /** Every `retry:` value that was valid, in order. */
  retries: number[];
  /** The event source's last event id string after the input. */
  lastEventId: string;
}

export function referenceParse(bytes: Uint8Array, initialLastEventId = ''): ReferenceResult {
  // UTF-8 decode: replacement characters for bad sequences, one leading BOM removed.
  const text = new TextDecoder('utf-8').decode(bytes);
  const events: SSEEvent[] = [];
  const retries: number[] = [];
  let data = '';
  let eventType = '';
  let idBuffer = initialLastEventId;
  let lastEventId = initialLastEventId;

  let position = 0;
  for (;;) {
    let end = position;
    while (end < text.length && text[end] !== '\r' && text[end] !== '\n') end++;
    // End of input before a line terminator: that partial line (and its block) is discarded.
    if (end >= text.length) break;
    const line = text.slice(position, end);
    position = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;

    if (line === '') {
      lastEventId = idBuffer;
      if (data === '') {
        eventType = '';
        continue;
      }
      if (data.endsWith('\n')) data = data.slice(0, -1);
      events.push({ type: eventType === '' ? 'message' : eventType, data, lastEventId });
      data = '';
      eventType = '';
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventType = value;
    else if (field === 'data') data += `${value}\n`;
    else if (field === 'id') {
      if (!value.includes('\0')) idBuffer = value;
    } else if (field === 'retry') {
      if (/^[0-9]+$/.test(value)) retries.push(Number.parseInt(value, 10));
    }
  }
  return { events, retries, lastEventId };
}
