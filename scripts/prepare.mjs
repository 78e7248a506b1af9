// `prepare` is the one lifecycle script npm runs when it installs this package from a git URL
// (in a fresh clone, after installing its devDependencies); it also runs after a plain
// `npm install`/`npm ci` here and during `npm pack`, right after `prepack` has built. Building
// only when dist/ is missing ships the code to git installs without rebuilding on every install
// or twice on every pack; `prepack` always rebuilds, so a published tarball is never stale.
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../dist/index.js', import.meta.url))) {
  await import('./build.mjs');
}
