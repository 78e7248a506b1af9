import { describe, expect, test } from 'vitest';
import { detectProtocol } from '../../../src/core/protocols/detect.js';
import { fixtures } from '../../fixtures/protocols/expected.js';
import { fixtureFrames, frame } from './support/fixtures.js';

describe('detectProtocol', () => {
  test.each([
    [fixtures.anthropic.file, 'anthropic'],
    [fixtures.openai.file, 'openai'],
    [fixtures.openaiReasoning.file, 'openai'],
    [fixtures.openaiResponses.file, 'openai-responses'],
    [fixtures.chunkEvents.file, 'chunk-events'],
    [fixtures.llamaindex.file, 'llamaindex'],
    [fixtures.generic.file, 'generic'],
    [fixtures.genericAgent.file, 'generic'],
  ])('the first frame of %s → %s', (file, protocol) => {
    expect(detectProtocol({ contentType: 'text/event-stream', firstFrame: fixtureFrames(file)[0]! })).toBe(protocol);
  });

  test('the AI SDK is recognised by its header (Headers or a plain record, any casing), not its first frame', () => {
    const firstFrame = fixtureFrames(fixtures.aiSdk.file)[0]!;
    expect(detectProtocol({ firstFrame })).toBeUndefined();
    expect(detectProtocol({ headers: new Headers({ 'x-vercel-ai-ui-message-stream': 'v1' }), firstFrame })).toBe('ai-sdk');
    expect(detectProtocol({ headers: { 'X-Vercel-AI-UI-Message-Stream': 'v1' } })).toBe('ai-sdk');
    // The header wins over a text/plain content type.
    expect(detectProtocol({ contentType: 'text/plain', headers: { 'x-vercel-ai-ui-message-stream': 'v1' } })).toBe('ai-sdk');
  });

  test('text/plain, from the argument or the headers', () => {
    expect(detectProtocol({ contentType: 'text/plain; charset=utf-8' })).toBe('text');
    expect(detectProtocol({ headers: new Headers({ 'Content-Type': 'Text/Plain' }) })).toBe('text');
    expect(detectProtocol({ contentType: 'text/event-stream' })).toBeUndefined();
    expect(detectProtocol({ contentType: 'text/plainish' })).toBeUndefined();
  });

  test('unnamed events: the JSON decides', () => {
    const unnamed = (payload: unknown) => detectProtocol({ firstFrame: frame('message', payload) });
    expect(unnamed({ type: 'message_start', message: {} })).toBe('anthropic');
    expect(unnamed({ type: 'response.created', response: {} })).toBe('openai-responses');
    expect(unnamed({ id: 'x', choices: [] })).toBe('openai');
    expect(unnamed({ type: 'agent_stream', data: { delta: 'x' } })).toBe('llamaindex');
    expect(unnamed({ qualified_name: 'llama_index.core.agent.workflow.workflow_events.ToolCall', value: {} })).toBe('llamaindex');
    expect(unnamed({ content: '¡Hola!' })).toBe('generic');
    expect(unnamed({ type: 'sources', sources: [] })).toBe('generic');
    expect(unnamed({ type: 'start', messageId: 'm' })).toBeUndefined();
    expect(unnamed({ type: 'ping' })).toBeUndefined();
    expect(unnamed({})).toBeUndefined();
    expect(unnamed('[DONE]')).toBeUndefined();
    expect(unnamed('not json')).toBeUndefined();
  });

  test('named events nobody claims, and nothing at all, give undefined', () => {
    expect(detectProtocol({ firstFrame: frame('ping', '{}') })).toBeUndefined();
    expect(detectProtocol({})).toBeUndefined();
    expect(detectProtocol({ contentType: null, headers: null })).toBeUndefined();
  });
});
