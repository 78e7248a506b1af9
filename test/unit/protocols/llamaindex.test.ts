import { describe, expect, test } from 'vitest';
import { llamaindexProtocol } from '../../../src/core/protocols/llamaindex.js';
import { fixtures } from '../../fixtures/protocols/expected.js';
import { decodeFrames, eventsOf, frame } from './support/fixtures.js';
import { describeFixture } from './support/fixture-suite.js';

describeFixture(fixtures.llamaindex, { frameCount: 12, endsWithTerminal: true });

const msg = (payload: Record<string, unknown>) => frame('message', payload);

describe('llamaindex adapter', () => {
  test('accepts the lowercase, underscored and Event-suffixed type names', () => {
    const events = eventsOf(llamaindexProtocol, [
      msg({ type: 'agent_stream', data: { delta: 'Uno, ', response: 'Uno, ', current_agent_name: 'Agent' } }),
      msg({ type: 'agentStreamEvent', data: { delta: 'dos, ', currentAgentName: 'Agent' } }),
      msg({ type: 'AGENTSTREAM', data: { delta: 'tres.' } }),
    ]);
    expect(events).toEqual([
      { type: 'text-delta', delta: 'Uno, ', partId: 'Agent' },
      { type: 'text-delta', delta: 'dos, ', partId: 'Agent' },
      { type: 'text-delta', delta: 'tres.' },
    ]);
  });

  test('reads the workflow server envelope (qualified_name + value)', () => {
    const events = eventsOf(llamaindexProtocol, [
      msg({
        qualified_name: 'llama_index.core.agent.workflow.workflow_events.AgentStream',
        value: { delta: '¡Listo!', response: '¡Listo!', current_agent_name: 'Agent', tool_calls: [], thinking_delta: '' },
      }),
      msg({ qualified_name: 'workflows.events.StopEvent', value: { result: '¡Listo!' } }),
    ]);
    expect(events).toEqual([
      { type: 'text-delta', delta: '¡Listo!', partId: 'Agent' },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  test('reads LlamaIndex.TS camelCase tool events, an error ToolResult, and a result without its call', () => {
    const events = eventsOf(llamaindexProtocol, [
      msg({ type: 'AgentToolCall', data: { agentName: 'Agent', toolName: 'place_order', toolKwargs: { qty: 3 }, toolId: 't1' } }),
      msg({
        type: 'AgentToolCallResult',
        data: { toolName: 'place_order', toolKwargs: { qty: 3 }, toolId: 't1', toolOutput: { id: 't1', input: { qty: 3 }, output: 'Sin pastor', isError: true }, returnDirect: false, raw: null },
      }),
      msg({ type: 'ToolCallResult', data: { tool_name: 'get_eta', tool_kwargs: {}, tool_id: 't2', tool_output: { content: '12 minutos', raw_output: null, is_error: false } } }),
    ]);
    expect(events).toEqual([
      { type: 'tool-start', toolCallId: 't1', toolName: 'place_order' },
      { type: 'tool-input-end', toolCallId: 't1', input: { qty: 3 } },
      { type: 'tool-result', toolCallId: 't1', toolName: 'place_order', output: 'Sin pastor', isError: true },
      { type: 'tool-start', toolCallId: 't2', toolName: 'get_eta' },
      { type: 'tool-input-end', toolCallId: 't2', input: {} },
      { type: 'tool-result', toolCallId: 't2', toolName: 'get_eta', output: '12 minutos' },
    ]);
  });

  test('AgentInput, AgentOutput, custom events and malformed JSON emit nothing', () => {
    const events = eventsOf(llamaindexProtocol, [
      msg({ type: 'AgentInput', data: { input: [], current_agent_name: 'Agent' } }),
      msg({ type: 'AgentOutput', data: { response: { role: 'assistant', blocks: [{ block_type: 'text', text: 'no repetir' }] }, tool_calls: [] } }),
      msg({ type: 'ProgressEvent', data: { msg: 'Step three is happening' } }),
      frame('message', '{"type": "AgentStream", "data": {"delta": "¡Ho'),
    ]);
    expect(events).toEqual([]);
  });

  test('isTerminal: StopEvent and stop only, not text that mentions "stop"', () => {
    const { terminal } = decodeFrames(llamaindexProtocol, [
      msg({ type: 'AgentStream', data: { delta: 'Stop by anytime, no StopEvent here', current_agent_name: 'Agent' } }),
      msg({ type: 'stop', data: {} }),
      msg({ type: 'StopEvent', data: { result: 'x' } }),
    ]);
    expect(terminal).toEqual([false, true, true]);
  });

  test('a failed, timed-out or cancelled workflow run is an in-band error and ends the reply', () => {
    const frames = [
      msg({ type: 'AgentStream', data: { delta: 'Un momento… ', current_agent_name: 'Agent' } }),
      msg({ qualified_name: 'workflows.events.WorkflowFailedEvent', value: { status: 'failed', step_name: 'run_agent_step', error_type: 'RuntimeError', message: 'La cocina no responde', attempts: 1 } }),
      msg({ type: 'WorkflowTimedOutEvent', data: { timeout: 30 } }),
      msg({ type: 'workflow_cancelled', data: {} }),
    ];
    expect(eventsOf(llamaindexProtocol, frames)).toEqual([
      { type: 'text-delta', delta: 'Un momento… ', partId: 'Agent' },
      { type: 'error', message: 'La cocina no responde', code: 'RuntimeError' },
      { type: 'error', message: 'The workflow timed out.', code: 'timeout' },
      { type: 'error', message: 'The workflow was cancelled.', code: 'cancelled' },
    ]);
    expect(decodeFrames(llamaindexProtocol, frames).terminal).toEqual([false, true, true, true]);
  });
});
