import type { ScriptedEvent } from '../sse.js';
import { textPieces, type ProtocolPreset } from './reply.js';

/**
 * Seed 004's named events: `start` (`conversation_id`, `status: "processing"`), one `chunk` per
 * piece of text (`type: "content"`, `content`, `chunk_index`, `is_final` on the last), and `end`
 * (`status: "completed"`); an error is the `error` event (`error`, `status: "error"`). The
 * format carries text only.
 */
export const chunkEventsPreset: ProtocolPreset = {
  support: { reasoning: false, toolCalls: false, toolOutputs: false, sources: false, usage: false, finishReason: false, error: true, errorCode: false },
  events(reply, { chunkWords }) {
    const conversation_id = reply.conversationId;
    const pieces = textPieces(reply.text, chunkWords);
    const events: ScriptedEvent[] = [{ event: 'start', data: { conversation_id, status: 'processing' } }];
    pieces.forEach((content, chunk_index) => {
      const is_final = !reply.error && chunk_index === pieces.length - 1;
      events.push({ event: 'chunk', data: { type: 'content', content, chunk_index, is_final } });
    });
    events.push(
      reply.error
        ? { event: 'error', data: { error: reply.error.message, conversation_id, status: 'error' } }
        : { event: 'end', data: { conversation_id, status: 'completed', message_count: 2 } },
    );
    return events;
  },
};
