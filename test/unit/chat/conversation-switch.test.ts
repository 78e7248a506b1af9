import { act, renderHook } from '@testing-library/react';
import { expect, test } from 'vitest';
import { ChatStore } from '../../../src/core/chat/chat-store.js';
import type { ChatPersistence } from '../../../src/core/chat/persistence.js';
import { messageText, type ChatMessage } from '../../../src/core/chat/types.js';
import { genericProtocol } from '../../../src/core/protocols/generic.js';
import { useChatStream } from '../../../src/hooks/useChatStream.js';
import { manualFrames, scriptedTransport } from './support.js';

// Changing the conversation id switches conversations: B is loaded (or starts empty), A is never
// written under B's key, and a reply still streaming for A is stopped and saved under A.

let ids = 0;
const generateId = () => `m${++ids}`;

const said = (role: 'user' | 'assistant', text: string): ChatMessage => ({
  id: generateId(),
  role,
  parts: [{ type: 'text', text }],
  createdAt: 0,
  ...(role === 'assistant' ? { status: 'done' as const } : {}),
});

/** An in-memory persistence that records every save, optionally answering loads later. */
function memoryPersistence(initial: Record<string, ChatMessage[]>, options: { async?: boolean } = {}) {
  const stored = new Map(Object.entries(initial));
  const saves: Array<{ id: string; texts: string[] }> = [];
  const pendingLoads: Array<() => void> = [];
  const persistence: ChatPersistence = {
    load(id) {
      const value = stored.get(id) ?? null;
      if (!options.async) return value;
      return new Promise((resolve) => pendingLoads.push(() => resolve(value)));
    },
    save(id, messages) {
      stored.set(id, [...messages]);
      saves.push({ id, texts: messages.map(messageText) });
    },
    remove(id) {
      stored.delete(id);
    },
  };
  return {
    persistence,
    saves,
    texts: (id: string) => stored.get(id)?.map(messageText),
    /** Answers the oldest pending load. */
    answerLoad: async () => {
      pendingLoads.shift()?.();
      await settle();
    },
  };
}

/** Lets queued saves and loads (promise callbacks) run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setup(id: string, persistence: ChatPersistence, extra: Partial<ConstructorParameters<typeof ChatStore>[0]> = {}) {
  const wire = scriptedTransport();
  const store = new ChatStore({
    transport: wire.transport,
    protocol: genericProtocol,
    generateId,
    frames: manualFrames().source,
    id,
    persistence,
    ...extra,
  });
  const texts = () => store.getSnapshot().messages.map(messageText);
  return { wire, store, texts };
}

test('switching id loads the other conversation and never writes A under B', async () => {
  const memory = memoryPersistence({
    A: [said('user', 'Hola A'), said('assistant', 'Respuesta A')],
    B: [said('user', 'Hola B'), said('assistant', 'Respuesta B')],
  });
  const { store, wire, texts } = setup('A', memory.persistence);
  expect(texts()).toEqual(['Hola A', 'Respuesta A']);

  store.setOptions({ id: 'B' });
  expect(texts()).toEqual(['Hola B', 'Respuesta B']);
  await settle();
  expect(memory.texts('B')).toEqual(['Hola B', 'Respuesta B']);
  expect(memory.saves.filter((save) => save.id === 'B')).toEqual([]);

  // The next turn belongs to B and goes out with B's id and history.
  store.send('Otra pregunta para B');
  wire.frame({ content: 'Claro' });
  wire.frame('[DONE]');
  await settle();
  expect(memory.texts('B')).toEqual(['Hola B', 'Respuesta B', 'Otra pregunta para B', 'Claro']);
  expect(memory.texts('A')).toEqual(['Hola A', 'Respuesta A']);
  const body = wire.requests[0]!.body as { id: string; messages: Array<{ content: string }> };
  expect(body.id).toBe('B');
  expect(body.messages.map((m) => m.content)).toEqual(['Hola B', 'Respuesta B', 'Otra pregunta para B']);
});

test('a conversation with nothing saved starts from initialMessages (or empty)', () => {
  const memory = memoryPersistence({ A: [said('user', 'Hola A'), said('assistant', 'Respuesta A')] });
  const { store, texts } = setup('A', memory.persistence);
  store.setOptions({ id: 'nuevo' });
  expect(texts()).toEqual([]);
  expect(store.getSnapshot().status).toBe('ready');

  store.setOptions({ id: 'A' });
  expect(texts()).toEqual(['Hola A', 'Respuesta A']);
  store.setOptions({ id: 'otro', initialMessages: [said('assistant', '¿En qué te ayudo?')] });
  expect(texts()).toEqual(['¿En qué te ayudo?']);
});

test('a reply streaming for A is stopped; its partial text is saved under A, not B', async () => {
  const memory = memoryPersistence({ B: [said('user', 'Hola B')] });
  const finished: ChatMessage[] = [];
  const { store, wire, texts } = setup('A', memory.persistence, { onFinish: (message) => finished.push(message) });
  store.send('Cuéntame una historia');
  wire.frame({ content: 'Había una vez ' });

  store.setOptions({ id: 'B' });
  expect(wire.aborts).toBe(1);
  wire.frame({ content: 'un taquero' }); // a late frame of A's reply: ignored
  expect(texts()).toEqual(['Hola B']);
  expect(store.getSnapshot().status).toBe('ready');
  await settle();
  expect(memory.texts('A')).toEqual(['Cuéntame una historia', 'Había una vez ']);
  expect(memory.texts('B')).toEqual(['Hola B']);
  expect(memory.saves.filter((save) => save.id === 'B')).toEqual([]);
  expect(finished.map((m) => [m.status, messageText(m)])).toEqual([['stopped', 'Había una vez ']]);
});

test('a slow load of A that answers after the switch to B is ignored', async () => {
  const memory = memoryPersistence(
    { A: [said('user', 'Hola A')], B: [said('user', 'Hola B')] },
    { async: true },
  );
  const { store, texts } = setup('A', memory.persistence);
  store.setOptions({ id: 'B' });
  await memory.answerLoad(); // A's load, late
  expect(texts()).toEqual([]);
  await memory.answerLoad(); // B's
  expect(texts()).toEqual(['Hola B']);
  expect(memory.saves).toEqual([]);
});

test('useChatStream: changing the id prop shows B and keeps A intact', async () => {
  const memory = memoryPersistence({
    A: [said('user', 'Hola A')],
    B: [said('user', 'Hola B'), said('assistant', 'Respuesta B')],
  });
  const wire = scriptedTransport();
  const { result, rerender } = renderHook(
    ({ id }: { id: string | undefined }) =>
      useChatStream({ api: '/chat', transport: wire.transport, protocol: genericProtocol, id, persistence: memory.persistence, generateId }),
    { initialProps: { id: 'A' as string | undefined } },
  );
  expect(result.current.messages.map(messageText)).toEqual(['Hola A']);
  act(() => result.current.send('Y además'));
  act(() => wire.frame({ content: 'Parcial' }));

  rerender({ id: 'B' });
  expect(result.current.messages.map(messageText)).toEqual(['Hola B', 'Respuesta B']);
  expect(result.current.status).toBe('ready');
  await act(settle);
  expect(memory.texts('A')).toEqual(['Hola A', 'Y además', 'Parcial']);
  expect(memory.texts('B')).toEqual(['Hola B', 'Respuesta B']);

  // Dropping the id is a switch too: a fresh, unsaved conversation.
  rerender({ id: undefined });
  expect(result.current.messages).toEqual([]);
});
