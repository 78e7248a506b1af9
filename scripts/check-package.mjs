// Checks the package as users receive it: build, `npm pack`, then publint and
// arethetypeswrong on the tarball, then import both entries from the unpacked tarball in plain
// Node (no DOM) and server-render a component that uses a hook.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, '.tmp', 'package-check');
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

run('node', ['scripts/build.mjs']);
run('node', ['scripts/size.mjs']);
const packed = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
);
const tarball = join(work, packed[0].filename);
console.log(`packed ${packed[0].filename}: ${packed[0].entryCount} files, ${packed[0].size} bytes`);

run('publint', ['run', tarball, '--strict']);
// The stylesheet has no types by nature; every other entry must resolve with types.
run('attw', [tarball, '--profile', 'esm-only', '--exclude-entrypoints', './styles.css']);

// A consumer project: the tarball unpacked as node_modules/react-streamkit, with the real
// react/react-dom/eventsource-parser/msw linked from ours.
const consumer = join(work, 'consumer');
const pkgDir = join(consumer, 'node_modules', 'react-streamkit');
mkdirSync(pkgDir, { recursive: true });
run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
for (const dep of ['react', 'react-dom', 'eventsource-parser', 'msw', 'scheduler']) {
  symlinkSync(join(root, 'node_modules', dep), join(consumer, 'node_modules', dep), 'dir');
}
writeFileSync(join(consumer, 'package.json'), JSON.stringify({ type: 'module', private: true }));
writeFileSync(
  join(consumer, 'ssr.mjs'),
  `
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('expected plain Node');
const kit = await import('react-streamkit');
const mock = await import('react-streamkit/msw');
for (const name of ['useSSEStream', 'SSEClient', 'StreamError']) {
  if (typeof kit[name] !== 'function') throw new Error('missing export ' + name);
}
if (typeof mock.sseHandler !== 'function') throw new Error('missing msw export sseHandler');
function Feed() {
  const { status } = kit.useSSEStream('http://127.0.0.1:9/never');
  return createElement('p', null, status);
}
const html = renderToString(createElement(Feed));
if (html !== '<p>idle</p>') throw new Error('unexpected SSR output ' + html);
console.log('plain Node import and server render: ok (' + html + ')');
`,
);
run('node', ['ssr.mjs'], consumer);
console.log('package checks passed');
