import { describe, expect, test } from 'vitest';
import * as core from '../../../src/core/index.js';
import { getProtocol, protocols } from '../../../src/core/protocols/index.js';
import * as root from '../../../src/index.js';
import type { ChatStreamEvent, ProtocolName } from '../../../src/core/protocols/types.js';

const NAMES: ProtocolName[] = ['generic', 'text', 'chunk-events', 'anthropic', 'openai', 'openai-responses', 'ai-sdk', 'llamaindex', 'ws-chat'];

describe('protocol registry', () => {
  test('has exactly the nine built-in protocols, each under its own name', () => {
    expect(Object.keys(protocols).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) {
      expect(protocols[name].name).toBe(name);
      expect(getProtocol(name)).toBe(protocols[name]);
    }
  });

  test('getProtocol rejects an unknown name, listing the valid ones', () => {
    expect(() => getProtocol('grpc' as ProtocolName)).toThrow(new TypeError(`Unknown protocol "grpc". Expected one of: ${NAMES.join(', ')}.`));
    expect(() => getProtocol('toString' as ProtocolName)).toThrow(TypeError);
  });

  test('each decoder has its own state', () => {
    const adapter = getProtocol('openai');
    const first = adapter.createDecoder();
    const second = adapter.createDecoder();
    const events: ChatStreamEvent[] = [];
    const chunk = { type: 'message', data: JSON.stringify({ id: 'a', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{' } }] } }] }) };
    first.decode(chunk, () => {});
    second.decode({ type: 'message', data: JSON.stringify({ id: 'b', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }) }, (event) => events.push(event));
    // The second decoder never saw call_1, so it has no open tool call to end.
    expect(events).toEqual([
      { type: 'start', messageId: 'b' },
      { type: 'finish', reason: 'stop', raw: 'stop' },
    ]);
  });

  test('every adapter is a named export of the root entry and of react-streamkit/core', () => {
    const exported = (entry: Record<string, unknown>) =>
      Object.values(entry).filter((value) => NAMES.some((name) => value === protocols[name]));
    for (const entry of [root, core] as Array<Record<string, unknown>>) {
      expect(new Set(exported(entry)).size).toBe(NAMES.length);
      expect(entry.getProtocol).toBe(getProtocol);
    }
    expect(core.anthropicProtocol).toBe(protocols.anthropic);
    expect(root.openaiResponsesProtocol).toBe(protocols['openai-responses']);
  });
});
