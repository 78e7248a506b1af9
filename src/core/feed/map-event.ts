import { StreamError } from '../errors.js';
import type { FeedEvent } from './types.js';

/** Field names {@link jsonEventMapper} reads. */
export interface JsonEventFields {
  /** Field naming the topic. Default `topic` (seed-style payloads: e.g. `pedidoId`). */
  topicField?: string;
  /** Field holding the event's unique id (string or number). Default `id`. */
  idField?: string;
  /** Field holding the event's sequence number (integer). Default `seq`. */
  seqField?: string;
}

/** An event read by {@link jsonEventMapper}: the payload's own fields plus the normalised ones. */
export type JsonFeedEvent = FeedEvent & { [field: string]: unknown };

/**
 * A `mapEvent` for JSON payloads: an SSE event's `data` (the `event:` name becomes `type` unless
 * the payload has one), a WebSocket message already decoded, or a JSON string. A payload without
 * a string topic is not a feed event (`null`: ignored); unreadable JSON, or an id or `seq` of the
 * wrong type, throws a `parse` error for that message.
 */
export function jsonEventMapper(fields: JsonEventFields = {}): (raw: unknown) => JsonFeedEvent | null {
  const { topicField = 'topic', idField = 'id', seqField = 'seq' } = fields;
  return (raw) => {
    const { payload, eventName: sseType } = readFeedMessage(raw, 'A feed message');
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
    const record = payload as Record<string, unknown>;
    const topic = record[topicField];
    if (typeof topic !== 'string' && typeof topic !== 'number') return null;
    const id = record[idField];
    const seq = record[seqField];
    if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') {
      throw new StreamError('parse', `A feed event's ${idField} is neither a string nor a number.`);
    }
    if (seq !== undefined && !(typeof seq === 'number' && Number.isSafeInteger(seq))) {
      throw new StreamError('parse', `A feed event's ${seqField} is not an integer.`);
    }
    const event: JsonFeedEvent = { ...record, topic: String(topic), id: id === undefined ? undefined : String(id), seq };
    if (sseType !== undefined && event['type'] === undefined) event['type'] = sseType;
    return event;
  };
}

/** {@link jsonEventMapper} with the default field names (`topic`, `id`, `seq`). The feed's default `mapEvent`. */
export const jsonFeedEvent: (raw: unknown) => JsonFeedEvent | null = jsonEventMapper();

/**
 * What a feed transport hands `mapEvent`, read as JSON: a string (a WebSocket text frame) or an
 * SSE event's `data` is parsed, anything else (an already decoded message) is taken as is.
 * `eventName` is the SSE event's name when it has one other than `message`. Text that is not
 * JSON is a `parse` error naming `what` ("A feed message", "An order message" …).
 */
export function readFeedMessage(raw: unknown, what: string): { payload: unknown; eventName: string | undefined } {
  if (typeof raw === 'string') return { payload: parseJson(raw, what), eventName: undefined };
  if (isSSEEvent(raw)) {
    return { payload: parseJson(raw.data, what), eventName: raw.type === 'message' ? undefined : raw.type };
  }
  return { payload: raw, eventName: undefined };
}

function isSSEEvent(raw: unknown): raw is { type: string; data: string; lastEventId: string } {
  return (
    typeof raw === 'object' &&
    raw !== null &&
    typeof (raw as { data?: unknown }).data === 'string' &&
    typeof (raw as { lastEventId?: unknown }).lastEventId === 'string'
  );
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new StreamError('parse', `${what} is not valid JSON; it was skipped.`, { cause });
  }
}
