import { isJsonObject, parseJsonObject, stringField } from './json.js';
import type { ChatStreamEvent, ProtocolAdapter, ProtocolDecoder, WireFrame } from './types.js';

/**
 * Named SSE events `start` / `chunk` / `end` / `error`, as many in-house chat backends send them:
 *
 * - `event: start`, `{"conversation_id","status":"processing"}` → `start`, and the object as a
 *   `data` event named `metadata` (so the app can keep the conversation id)
 * - `event: chunk`, `{"type":"content","content","chunk_index","is_final"}` → `text-delta`
 *   (chunks of another `type` are ignored)
 * - `event: end`, `{"conversation_id","status":"completed","message_count"}` → `metadata` data,
 *   then `finish`; terminal
 * - `event: error`, `{"error":"message","conversation_id","status":"error"}` → `error`; terminal.
 *   An error event whose data is not JSON still fails the reply, with the data as its message.
 *
 * Other malformed frames are skipped; unknown event names are ignored.
 */
export const chunkEventsProtocol: ProtocolAdapter = {
  name: 'chunk-events',
  createDecoder: (): ProtocolDecoder => ({
    decode(frame: WireFrame, emit: (event: ChatStreamEvent) => void): void {
      switch (frame.type) {
        case 'start': {
          emit({ type: 'start' });
          const payload = parseJsonObject(frame.data);
          if (payload !== undefined) emit({ type: 'data', name: 'metadata', payload });
          return;
        }
        case 'chunk': {
          const chunk = parseJsonObject(frame.data);
          if (chunk === undefined || (chunk.type !== undefined && chunk.type !== 'content')) return;
          const content = stringField(chunk.content);
          if (content !== undefined && content !== '') emit({ type: 'text-delta', delta: content });
          return;
        }
        case 'end': {
          const payload = parseJsonObject(frame.data);
          if (payload !== undefined) emit({ type: 'data', name: 'metadata', payload });
          emit({ type: 'finish', reason: 'stop' });
          return;
        }
        case 'error': {
          const payload = parseJsonObject(frame.data);
          const error = payload?.error;
          const message =
            stringField(error) ??
            (isJsonObject(error) ? stringField(error.message) : undefined) ??
            stringField(payload?.message) ??
            (payload === undefined && frame.data.trim() !== '' ? frame.data : 'The server reported an error.');
          emit({ type: 'error', message });
          return;
        }
        default:
          return;
      }
    },
    isTerminal: (frame: WireFrame): boolean => frame.type === 'end' || frame.type === 'error',
  }),
};
