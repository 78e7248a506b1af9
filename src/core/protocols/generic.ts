import { ChatMessageDecoder, isTerminalChatMessage } from './chat-messages.js';
import { parseJsonObject } from './json.js';
import type { ChatStreamEvent, ProtocolAdapter, ProtocolDecoder, WireFrame } from './types.js';

const DONE = '[DONE]';

/**
 * Home-made SSE chat endpoints: `data: {"content": "…"}` frames ending with `data: [DONE]`, plus
 * the typed messages of {@link ChatMessageDecoder} (`chunk`, `token`, `sources`, `tool_start`,
 * `tool_end`, `metadata`, `done`, `error`). The SSE event name is not used: such servers send
 * unnamed events. Malformed JSON frames are skipped.
 */
export const genericProtocol: ProtocolAdapter = {
  name: 'generic',
  createDecoder: (): ProtocolDecoder => new GenericDecoder(),
};

class GenericDecoder implements ProtocolDecoder {
  private readonly messages = new ChatMessageDecoder();

  decode(frame: WireFrame, emit: (event: ChatStreamEvent) => void): void {
    if (frame.data.trim() === DONE) {
      this.messages.finish(emit);
      return;
    }
    const message = parseJsonObject(frame.data);
    if (message !== undefined) this.messages.decode(message, emit);
  }

  isTerminal(frame: WireFrame): boolean {
    return frame.data.trim() === DONE || isTerminalChatMessage(frame.data);
  }
}
