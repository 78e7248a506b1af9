import type { ChatStreamEvent, ProtocolAdapter, ProtocolDecoder, WireFrame } from './types.js';

/**
 * Plain text streams (`text/plain`, e.g. the AI SDK's text stream protocol): every frame's data
 * is the next piece of the reply, as is. There is no end marker, so no frame is terminal: the
 * reply ends when the body does.
 */
export const textProtocol: ProtocolAdapter = {
  name: 'text',
  createDecoder: (): ProtocolDecoder => ({
    decode(frame: WireFrame, emit: (event: ChatStreamEvent) => void): void {
      if (frame.data !== '') emit({ type: 'text-delta', delta: frame.data });
    },
    isTerminal: (): boolean => false,
  }),
};
