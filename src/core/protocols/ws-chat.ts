import { ChatMessageDecoder, isTerminalChatMessage } from './chat-messages.js';
import { parseJsonObject } from './json.js';
import type { ChatStreamEvent, ProtocolAdapter, ProtocolDecoder, WireFrame } from './types.js';

/**
 * WebSocket chat servers: one JSON message per WebSocket text frame, `{"type":"chunk","content"}`
 * … `{"type":"done"}`, with the same `token`, `sources`, `tool_start`, `tool_end`, `metadata` and
 * `error` messages as the generic SSE format (see {@link ChatMessageDecoder}); `ping` and other
 * unknown types are ignored, malformed JSON is skipped. `done` and `error` end the reply.
 */
export const wsChatProtocol: ProtocolAdapter = {
  name: 'ws-chat',
  createDecoder: (): ProtocolDecoder => new WsChatDecoder(),
};

class WsChatDecoder implements ProtocolDecoder {
  private readonly messages = new ChatMessageDecoder();

  decode(frame: WireFrame, emit: (event: ChatStreamEvent) => void): void {
    const message = parseJsonObject(frame.data);
    if (message !== undefined) this.messages.decode(message, emit);
  }

  isTerminal(frame: WireFrame): boolean {
    return isTerminalChatMessage(frame.data);
  }
}
