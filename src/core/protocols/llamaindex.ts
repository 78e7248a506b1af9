import { isJsonObject, objectField, parseJsonObject, stringField, type JsonObject } from './json.js';
import type { ChatStreamEvent, ProtocolAdapter, ProtocolDecoder, WireFrame } from './types.js';

/**
 * LlamaIndex agent workflow events, one JSON object per frame (SSE `data:` or a WebSocket
 * message), as a server forwards what `handler.stream_events()` yields.
 *
 * Event shapes follow LlamaIndex's own definitions: Python
 * `llama_index/core/agent/workflow/workflow_events.py` (AgentStream: `delta`, `response`,
 * `current_agent_name`, `tool_calls`, `thinking_delta`; ToolCall: `tool_name`, `tool_kwargs`,
 * `tool_id`; ToolCallResult: the same plus `tool_output` (a ToolOutput: `content`, `raw_output`,
 * `is_error` …) and `return_direct`; StopEvent: `result`), and LlamaIndex.TS
 * `@llamaindex/workflow` `agent/events.ts` (agentStreamEvent: `delta`, `response`,
 * `currentAgentName`; agentToolCallEvent: `toolName`, `toolKwargs`, `toolId`;
 * agentToolCallResultEvent: `toolOutput` (a ToolResult: `output`, `isError`)). See
 * https://developers.llamaindex.ai/python/framework/understanding/agent/streaming/.
 *
 * Accepted envelopes: `{"type": "AgentStream", "data": {…}}`, the workflow server's
 * `{"qualified_name": "….AgentStream", "value": {…}}`, or the fields flat beside `type`. Type
 * names are matched case-insensitively, ignoring `_`/`-` and an `Event` suffix, so `AgentStream`,
 * `agent_stream` and `agentStreamEvent` are one type; `ToolCall` and `AgentToolCall` likewise.
 *
 * - AgentStream → text (`delta`, part = agent name) and reasoning (`thinking_delta`)
 * - ToolCall → `tool-start` + `tool-input-end` with `tool_kwargs` (the input comes whole)
 * - ToolCallResult → `tool-result` (ToolOutput's `raw_output`, else `content`; ToolResult's `output`)
 * - StopEvent / `stop` → `finish`; terminal. Its `result` repeats the streamed text, so it is not shown again.
 * - WorkflowFailedEvent, WorkflowTimedOutEvent, WorkflowCancelledEvent (StopEvent subclasses the
 *   workflow runtime sends when a run fails) → `error` with their `message` (code: `error_type`,
 *   else `timeout` / `cancelled`); terminal.
 *
 * AgentInput, AgentOutput (a repeat of the streamed reply) and custom events are ignored;
 * malformed JSON frames are skipped.
 */
export const llamaindexProtocol: ProtocolAdapter = {
  name: 'llamaindex',
  createDecoder: (): ProtocolDecoder => new LlamaIndexDecoder(),
};

const AGENT_EVENT_KINDS = new Set(['agentinput', 'agentsetup', 'agentstream', 'agentoutput', 'toolcall', 'agenttoolcall', 'toolcallresult', 'agenttoolcallresult']);

/** True when the JSON object is a LlamaIndex agent workflow event (used by protocol detection). */
export function isLlamaIndexAgentEvent(message: JsonObject): boolean {
  return AGENT_EVENT_KINDS.has(eventKind(message));
}

/** The event's type name, normalised: `AgentStream`, `agent_stream`, `agentStreamEvent` → `agentstream`. */
function eventKind(message: JsonObject): string {
  const name = stringField(message.type) ?? stringField(message.qualified_name)?.split('.').pop() ?? '';
  const bare = name.toLowerCase().replace(/[_\-\s]/g, '');
  return bare.endsWith('event') && bare !== 'event' ? bare.slice(0, -5) : bare;
}

function eventPayload(message: JsonObject): JsonObject {
  return objectField(message.data) ?? objectField(message.value) ?? message;
}

/** Python fields are snake_case, TypeScript ones camelCase. */
function field(payload: JsonObject, snake: string, camel: string): unknown {
  return payload[snake] !== undefined ? payload[snake] : payload[camel];
}

const TERMINAL_KINDS = new Set(['stop', 'workflowfailed', 'workflowtimedout', 'workflowcancelled']);

const FAILURE_TEXT: Record<string, string> = {
  workflowfailed: 'The workflow failed.',
  workflowtimedout: 'The workflow timed out.',
  workflowcancelled: 'The workflow was cancelled.',
};

/** A failed, timed-out or cancelled run as an in-band error. */
function failure(kind: string, payload: JsonObject): Extract<ChatStreamEvent, { type: 'error' }> {
  const message = stringField(payload.message) ?? stringField(payload.error) ?? FAILURE_TEXT[kind]!;
  const code = stringField(field(payload, 'error_type', 'errorType')) ?? (kind === 'workflowtimedout' ? 'timeout' : kind === 'workflowcancelled' ? 'cancelled' : undefined);
  return code === undefined ? { type: 'error', message } : { type: 'error', message, code };
}

class LlamaIndexDecoder implements ProtocolDecoder {
  private readonly startedTools = new Set<string>();
  private readonly endedInputs = new Set<string>();
  private toolCount = 0;

  decode(frame: WireFrame, emit: (event: ChatStreamEvent) => void): void {
    const message = parseJsonObject(frame.data);
    if (message === undefined) return;
    const payload = eventPayload(message);
    switch (eventKind(message)) {
      case 'agentstream': {
        const agent = stringField(field(payload, 'current_agent_name', 'currentAgentName'));
        const thinking = stringField(field(payload, 'thinking_delta', 'thinkingDelta'));
        if (thinking) emit(agent === undefined ? { type: 'reasoning-delta', delta: thinking } : { type: 'reasoning-delta', delta: thinking, partId: agent });
        const delta = stringField(payload.delta);
        if (delta) emit(agent === undefined ? { type: 'text-delta', delta } : { type: 'text-delta', delta, partId: agent });
        return;
      }
      case 'toolcall':
      case 'agenttoolcall':
        this.toolCall(payload, emit);
        return;
      case 'toolcallresult':
      case 'agenttoolcallresult': {
        const toolCallId = this.toolCall(payload, emit);
        const toolName = stringField(field(payload, 'tool_name', 'toolName'));
        const { output, isError } = readToolOutput(field(payload, 'tool_output', 'toolOutput'));
        const result: Extract<ChatStreamEvent, { type: 'tool-result' }> = { type: 'tool-result', toolCallId, output };
        if (toolName !== undefined) result.toolName = toolName;
        if (isError) result.isError = true;
        emit(result);
        return;
      }
      case 'stop':
        emit({ type: 'finish', reason: 'stop' });
        return;
      case 'workflowfailed':
      case 'workflowtimedout':
      case 'workflowcancelled':
        emit(failure(eventKind(message), payload));
        return;
      default:
        return;
    }
  }

  isTerminal(frame: WireFrame): boolean {
    // Prefilter: only a frame that mentions "stop" or "workflow" can end the run.
    if (!/stop|workflow/i.test(frame.data)) return false;
    const message = parseJsonObject(frame.data);
    return message !== undefined && TERMINAL_KINDS.has(eventKind(message));
  }

  /** Announces the call and its (whole) input once, whichever of ToolCall / ToolCallResult comes first. */
  private toolCall(payload: JsonObject, emit: (event: ChatStreamEvent) => void): string {
    const toolCallId = stringField(field(payload, 'tool_id', 'toolId')) ?? `tool-${++this.toolCount}`;
    if (!this.startedTools.has(toolCallId)) {
      this.startedTools.add(toolCallId);
      emit({ type: 'tool-start', toolCallId, toolName: stringField(field(payload, 'tool_name', 'toolName')) ?? 'tool' });
    }
    const input = field(payload, 'tool_kwargs', 'toolKwargs');
    if (!this.endedInputs.has(toolCallId)) {
      this.endedInputs.add(toolCallId);
      emit(input === undefined ? { type: 'tool-input-end', toolCallId } : { type: 'tool-input-end', toolCallId, input });
    }
    return toolCallId;
  }
}

function readToolOutput(value: unknown): { output: unknown; isError: boolean } {
  if (!isJsonObject(value)) return { output: value, isError: false };
  const isError = value.is_error === true || value.isError === true;
  // Python ToolOutput: `raw_output` is what the function returned, `content` its text form.
  if (value.raw_output !== undefined && value.raw_output !== null) return { output: value.raw_output, isError };
  if (value.output !== undefined) return { output: value.output, isError };
  if (typeof value.content === 'string') return { output: value.content, isError };
  return { output: value, isError };
}
