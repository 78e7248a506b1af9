import { expect, test, vi } from 'vitest';
import { ChatStore } from '../../../src/core/chat/chat-store.js';
import { messageText } from '../../../src/core/chat/types.js';
import { genericProtocol } from '../../../src/core/protocols/generic.js';
import type { ChatStreamEvent, ProtocolAdapter, WireFrame } from '../../../src/core/protocols/types.js';
import type { StreamChatProps } from '../../../src/components/StreamChat.js';
import { manualFrames, scriptedTransport } from './support.js';

// `protocol` takes an adapter object as well as a name. With an object, the name registry and
// detection (every built-in adapter) are never loaded; names and detection load them on demand.

const registry = vi.hoisted(() => ({ loads: 0 }));
vi.mock('../../../src/core/protocols/registry.js', async (importOriginal) => {
  registry.loads++;
  return await importOriginal();
});

/** A wire format of the app's own: `+text` adds text, `=reason` ends the reply. */
const plusProtocol: ProtocolAdapter = {
  name: 'plus-lines',
  createDecoder: () => ({
    decode(frame: WireFrame, emit: (event: ChatStreamEvent) => void) {
      if (frame.data.startsWith('+')) emit({ type: 'text-delta', delta: frame.data.slice(1) });
      else if (frame.data.startsWith('=')) emit({ type: 'finish', reason: 'stop', raw: frame.data.slice(1) });
    },
    isTerminal: (frame: WireFrame) => frame.data.startsWith('='),
  }),
};

function setup(protocol: ConstructorParameters<typeof ChatStore>[0]['protocol']) {
  const wire = scriptedTransport();
  const store = new ChatStore({ transport: wire.transport, protocol, frames: manualFrames().source });
  return { wire, store, snapshot: () => store.getSnapshot() };
}

const until = (condition: () => boolean) => vi.waitFor(() => expect(condition()).toBe(true));

test('an adapter object is used as given: no registry, no detection, the request goes out at once', () => {
  const { wire, store, snapshot } = setup(genericProtocol);
  store.send('Hola');
  expect(wire.requests).toHaveLength(1);
  wire.open();
  wire.frame({ content: 'Buenas ' });
  wire.frame({ content: 'tardes' });
  wire.frame('[DONE]');
  expect(snapshot().status).toBe('ready');
  expect(messageText(snapshot().messages[1]!)).toBe('Buenas tardes');
  expect(registry.loads).toBe(0);
});

test('a custom adapter decodes a wire format of your own', () => {
  const { wire, store, snapshot } = setup(plusProtocol);
  store.send('Hola');
  wire.open('text/plain'); // would be detected as `text`: an explicit adapter wins
  wire.frame('+Tres tacos ');
  wire.frame('+al pastor');
  wire.frame('=fin');
  const reply = snapshot().messages[1]!;
  expect(reply.status).toBe('done');
  expect(messageText(reply)).toBe('Tres tacos al pastor');
  expect(reply.finishReason).toBe('stop');
  expect(reply.rawFinishReason).toBe('fin');
  expect(registry.loads).toBe(0);
});

test('a name still works: the registry is loaded before the request is sent', async () => {
  const { wire, store, snapshot } = setup('generic');
  store.send('Hola');
  await until(() => wire.requests.length === 1);
  expect(registry.loads).toBe(1);
  wire.open();
  wire.frame({ content: 'Por nombre' });
  wire.frame('[DONE]');
  expect(messageText(snapshot().messages[1]!)).toBe('Por nombre');
});

test('without a protocol the format is detected from the response', async () => {
  const { wire, store, snapshot } = setup(undefined);
  store.send('Hola');
  await until(() => wire.requests.length === 1);
  wire.open();
  wire.frame({ type: 'message_start', message: { id: 'msg_1', role: 'assistant' } }, 'message_start');
  wire.frame({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start');
  wire.frame({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Detectado' } }, 'content_block_delta');
  wire.frame({ type: 'message_stop' }, 'message_stop');
  expect(snapshot().status).toBe('ready');
  expect(messageText(snapshot().messages[1]!)).toBe('Detectado');
});

test('StreamChat takes the adapter object as its protocol prop (type check)', () => {
  const props: StreamChatProps = { api: '/chat', protocol: plusProtocol };
  expect(props.protocol).toBe(plusProtocol);
});
