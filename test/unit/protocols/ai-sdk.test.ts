import { describe, expect, test } from 'vitest';
import { aiSdkProtocol } from '../../../src/core/protocols/ai-sdk.js';
import { fixtures } from '../../fixtures/protocols/expected.js';
import { decodeFrames, eventsOf, frame } from './support/fixtures.js';
import { describeFixture } from './support/fixture-suite.js';

describeFixture(fixtures.aiSdk, { frameCount: 27, endsWithTerminal: true });

const part = (payload: Record<string, unknown>) => frame('message', payload);

describe('ai-sdk adapter', () => {
  test('tool-input-available without tool-input-start announces the call first', () => {
    const events = eventsOf(aiSdkProtocol, [
      part({ type: 'tool-input-available', toolCallId: 'call_1', toolName: 'get_menu', input: {} }),
      part({ type: 'tool-output-available', toolCallId: 'call_1', output: ['pastor', 'suadero'] }),
    ]);
    expect(events).toEqual([
      { type: 'tool-start', toolCallId: 'call_1', toolName: 'get_menu' },
      { type: 'tool-input-end', toolCallId: 'call_1', input: {} },
      { type: 'tool-result', toolCallId: 'call_1', output: ['pastor', 'suadero'] },
    ]);
  });

  test('tool errors become error results', () => {
    const events = eventsOf(aiSdkProtocol, [
      part({ type: 'tool-input-start', toolCallId: 'call_1', toolName: 'place_order' }),
      part({ type: 'tool-input-available', toolCallId: 'call_1', toolName: 'place_order', input: { qty: 3 } }),
      part({ type: 'tool-output-error', toolCallId: 'call_1', errorText: 'Sin pastor hoy' }),
      part({ type: 'tool-input-error', toolCallId: 'call_2', toolName: 'place_order', input: { qty: 'tres' }, errorText: 'qty must be a number' }),
    ]);
    expect(events).toEqual([
      { type: 'tool-start', toolCallId: 'call_1', toolName: 'place_order' },
      { type: 'tool-input-end', toolCallId: 'call_1', input: { qty: 3 } },
      { type: 'tool-result', toolCallId: 'call_1', output: 'Sin pastor hoy', isError: true },
      { type: 'tool-start', toolCallId: 'call_2', toolName: 'place_order' },
      { type: 'tool-input-end', toolCallId: 'call_2', input: { qty: 'tres' } },
      { type: 'tool-result', toolCallId: 'call_2', output: 'qty must be a number', isError: true },
    ]);
  });

  test('finish, abort, error, metadata, data parts and document sources', () => {
    const events = eventsOf(aiSdkProtocol, [
      part({ type: 'start', messageId: 'm1', messageMetadata: { createdAt: 1 } }),
      part({ type: 'message-metadata', messageMetadata: { totalTokens: 42 } }),
      part({ type: 'data-courier', id: 'c1', data: { lat: 19.41, lng: -99.16 } }),
      part({ type: 'source-document', sourceId: 'doc-1', mediaType: 'application/pdf', title: 'Menú', filename: 'menu.pdf' }),
      part({ type: 'error', errorText: 'Se acabó el pastor' }),
      part({ type: 'abort', reason: 'user cancelled' }),
      part({ type: 'finish' }),
      part({ type: 'finish', finishReason: 'unknown' }),
      part({ type: 'finish', finishReason: 'length', messageMetadata: { done: true } }),
    ]);
    expect(events).toEqual([
      { type: 'start', messageId: 'm1' },
      { type: 'data', name: 'message-metadata', payload: { createdAt: 1 } },
      { type: 'data', name: 'message-metadata', payload: { totalTokens: 42 } },
      { type: 'data', name: 'courier', payload: { lat: 19.41, lng: -99.16 } },
      { type: 'sources', sources: [{ id: 'doc-1', title: 'Menú', text: 'menu.pdf' }] },
      { type: 'error', message: 'Se acabó el pastor' },
      { type: 'finish', reason: 'aborted', raw: 'user cancelled' },
      { type: 'finish', reason: 'stop' },
      { type: 'finish', reason: 'other', raw: 'unknown' },
      { type: 'data', name: 'message-metadata', payload: { done: true } },
      { type: 'finish', reason: 'length', raw: 'length' },
    ]);
  });

  test('parts this adapter does not show, unknown parts and malformed JSON emit nothing', () => {
    const events = eventsOf(aiSdkProtocol, [
      part({ type: 'start-step' }),
      part({ type: 'text-start', id: 't' }),
      part({ type: 'text-end', id: 't' }),
      part({ type: 'file', url: 'https://taqueria.example/foto.png', mediaType: 'image/png' }),
      part({ type: 'tool-approval-request', toolCallId: 'c', approvalId: 'a' }),
      part({ type: 'custom', kind: 'openai.compaction' }),
      part({ type: 'a-part-from-the-future' }),
      part({ type: 'data-' }),
      frame('message', '{"type":"text-delta","id":"t","delta":"¡Ho'),
    ]);
    expect(events).toEqual([]);
  });

  test('isTerminal is true only for [DONE] (errors and finish are followed by it)', () => {
    const { terminal } = decodeFrames(aiSdkProtocol, [
      part({ type: 'finish' }),
      part({ type: 'error', errorText: 'x' }),
      frame('message', '[DONE]'),
    ]);
    expect(terminal).toEqual([false, false, true]);
  });
});
