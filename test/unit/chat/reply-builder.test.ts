import { expect, test } from 'vitest';
import { ReplyBuilder } from '../../../src/core/chat/reply-builder.js';
import type { ToolPart } from '../../../src/core/chat/types.js';

test('text deltas append to one part; interleaved blocks keep their own parts', () => {
  const reply = new ReplyBuilder('a1', 0, 0);
  reply.apply({ type: 'reasoning-delta', delta: 'Thinking ', partId: 'r' }, 1);
  reply.apply({ type: 'text-delta', delta: 'Tres ', partId: 't' }, 2);
  reply.apply({ type: 'reasoning-delta', delta: 'more', partId: 'r' }, 3);
  reply.apply({ type: 'text-delta', delta: 'tacos', partId: 't' }, 4);
  const message = reply.snapshot();
  expect(message.parts).toEqual([
    { type: 'reasoning', text: 'Thinking more' },
    { type: 'text', text: 'Tres tacos' },
  ]);
  expect(message.metrics).toMatchObject({ timeToFirstTokenMs: 1, deltas: 4 });
});

test('tool input assembled from deltas equals JSON.parse of the whole input', () => {
  const input = { order: 'PED-1', items: [{ name: 'taco al pastor', qty: 3 }], note: '¡Hola! 🌮' };
  const json = JSON.stringify(input);
  const reply = new ReplyBuilder('a1', 0, 0);
  reply.apply({ type: 'tool-start', toolCallId: 'c1', toolName: 'place_order' }, 0);
  for (let i = 0; i < json.length; i += 7) reply.apply({ type: 'tool-input-delta', toolCallId: 'c1', delta: json.slice(i, i + 7) }, 0);
  expect((reply.snapshot().parts[0] as ToolPart).state).toBe('input-streaming');
  reply.apply({ type: 'tool-input-end', toolCallId: 'c1' }, 0);
  reply.apply({ type: 'tool-result', toolCallId: 'c1', output: { eta: 12 } }, 0);
  const tool = reply.snapshot().parts[0] as ToolPart;
  expect(tool.input).toEqual(JSON.parse(json));
  expect(tool).toMatchObject({ state: 'output-available', toolName: 'place_order', output: { eta: 12 } });
});

test('snapshot keeps its identity until something changes', () => {
  const reply = new ReplyBuilder('a1', 0, 0);
  reply.apply({ type: 'text-delta', delta: 'a' }, 0);
  const first = reply.snapshot();
  expect(reply.snapshot()).toBe(first);
  reply.apply({ type: 'text-delta', delta: 'b' }, 0);
  expect(reply.snapshot()).not.toBe(first);
  expect(first.parts[0]).toEqual({ type: 'text', text: 'a' });
});
