import type { ChatStreamEvent } from './types.js';

/**
 * Collects the JSON fragments of streamed tool calls and parses each call's input exactly once,
 * when the call's input ends. Fragments are kept as a list and joined at the end, so each delta
 * costs O(delta) and no partial JSON is ever re-parsed.
 */
export class ToolInputBuffers {
  private readonly fragments = new Map<string, string[]>();

  /** Starts collecting for `toolCallId` (idempotent). */
  open(toolCallId: string): void {
    if (!this.fragments.has(toolCallId)) this.fragments.set(toolCallId, []);
  }

  /** True while `toolCallId` is open (started and not yet ended). */
  isOpen(toolCallId: string): boolean {
    return this.fragments.has(toolCallId);
  }

  /** True when `toolCallId` is open and at least one non-empty fragment came for it. */
  hasFragments(toolCallId: string): boolean {
    return (this.fragments.get(toolCallId)?.length ?? 0) > 0;
  }

  /** Ids of the calls still open, in the order they were opened. */
  openIds(): string[] {
    return [...this.fragments.keys()];
  }

  /** Records one fragment and emits it as a `tool-input-delta`. Empty fragments emit nothing. */
  append(toolCallId: string, delta: string, emit: (event: ChatStreamEvent) => void): void {
    if (delta === '') return;
    let parts = this.fragments.get(toolCallId);
    if (parts === undefined) {
      parts = [];
      this.fragments.set(toolCallId, parts);
    }
    parts.push(delta);
    emit({ type: 'tool-input-delta', toolCallId, delta });
  }

  /**
   * Closes `toolCallId` and emits `tool-input-end`. `input` is the parsed fragments; when no
   * fragment came it is `whenEmpty` (Anthropic's `{}` for a tool without parameters, or the
   * whole arguments a format repeats at the end). When the fragments are not valid JSON the
   * event carries no `input`: the consumer still has the raw deltas and decides what to show.
   */
  close(toolCallId: string, emit: (event: ChatStreamEvent) => void, whenEmpty?: unknown): void {
    const parts = this.fragments.get(toolCallId);
    this.fragments.delete(toolCallId);
    const text = parts === undefined ? '' : parts.join('');
    let input: unknown = whenEmpty;
    if (text !== '') {
      try {
        input = JSON.parse(text);
      } catch {
        input = undefined;
      }
    }
    emit(input === undefined ? { type: 'tool-input-end', toolCallId } : { type: 'tool-input-end', toolCallId, input });
  }
}
