// What each entry point costs an app: the built package bundled with Vite (minified, React
// external, eventsource-parser included because users ship it too), gzipped. Each budget is a
// byte count the check fails above, so a change that bloats an import is noticed.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, '.tmp', 'size');

/** Imports users write, and their gzip budgets in bytes (about 15 % above the size measured when set). */
const imports = [
  { name: '{ useSSEStream }', code: "export { useSSEStream } from 'react-streamkit';", budget: 9_300 },
  { name: '{ useSocketStream }', code: "export { useSocketStream } from 'react-streamkit';", budget: 8_500 },
  { name: '{ useChatStream }', code: "export { useChatStream } from 'react-streamkit';", budget: 23_500 },
  { name: '{ StreamChat }', code: "export { StreamChat } from 'react-streamkit';", budget: 33_000 },
  { name: "'react-streamkit/styles.css'", css: true, budget: 4_000 },
];

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
let failed = false;
const rows = [];
for (const [index, entry] of imports.entries()) {
  let bytes;
  if (entry.css) {
    bytes = gzipSync(readFileSync(join(root, 'dist', 'styles.css'))).length;
  } else {
    const file = join(work, `entry-${index}.js`);
    writeFileSync(file, entry.code);
    const output = await build({
      configFile: false,
      logLevel: 'silent',
      resolve: { alias: { 'react-streamkit': join(root, 'dist', 'index.js') } },
      build: {
        write: false,
        minify: true,
        lib: { entry: file, formats: ['es'], fileName: 'entry' },
        rollupOptions: { external: [/^react($|\/)/, /^react-dom($|\/)/] },
      },
    });
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => result.output);
    bytes = gzipSync(chunks.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('')).length;
  }
  const over = bytes > entry.budget;
  failed ||= over;
  rows.push(`  ${entry.name.padEnd(30)} ${String(bytes).padStart(7)} B gzip   budget ${entry.budget} B${over ? '   OVER BUDGET' : ''}`);
}
console.log('Bundle size per import (minified + gzip, React external):');
console.log(rows.join('\n'));
if (failed) {
  console.error('An import is over its size budget.');
  process.exit(1);
}
