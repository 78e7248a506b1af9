/**
 * The protocol adapters: one per wire format, each turning frames into `ChatStreamEvent`s (see
 * ./types.ts). Every adapter is its own named export, so importing one (to pass it as `protocol`)
 * bundles that one only; `protocols`, `getProtocol` and `detectProtocol` bring in all of them.
 */
export { protocols, getProtocol } from './registry.js';
export { aiSdkProtocol } from './ai-sdk.js';
export { anthropicProtocol } from './anthropic.js';
export { chunkEventsProtocol } from './chunk-events.js';
export { detectProtocol, type DetectProtocolInput } from './detect.js';
export { genericProtocol } from './generic.js';
export { llamaindexProtocol } from './llamaindex.js';
export { openaiResponsesProtocol } from './openai-responses.js';
export { openaiProtocol } from './openai.js';
export { textProtocol } from './text.js';
export { wsChatProtocol } from './ws-chat.js';
export type {
  ChatStreamEvent,
  FinishReason,
  ProtocolAdapter,
  ProtocolDecoder,
  ProtocolName,
  Source,
  Usage,
  WireFrame,
} from './types.js';
