// Checks the package as users receive it. It packs a clean copy of the repository (the files git
// tracks or would track, no dist/, no build output lying around), so whatever `npm pack` or
// `npm publish` would ship from a fresh clone is what gets checked: a missing build hook shows
// up as a tarball without dist/. Then: the tarball's file list, publint and arethetypeswrong,
// the bundle size of each import against its budget, and imports in plain Node — the root entry
// with a server render, `react-streamkit/core` with React not installed at all — on the Node
// this project runs on and on the oldest Node that package.json `engines` allows.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureSizes, reportSizes } from './size.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, '.tmp', 'package-check');
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });
const fail = (message) => {
  console.error(`check:package: ${message}`);
  process.exit(1);
};

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// 1. A clean tree: the working tree's tracked and new (not ignored) files, with our node_modules
//    linked so the build tools are there. It has no dist/: only the package's own hooks can make one.
const tree = join(work, 'tree');
const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\0')
  .filter((file) => file !== '' && existsSync(join(root, file)) && lstatSync(join(root, file)).isFile());
for (const file of files) {
  mkdirSync(dirname(join(tree, file)), { recursive: true });
  copyFileSync(join(root, file), join(tree, file));
}
symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'), 'dir');
if (existsSync(join(tree, 'dist'))) fail('dist/ is tracked by git; it must come from the build.');

// 2. Pack it the way `npm publish` does (lifecycle scripts included).
const packOutput = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
  cwd: tree,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
const packed = JSON.parse(packOutput.slice(packOutput.indexOf('[')))[0];
const tarball = join(work, packed.filename);
console.log(`packed ${packed.filename}: ${packed.entryCount} files, ${packed.size} bytes`);

// 3. The files every entry point needs.
const shipped = new Set(packed.files.map((file) => file.path));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const required = ['package.json', 'README.md', 'LICENSE'];
for (const target of Object.values(manifest.exports)) {
  for (const path of typeof target === 'string' ? [target] : Object.values(target)) required.push(path.replace(/^\.\//, ''));
}
const missing = required.filter((path) => !shipped.has(path));
if (missing.length > 0) {
  fail(
    `the tarball lacks ${missing.join(', ')}.` +
      (missing.some((path) => path.startsWith('dist/'))
        ? ' A clean checkout has no dist/: the prepack/prepare scripts must build it.'
        : ''),
  );
}

run('publint', ['run', tarball, '--strict']);
// The stylesheet has no types by nature; every other entry must resolve with types.
run('attw', [tarball, '--profile', 'esm-only', '--exclude-entrypoints', './styles.css']);

// 4. A consumer project: the tarball unpacked as node_modules/react-streamkit, with the real
//    react/react-dom/eventsource-parser/msw linked from ours.
const consumer = join(work, 'consumer');
const pkgDir = join(consumer, 'node_modules', 'react-streamkit');
mkdirSync(pkgDir, { recursive: true });
run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
for (const dep of ['react', 'react-dom', 'eventsource-parser', 'msw', 'scheduler']) {
  symlinkSync(join(root, 'node_modules', dep), join(consumer, 'node_modules', dep), 'dir');
}
writeFileSync(join(consumer, 'package.json'), JSON.stringify({ type: 'module', private: true }));

const sizes = await measureSizes(consumer);
if (!reportSizes(sizes)) process.exit(1);

// 5. `react-streamkit/core` is React-free: no module reachable from it imports React or carries
//    "use client" (a server component importing it must get real values, not client references).
const reached = new Set();
const pending = [join(pkgDir, 'dist', 'core', 'index.js')];
while (pending.length > 0) {
  const file = pending.pop();
  if (reached.has(file)) continue;
  reached.add(file);
  const code = readFileSync(file, 'utf8');
  if (/^\s*['"]use client['"]/.test(code)) fail(`${file.slice(pkgDir.length + 1)} (reached from ./core) has "use client".`);
  // Static imports and re-exports (tsc writes each at the start of a line; the clause before
  // `from` holds only names, braces, commas and `*`), side-effect imports, dynamic import().
  const specifiers = [
    ...code.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?[\w$*\s{},]*?\s*from\s*['"]([^'"]+)['"]/gm),
    ...code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...code.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  for (const [, specifier] of specifiers) {
    if (specifier.startsWith('.')) pending.push(join(dirname(file), specifier));
    else if (specifier !== 'eventsource-parser') fail(`${file.slice(pkgDir.length + 1)} (reached from ./core) imports ${specifier}.`);
  }
}
console.log(`react-streamkit/core: ${reached.size} modules, none imports React or has "use client"`);
// The root entry is for client components (Next.js app router): it must keep its directive.
if (!/^\s*['"]use client['"]/.test(readFileSync(join(pkgDir, 'dist', 'index.js'), 'utf8'))) {
  fail('dist/index.js lost its "use client" directive.');
}

// A second consumer without React at all: importing the core entry must not need it. It lives
// outside the repository (Node would find our node_modules/react by walking up) and holds its
// own copy of the package (Node resolves a symlink's imports from its real path).
const serverOnly = mkdtempSync(join(tmpdir(), 'react-streamkit-server-only-'));
process.on('exit', () => rmSync(serverOnly, { recursive: true, force: true }));
mkdirSync(join(serverOnly, 'node_modules', 'react-streamkit'), { recursive: true });
run('tar', ['-xzf', tarball, '-C', join(serverOnly, 'node_modules', 'react-streamkit'), '--strip-components=1']);
symlinkSync(join(root, 'node_modules', 'eventsource-parser'), join(serverOnly, 'node_modules', 'eventsource-parser'), 'dir');
writeFileSync(join(serverOnly, 'package.json'), JSON.stringify({ type: 'module', private: true }));
writeFileSync(
  join(serverOnly, 'core.mjs'),
  `
await import('react').then(
  () => { throw new Error('react is resolvable here: this check would prove nothing'); },
  () => {},
);
const core = await import('react-streamkit/core');
for (const name of ['StreamError', 'isStreamError', 'isRetryableError', 'SSEClient', 'SocketClient', 'ChatStore', 'getProtocol', 'detectProtocol']) {
  if (typeof core[name] !== 'function') throw new Error('react-streamkit/core: missing export ' + name);
}
const error = new core.StreamError('network', 'dropped');
if (!core.isRetryableError(error) || core.isRetryableError(new core.StreamError('auth', 'no'))) {
  throw new Error('isRetryableError disagrees with the README');
}
const decoder = core.getProtocol('anthropic').createDecoder();
if (typeof decoder !== 'object' || decoder === null) throw new Error('no decoder');
const client = new core.SSEClient({ url: 'http://127.0.0.1:9/never' });
if (client.getSnapshot().status !== 'idle') throw new Error('unexpected SSEClient status');
console.log('  react-streamkit/core without React (' + process.version + '): ok');
`,
);

writeFileSync(
  join(consumer, 'ssr.mjs'),
  `
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('expected plain Node');
const kit = await import('react-streamkit');
const core = await import('react-streamkit/core');
const mock = await import('react-streamkit/msw');
for (const name of ['useSSEStream', 'useSocketStream', 'useChatStream', 'SSEClient', 'StreamError']) {
  if (typeof kit[name] !== 'function') throw new Error('missing export ' + name);
}
// Components may be functions or forwardRef/memo objects.
for (const name of ['StreamChat', 'MessageList', 'Composer']) {
  if (typeof kit[name] !== 'function' && !(typeof kit[name] === 'object' && kit[name] !== null && '$$typeof' in kit[name])) {
    throw new Error('missing component export ' + name);
  }
}
if (kit.StreamError !== core.StreamError) throw new Error('the root and core entries hold different StreamError classes');
if (typeof mock.sseHandler !== 'function') throw new Error('missing msw export sseHandler');
function Feed() {
  const { status } = kit.useSSEStream('http://127.0.0.1:9/never');
  return createElement('p', null, status);
}
const html = renderToString(createElement(Feed));
if (html !== '<p>idle</p>') throw new Error('unexpected SSR output ' + html);
const chat = renderToString(createElement(kit.StreamChat, { api: 'http://127.0.0.1:9/never' }));
if (!chat.includes('role="log"')) throw new Error('StreamChat did not server-render its transcript');
console.log('  plain Node import and server render (' + process.version + '): ok (' + html + ')');
`,
);

// 6. Run both on this project's Node and on the oldest Node `engines` allows.
const minimum = /^>=\s*(\d+\.\d+(?:\.\d+)?)$/.exec(manifest.engines?.node ?? '')?.[1];
if (minimum === undefined) fail(`engines.node must read ">=X.Y" (it is ${JSON.stringify(manifest.engines?.node)}).`);
const oldestNode = join(root, 'scripts', 'oldest-node', 'node_modules', 'node', 'bin', 'node');
if (!existsSync(oldestNode)) fail(`no Node binary at ${oldestNode}: run npm ci.`);
const oldestVersion = execFileSync(oldestNode, ['--version'], { encoding: 'utf8' }).trim();
if (`v${minimum.split('.').length === 2 ? `${minimum}.0` : minimum}` !== oldestVersion) {
  fail(`engines says >=${minimum} but scripts/oldest-node installs Node ${oldestVersion}: keep them the same.`);
}
console.log('Plain Node (no DOM):');
for (const node of [process.execPath, oldestNode]) {
  run(node, ['ssr.mjs'], consumer);
  run(node, ['core.mjs'], serverOnly);
}
console.log('package checks passed');
