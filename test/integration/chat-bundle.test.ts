import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { build, type Rollup } from 'vite';

// An app that passes a protocol adapter object must not ship the other adapters or the
// detection code: the name registry is loaded with a dynamic import(), which a bundler splits
// into a chunk of its own that such an app never loads. Built from source with Vite (the
// bundler users have), React external, the way scripts/size.mjs measures the package.

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/** A string only each adapter's (and detection's) code holds, kept by minification. */
const MARKERS = {
  anthropic: 'cache_creation_input_tokens',
  openai: 'tool_calls',
  'openai-responses': 'max_output_tokens',
  'ai-sdk': 'Invalid tool input.',
  llamaindex: 'agentsetup',
  detection: 'x-vercel-ai-ui-message-stream',
} as const;

/** A string only the WebSocket client holds (its handshake timeout message). */
const SOCKET_CLIENT_MARKER = 'handshake did not complete';

/** The code an app bundling `code` loads up front (`entry`) and on demand (`lazy`). */
async function bundle(code: string): Promise<{ entry: string; lazy: string[] }> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'virtual-entry',
        resolveId: (id) => (id === 'virtual:entry' ? '\0virtual:entry' : null),
        load: (id) => (id === '\0virtual:entry' ? code : null),
      },
    ],
    build: {
      write: false,
      minify: true,
      rollupOptions: {
        input: 'virtual:entry',
        // Keep the entry's exports, as the app code using them would.
        preserveEntrySignatures: 'strict',
        external: [/^react($|\/)/, /^react-dom($|\/)/],
      },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output as Rollup.RollupOutput])
    .flatMap((result) => result.output)
    .filter((chunk): chunk is Rollup.OutputChunk => chunk.type === 'chunk');
  // What the app loads up front: the entry and every chunk it imports statically (a module both
  // sides use, like the explicit adapter, becomes a shared chunk). The rest loads on demand.
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const initial = new Set<Rollup.OutputChunk>();
  const visit = (chunk: Rollup.OutputChunk | undefined) => {
    if (chunk === undefined || initial.has(chunk)) return;
    initial.add(chunk);
    for (const name of chunk.imports) visit(byName.get(name));
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk);
  return {
    entry: [...initial].map((chunk) => chunk.code).join('\n'),
    lazy: chunks.filter((chunk) => !initial.has(chunk)).map((chunk) => chunk.code),
  };
}

test('ChatStore with an explicit adapter: the other adapters and detection are only in a lazy chunk', async () => {
  const { entry, lazy } = await bundle(`
    import { ChatStore, anthropicProtocol } from ${JSON.stringify(`${src}core/index.ts`)};
    export const chat = (transport) => new ChatStore({ transport, protocol: anthropicProtocol });
  `);
  expect(entry).toContain(MARKERS.anthropic);
  for (const [name, marker] of Object.entries(MARKERS)) {
    if (name !== 'anthropic') expect(entry, name).not.toContain(marker);
  }
  // The registry is still there for names and detection, loaded on demand.
  for (const [name, marker] of Object.entries(MARKERS)) {
    if (name !== 'anthropic') expect(lazy.join('\n'), name).toContain(marker);
  }
}, 60_000);

test('StreamChat with an explicit adapter carries that adapter only', async () => {
  const { entry, lazy } = await bundle(`
    import { StreamChat, openaiProtocol } from ${JSON.stringify(`${src}index.ts`)};
    export { StreamChat, openaiProtocol };
  `);
  expect(entry).toContain(MARKERS.openai);
  for (const [name, marker] of Object.entries(MARKERS)) {
    if (name !== 'openai') expect(entry, name).not.toContain(marker);
  }
  for (const [name, marker] of Object.entries(MARKERS)) {
    if (name !== 'openai') expect(lazy.join('\n'), name).toContain(marker);
  }
  // The WebSocket client loads only when a chat uses a ws:// endpoint.
  expect(entry).not.toContain(SOCKET_CLIENT_MARKER);
  expect(lazy.join('\n')).toContain(SOCKET_CLIENT_MARKER);
}, 60_000);
