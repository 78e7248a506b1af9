/**
 * The built-in protocols by name, and detection: what a `protocol` given as a name (or not given
 * at all) needs. The chat store loads this module with a dynamic `import()` only in those cases,
 * so an app that passes an adapter object never ships the other adapters or the detection code
 * (a bundler puts this module and everything it pulls in into a chunk of its own).
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

export { detectProtocol, type DetectProtocolInput } from './detect.js';

/** Every built-in adapter, by name. */
export const protocols: Readonly<Record<ProtocolName, ProtocolAdapter>> = /* @__PURE__ */ Object.freeze({
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
