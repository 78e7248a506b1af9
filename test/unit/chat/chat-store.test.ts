import { afterEach, expect, test } from 'vitest';
import { ChatStore } from '../../../src/core/chat/chat-store.js';
import { localStoragePersistence } from '../../../src/core/chat/persistence.js';
import { messageText, type ChatMessage } from '../../../src/core/chat/types.js';
import { genericProtocol } from '../../../src/core/protocols/generic.js';
import { manualFrames, scriptedTransport } from './support.js';

let ids = 0;
const generateId = () => `id${++ids}`;
afterEach(() => localStorage.clear());

function setup(options: Partial<ConstructorParameters<typeof ChatStore>[0]> = {}) {
  const wire = scriptedTransport();
  const frames = manualFrames();
  const store = new ChatStore({ transport: wire.transport, protocol: genericProtocol, generateId, frames: frames.source, ...options });
  return { wire, frames, store, snapshot: () => store.getSnapshot() };
}

test('send streams a reply: submitted → streaming → ready, text is the concatenated deltas', () => {
  const { wire, store, snapshot } = setup();
  store.send('¿Cuánto falta?');
  expect(snapshot().status).toBe('submitted');
  wire.open();
  wire.frame({ content: 'Unos ' });
  expect(snapshot().status).toBe('streaming');
  wire.frame({ content: '12 minutos 🌮' });
  wire.frame('[DONE]');
  const { status, messages } = snapshot();
  expect(status).toBe('ready');
  expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  expect(messageText(messages[1]!)).toBe('Unos 12 minutos 🌮');
  expect(messages[1]!.status).toBe('done');
  expect(messages[1]!.parts).toEqual([{ type: 'text', text: 'Unos 12 minutos 🌮' }]);
});

test('the request builder receives the whole history on the next turn', () => {
  const { wire, store } = setup({ body: { model: 'taquero-1' } });
  store.send('Quiero 3 tacos al pastor');
  wire.frame({ content: 'Listo.' });
  wire.frame('[DONE]');
  store.send('¿Cuánto falta?');
  const body = wire.requests[1]!.body as { messages: Array<{ role: string; content: string }>; message: string; model: string };
  expect(body.messages.map((m) => [m.role, m.content])).toEqual([
    ['user', 'Quiero 3 tacos al pastor'],
    ['assistant', 'Listo.'],
    ['user', '¿Cuánto falta?'],
  ]);
  expect(body.message).toBe('¿Cuánto falta?');
  expect(body.model).toBe('taquero-1');
});

test('stop keeps exactly the partial text received and marks the message stopped', () => {
  const { wire, store, snapshot } = setup();
  store.send('Cuéntame una historia larga');
  wire.frame({ content: 'Había una vez ' });
  wire.frame({ content: 'un taquero' });
  store.stop();
  expect(wire.aborts).toBe(1);
  wire.frame({ content: ' que nunca llegó' }); // late frame after stop: ignored
  const reply = snapshot().messages[1]!;
  expect(reply.status).toBe('stopped');
  expect(messageText(reply)).toBe('Había una vez un taquero');
  expect(snapshot().status).toBe('ready');
});

test('a truncated stream puts the message in error and keeps its text; retry replaces it', () => {
  const { wire, store, snapshot } = setup();
  store.send('Hola');
  wire.frame({ content: 'Buenas' });
  wire.fail('truncated');
  expect(snapshot().status).toBe('error');
  expect(snapshot().error?.kind).toBe('truncated');
  const failed = snapshot().messages[1]!;
  expect(failed).toMatchObject({ status: 'error' });
  expect(failed.error?.kind).toBe('truncated');
  expect(messageText(failed)).toBe('Buenas');

  store.retry();
  expect(wire.requests).toHaveLength(2);
  expect(snapshot().messages).toHaveLength(1); // the failed reply is gone, the question stays
  wire.frame({ content: 'Buenas tardes' });
  wire.frame('[DONE]');
  expect(snapshot().messages.map((m) => m.status ?? 'user')).toEqual(['user', 'done']);
  expect(snapshot().error).toBeNull();
});

test('an in-band provider error ends the reply in error with a provider kind', () => {
  const { wire, store, snapshot } = setup();
  store.send('Hola');
  wire.frame({ content: 'Parcial' });
  wire.frame({ type: 'error', error: 'Overloaded' });
  wire.fail('truncated');
  const reply = snapshot().messages[1]!;
  expect(reply.status).toBe('error');
  expect(reply.error?.kind).toBe('provider');
  expect(messageText(reply)).toBe('Parcial');
});

test('an error before any token is the chat error, with no assistant message', () => {
  const { wire, store, snapshot } = setup();
  store.send('Hola');
  wire.fail('network');
  expect(snapshot().status).toBe('error');
  expect(snapshot().messages).toHaveLength(1);
});

test('20,000 deltas: publications bounded by frames, finished messages keep their identity', () => {
  const { wire, store, frames } = setup();
  let publications = 0;
  store.subscribe(() => publications++);
  store.send('Primera');
  wire.frame({ content: 'Uno.' });
  wire.frame('[DONE]');
  frames.step();
  const finished = store.getSnapshot().messages.slice();

  store.send('Segunda');
  publications = 0;
  let framesRun = 0;
  for (let i = 0; i < 20_000; i++) {
    wire.frame({ content: 'x' });
    if (i % 500 === 499 && frames.step()) framesRun++;
  }
  wire.frame('[DONE]');
  const messages = store.getSnapshot().messages;
  expect(messageText(messages[3]!)).toHaveLength(20_000);
  expect(publications).toBeLessThanOrEqual(framesRun + 2);
  // The earlier turn is the very same objects: memoised message views will not re-render.
  expect(messages[0]).toBe(finished[0]);
  expect(messages[1]).toBe(finished[1]);
});

test('a conversation with an id is saved and restored through the persistence adapter', async () => {
  const persistence = localStoragePersistence('test:');
  const first = setup({ id: 'conv-1', persistence });
  first.store.send('Guárdame esto');
  first.wire.frame({ content: 'Guardado' });
  first.wire.frame('[DONE]');
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(localStorage.getItem('test:conv-1')).toContain('Guardado');

  const second = setup({ id: 'conv-1', persistence });
  const restored: readonly ChatMessage[] = second.snapshot().messages;
  expect(restored.map((m) => messageText(m))).toEqual(['Guárdame esto', 'Guardado']);

  second.store.clear();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(localStorage.getItem('test:conv-1')).toBeNull();
});

test('stop is published at once, even inside an open frame window (a subscriber sees it without a frame)', () => {
  const { wire, store } = setup();
  const seen: Array<{ status: string; last: string | undefined }> = [];
  store.subscribe(() => {
    const { status, messages } = store.getSnapshot();
    seen.push({ status, last: messages[1]?.status });
  });
  store.send('Cuéntame');
  wire.frame({ content: 'Primero. ' }); // published at once: a frame window opens
  wire.frame({ content: 'Segundo. ' }); // held for the frame
  store.stop();
  expect(seen.at(-1)).toEqual({ status: 'ready', last: 'stopped' });
  expect(messageText(store.getSnapshot().messages[1]!)).toBe('Primero. Segundo. ');
});
