// Library build: tsc emits one ES module and one .d.ts per source file (so bundlers can
// tree-shake and "use client" directives stay on the files that hold hooks), then the
// stylesheet is copied. Vite is not needed for a library this size.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });
execFileSync('tsc', ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
mkdirSync(`${root}dist`, { recursive: true });
copyFileSync(`${root}src/styles.css`, `${root}dist/styles.css`);
console.log('built dist/');
