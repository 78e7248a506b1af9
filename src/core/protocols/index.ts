/**
 * The built-in protocol adapters: one per wire format, each turning frames into
 * `ChatStreamEvent`s (see ./types.ts).
 */
import { aiSdkProtocol } from './ai-sdk.js';
import { anthropicProtocol } from './anthropic.js';
import { chunkEventsProtocol } from './chunk-events.js';
import { genericProtocol } from './generic.js';
import { llamaindexProtocol } from './llamaindex.js';
import { openaiResponsesProtocol } from './openai-responses.js';
import { openaiProtocol } from './openai.js';
import { textProtocol } from './text.js';
import type { ProtocolAdapter, ProtocolName } from './types.js';
import { wsChatProtocol } from './ws-chat.js';

/** Every built-in adapter, by name. */
export const protocols: Readonly<Record<ProtocolName, ProtocolAdapter>> = Object.freeze({
  generic: genericProtocol,
  text: textProtocol,
  'chunk-events': chunkEventsProtocol,
  anthropic: anthropicProtocol,
  openai: openaiProtocol,
  'openai-responses': openaiResponsesProtocol,
  'ai-sdk': aiSdkProtocol,
  llamaindex: llamaindexProtocol,
  'ws-chat': wsChatProtocol,
});

/**
 * The adapter for `name`. Throws a `TypeError` for a name that is not a built-in protocol
 * (possible from untyped callers), listing the valid names.
 */
export function getProtocol(name: ProtocolName): ProtocolAdapter {
  const adapter = Object.hasOwn(protocols, name) ? protocols[name] : undefined;
  if (adapter === undefined) {
    throw new TypeError(`Unknown protocol "${String(name)}". Expected one of: ${Object.keys(protocols).join(', ')}.`);
  }
  return adapter;
}

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
