// What every browser benchmark driver needs before it measures anything: its page built with
// Vite, served on 127.0.0.1 (beside the driver's own routes, e.g. an SSE feed), and Debian's
// Chromium launched through Playwright.
import { createServer } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright';
import { findChromium } from '../../scripts/chromium.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/**
 * Builds the page `bench/<name>/main.tsx` (it renders into `#root`) into one HTML shell, serves it
 * at `url` with `routes` (pathname → node:http handler) answered first, and launches Chromium.
 * `close()` closes the browser, then the server (open streams included).
 *
 * @param {string} name the page's folder under bench/
 * @param {{
 *   title: string,
 *   css?: string,
 *   routes?: Record<string, (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void>,
 * }} options `css`: the page's own rules, after the shell's
 */
export async function servePage(name, { title, css = '', routes = {} }) {
  // The shell is written beside the build output (never into the source tree): every page has
  // the same one, only its title and rules differ.
  const root = fileURLToPath(new URL(`../.out/${name}.page/`, import.meta.url));
  const outDir = fileURLToPath(new URL(`../.out/${name}/`, import.meta.url));
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'index.html'), shell(title, css, `../../${name}/main.tsx`));
  // React's profiling build: production speed, but <Profiler> still reports commits.
  await build({
    root,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    resolve: { alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] },
    build: { outDir, emptyOutDir: true },
  });

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = routes[path];
    if (route !== undefined) return route(req, res);
    try {
      const body = await readFile(join(outDir, path === '/' ? 'index.html' : path));
      res.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

  const browser = await chromium.launch({
    executablePath: findChromium() ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-dev-shm-usage'],
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    browser,
    async close() {
      await browser.close();
      server.closeAllConnections();
      server.close();
    },
  };
}

function shell(title, css, script) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <style>
      body { margin: 0; font-family: system-ui, sans-serif; }
      ${css}
    </style>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="${script}"></script>
  </body>
</html>
`;
}
