import type { ChatStreamEvent } from '../protocols/types.js';
import type { ChatMessage, MessagePart, ReasoningPart, TextPart, ToolPart } from './types.js';

/**
 * Builds one assistant message from the events of its stream, with O(delta) work per event:
 * text is appended to the open part (engines concatenate strings without copying), tool input
 * fragments are appended and parsed once when complete, and nothing earlier is re-read.
 *
 * The builder is mutable; `snapshot()` returns an immutable message and is meant to be called
 * at most once per frame (it copies only the parts list, not the text).
 */
export class ReplyBuilder {
  private readonly parts: MessagePart[] = [];
  /** The open text/reasoning part per `partId`, so interleaved blocks append to the right one. */
  private readonly openParts = new Map<string, TextPart | ReasoningPart>();
  private readonly tools = new Map<string, ToolPart>();
  private lastTextual: TextPart | ReasoningPart | null = null;
  private firstTokenAt: number | null = null;
  private lastTokenAt: number | null = null;
  private deltas = 0;
  private endedAt: number | null = null;
  private changed = true;
  private cached: ChatMessage | null = null;
  message: Omit<ChatMessage, 'parts'>;

  constructor(
    id: string,
    private readonly startedAt: number,
    createdAt: number,
  ) {
    this.message = { id, role: 'assistant', createdAt, status: 'streaming' };
  }

  /** Applies one event. `now` is the clock reading, for the metrics. */
  apply(event: ChatStreamEvent, now: number): void {
    this.changed = true;
    switch (event.type) {
      case 'start':
        break;
      case 'text-delta':
      case 'reasoning-delta': {
        if (event.delta === '') return;
        const kind = event.type === 'text-delta' ? 'text' : 'reasoning';
        this.appendText(kind, event.delta, event.partId);
        this.firstTokenAt ??= now;
        this.lastTokenAt = now;
        this.deltas++;
        break;
      }
      case 'tool-start':
        this.tool(event.toolCallId, event.toolName);
        this.lastTextual = null;
        break;
      case 'tool-input-delta': {
        const tool = this.tool(event.toolCallId);
        tool.inputText += event.delta;
        break;
      }
      case 'tool-input-end': {
        const tool = this.tool(event.toolCallId);
        tool.state = 'input-available';
        if (event.input !== undefined) tool.input = event.input;
        else tool.input = parseToolInput(tool.inputText);
        break;
      }
      case 'tool-result': {
        const tool = this.tool(event.toolCallId, event.toolName);
        if (event.isError) {
          tool.state = 'output-error';
          tool.errorText = typeof event.output === 'string' ? event.output : JSON.stringify(event.output);
        } else {
          tool.state = 'output-available';
          tool.output = event.output;
        }
        break;
      }
      case 'sources':
        for (const source of event.sources) this.parts.push({ type: 'source', source });
        break;
      case 'usage':
        this.message.usage = { ...this.message.usage, ...event.usage };
        break;
      case 'finish':
        this.message.finishReason = event.reason;
        if (event.raw !== undefined) this.message.rawFinishReason = event.raw;
        break;
      case 'error':
        // The transport layer turns this into a StreamError on the message (see ChatStore).
        break;
      case 'data':
        this.parts.push({ type: 'data', name: event.name, payload: event.payload });
        break;
    }
  }

  /** Marks the reply ended with `status`. */
  end(status: 'done' | 'stopped' | 'error', now: number): void {
    this.message.status = status;
    this.endedAt = now;
    // A tool whose input never completed keeps what was received, parsed if possible.
    for (const tool of this.tools.values()) {
      if (tool.state === 'input-streaming' && tool.inputText !== '') tool.input = parseToolInput(tool.inputText);
    }
    this.changed = true;
  }

  /** True once a text or reasoning token has arrived. */
  get hasTokens(): boolean {
    return this.firstTokenAt !== null;
  }

  /** An immutable view of the message; the same object until something changes. */
  snapshot(): ChatMessage {
    if (!this.changed && this.cached) return this.cached;
    this.changed = false;
    const span = this.firstTokenAt !== null && this.lastTokenAt !== null ? this.lastTokenAt - this.firstTokenAt : 0;
    this.cached = {
      ...this.message,
      parts: this.parts.map((part) => ({ ...part })),
      metrics: {
        timeToFirstTokenMs: this.firstTokenAt === null ? null : this.firstTokenAt - this.startedAt,
        tokensPerSecond: span > 0 ? ((this.deltas - 1) * 1000) / span : null,
        durationMs: this.endedAt === null ? null : this.endedAt - this.startedAt,
        deltas: this.deltas,
      },
    };
    return this.cached;
  }

  private appendText(kind: 'text' | 'reasoning', delta: string, partId: string | undefined): void {
    let part: TextPart | ReasoningPart | undefined;
    if (partId !== undefined) {
      part = this.openParts.get(`${kind}:${partId}`);
    } else if (this.lastTextual?.type === kind) {
      part = this.lastTextual;
    }
    if (part === undefined) {
      const created: TextPart | ReasoningPart = kind === 'text' ? { type: 'text', text: '' } : { type: 'reasoning', text: '' };
      this.parts.push(created);
      if (partId !== undefined) this.openParts.set(`${kind}:${partId}`, created);
      part = created;
    }
    part.text += delta;
    this.lastTextual = part;
  }

  private tool(toolCallId: string, toolName?: string): ToolPart {
    let tool = this.tools.get(toolCallId);
    if (tool === undefined) {
      tool = { type: 'tool', toolCallId, toolName: toolName ?? 'tool', state: 'input-streaming', inputText: '' };
      this.tools.set(toolCallId, tool);
      this.parts.push(tool);
    } else if (toolName !== undefined && tool.toolName === 'tool') {
      tool.toolName = toolName;
    }
    return tool;
  }
}

/** Parses a tool call's complete JSON input; keeps the raw text when it is not valid JSON. */
function parseToolInput(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
