// README.md's TypeScript examples, as files the type check compiles.
//
//   node test/readme/extract-examples.mjs          write test/readme/examples/ from README.md
//   node test/readme/extract-examples.mjs --check  fail if those files differ from README.md
//
// Every ```ts and ```tsx block becomes one module under test/readme/examples/ (tsconfig.json
// includes test/, so `tsc` type-checks them with the project's strict settings). Imports of the
// package are pointed at its source, read from package.json's "exports" (`react-streamkit/core`
// → src/core/index.ts), so an example is checked against the code in this tree, not a stale
// build. A block preceded by `<!-- not-compiled -->` is skipped: keep those rare.
//
// `npm run typecheck` runs --check first, so an example edited in README.md without running this
// script, or a README that gained or lost an example, fails the type check.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = join(root, 'test/readme/examples');
const SKIP_MARKER = '<!-- not-compiled -->';
const HEADER =
  '// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run\n' +
  '// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.\n';

/** `react-streamkit[/sub]` → the source file behind that export, relative to the repository. */
function sourceEntries() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const entries = new Map();
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    const built = typeof target === 'string' ? target : target.default;
    if (typeof built !== 'string' || !built.startsWith('./dist/')) continue;
    const stem = built.slice('./dist/'.length);
    const candidates = stem.endsWith('.js') ? [stem.replace(/\.js$/, '.ts'), stem.replace(/\.js$/, '.tsx')] : [stem];
    const source = candidates.map((file) => `src/${file}`).find((file) => existsSync(join(root, file)));
    if (source === undefined) throw new Error(`package.json exports ${subpath}: no source file for ${built}`);
    entries.set(subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`, source);
  }
  return entries;
}

function slug(text) {
  return text
    .toLowerCase()
    .replace(/`[^`]*`/g, (code) => code.slice(1, -1))
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

/** The README's compiled examples: `{ name, code }`, in README order. */
function readmeExamples(readme = readFileSync(join(root, 'README.md'), 'utf8')) {
  const entries = sourceEntries();
  const lines = readme.split('\n');
  const examples = [];
  let heading = 'readme';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const title = /^#{1,6}\s+(.*)$/.exec(line);
    if (title) heading = title[1];
    const fence = /^```(ts|tsx)\s*$/.exec(line);
    if (!fence) continue;
    const end = lines.indexOf('```', i + 1);
    if (end === -1) throw new Error(`README.md:${i + 1}: unterminated code block`);
    let previous = i - 1;
    while (previous >= 0 && lines[previous].trim() === '') previous--;
    const skipped = previous >= 0 && lines[previous].trim() === SKIP_MARKER;
    if (!skipped) {
      const name = `${String(examples.length + 1).padStart(2, '0')}-${slug(heading)}.${fence[1]}`;
      const file = join(outDir, name);
      const body = lines
        .slice(i + 1, end)
        .join('\n')
        .replace(/(from\s+|import\s+)(['"])([^'"]+)\2/g, (match, keyword, quote, specifier) => {
          const source = entries.get(specifier);
          if (source === undefined) return match;
          let path = relative(dirname(file), join(root, source)).replace(/\.tsx?$/, '.js');
          if (!path.startsWith('.')) path = `./${path}`;
          return `${keyword}${quote}${path}${quote}`;
        });
      // `export {}` makes every example a module: top-level names stay local to it.
      examples.push({ name, code: `${HEADER}\n${body}\n\nexport {};\n` });
    }
    i = end;
  }
  return examples;
}

const examples = readmeExamples();
const existing = existsSync(outDir) ? readdirSync(outDir).filter((file) => /\.tsx?$/.test(file)) : [];

if (process.argv.includes('--check')) {
  const problems = [];
  for (const { name, code } of examples) {
    const file = join(outDir, name);
    if (!existsSync(file)) problems.push(`missing ${relative(root, file)}`);
    else if (readFileSync(file, 'utf8') !== code) problems.push(`${relative(root, file)} differs from README.md`);
  }
  for (const file of existing) {
    if (!examples.some((example) => example.name === file)) problems.push(`test/readme/examples/${file} is not in README.md`);
  }
  if (problems.length > 0) {
    console.error(
      `README examples are out of date (${problems.join('; ')}).\n` +
        'Run `node test/readme/extract-examples.mjs` and commit test/readme/examples/.',
    );
    process.exit(1);
  }
} else {
  mkdirSync(outDir, { recursive: true });
  for (const file of existing) {
    if (!examples.some((example) => example.name === file)) rmSync(join(outDir, file));
  }
  for (const { name, code } of examples) writeFileSync(join(outDir, name), code);
  console.log(`${examples.length} README examples written to ${relative(root, outDir)}`);
}
