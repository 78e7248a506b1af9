// The static Storybook served from a sub-path, as a docs site or GitHub Pages serves it
// (https://example.org/some/project/storybook/): every asset and the MSW worker script must be
// found relative to the page, and the worker must answer the stories' streams there.
//
//   node scripts/check-storybook-subpath.mjs [static-dir]
//
// Serves static-dir (default storybook-static; built first with `npm run build-storybook` when
// missing) under /some/sub/path/ on 127.0.0.1 with node:http, then in headless Chromium loads the
// manager (index.html, on the landing page) and one story's iframe, and fails unless the landing
// page's live demo and the story both show streamed text from the mocked servers. Any request the
// server sees outside the sub-path is a failure too: an asset with an absolute URL, or a stream
// the worker did not answer. Then every docs page of the build must render without a page error,
// and every `?path=/docs/…` or `?path=/story/…` link of the landing page and the docs pages must
// name an entry of the build's index.json.
import { createServer } from 'node:http';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { findChromium, INSTALL_COMMAND } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const staticDir = resolve(root, process.argv[2] ?? 'storybook-static');
const BASE = '/some/sub/path/';
// A story whose play is a stream from the mock worker: the landing page's mini-demo on its own.
const STORY_ID = 'showroom-live-demo--taco-chat';
// Words of the demo's streamed reply (stories/docs/mocks.ts), and the timeout for them to show.
const STREAMED = 'Three tacos al pastor coming up';
const TIMEOUT_MS = 60_000;

if (!existsSync(join(staticDir, 'index.html'))) {
  console.log(`${staticDir} has no build; running npm run build-storybook`);
  const built = spawnSync('npm', ['run', 'build-storybook', '--', '--output-dir', staticDir], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Requests that reached this server outside the sub-path, or for files that do not exist. */
const strayRequests = [];

const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  // Chromium asks for /favicon.ico by itself for a page without an icon link (iframe.html has none).
  if (path === '/favicon.ico') {
    response.writeHead(404).end();
    return;
  }
  if (!path.startsWith(BASE)) {
    strayRequests.push(`${request.method} ${path} (outside ${BASE})`);
    response.writeHead(404).end();
    return;
  }
  let file = normalize(join(staticDir, path.slice(BASE.length)));
  if (file !== staticDir && !file.startsWith(staticDir + sep)) {
    response.writeHead(403).end();
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    strayRequests.push(`${request.method} ${path} (no such file)`);
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  createReadStream(file).pipe(response);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

const executablePath = findChromium();
if (!executablePath) {
  console.error(`Chromium was not found. Install it with: ${INSTALL_COMMAND}`);
  process.exit(1);
}
const browser = await chromium.launch({ executablePath, args: ['--disable-gpu', '--disable-dev-shm-usage'] });
const failures = [];
const pageErrors = [];

/** A fresh browser context: its own service worker registrations, so each load proves the worker anew. */
async function openPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  return { context, page };
}

async function check(name, run) {
  const { context, page } = await openPage();
  try {
    await run(page);
    console.log(`ok: ${name}`);
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  } finally {
    await context.close();
  }
}

const entries = JSON.parse(readFileSync(join(staticDir, 'index.json'), 'utf8')).entries;

try {
  // The manager opens on the landing page (the first entry): its live demo streams in the preview frame.
  await check(`index ${BASE} (landing page, live demo streaming)`, async (page) => {
    await page.goto(`${origin}${BASE}`, { waitUntil: 'load' });
    const preview = page.frameLocator('#storybook-preview-iframe');
    await preview.getByText(STREAMED).first().waitFor({ timeout: TIMEOUT_MS });
  });

  // One story in its own iframe, the page the manager embeds and the one links point to.
  await check(`story ${BASE}iframe.html?id=${STORY_ID}`, async (page) => {
    await page.goto(`${origin}${BASE}iframe.html?id=${STORY_ID}&viewMode=story`, { waitUntil: 'load' });
    await page.getByText(STREAMED).first().waitFor({ timeout: TIMEOUT_MS });
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope ?? null);
    if (scope !== `${origin}${BASE}`) throw new Error(`the MSW worker is registered for ${scope}, expected ${origin}${BASE}`);
  });

  // Every docs page (the guides and each component's docs) renders without an error: no story
  // test loads them, so a page that throws would otherwise reach users first.
  for (const { id } of Object.values(entries).filter((entry) => entry.type === 'docs')) {
    await check(`docs page ${id}`, async (page) => {
      const errors = [];
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message.split('\n')[0]}`));
      await page.goto(`${origin}${BASE}iframe.html?id=${encodeURIComponent(id)}&viewMode=docs`, { waitUntil: 'load' });
      // Rendered, or Storybook's error display (a class on <body>, whose box can be empty).
      const outcome = () =>
        document.body.classList.contains('sb-show-errordisplay')
          ? 'error'
          : (document.querySelector('.sbdocs-content')?.getClientRects().length ?? 0) > 0
            ? 'rendered'
            : null;
      await page.waitForFunction(outcome, undefined, { timeout: TIMEOUT_MS });
      if ((await page.evaluate(outcome)) === 'error') {
        throw new Error(`Storybook shows an error: ${(await page.locator('#error-message').innerText()).split('\n')[0]}`);
      }
      if (errors.length > 0) throw new Error(errors.join('; '));
    });
  }
} finally {
  await browser.close();
  server.close();
}

for (const stray of strayRequests) failures.push(`request outside the build: ${stray}`);

// The landing page promises a link to every page: each must lead somewhere in this build.
const docsPages = [join(root, 'stories/Introduction.mdx'), ...readdirSync(join(root, 'stories/docs')).filter((name) => name.endsWith('.mdx')).map((name) => join(root, 'stories/docs', name))];
for (const file of docsPages) {
  for (const [, kind, id] of readFileSync(file, 'utf8').matchAll(/\?path=\/(docs|story)\/([^)\s&#]+)/g)) {
    const entry = entries[id];
    const expected = kind === 'docs' ? 'docs' : 'story';
    if (entry?.type !== expected) failures.push(`${file.slice(root.length)} links to ${kind} "${id}", which is not a ${expected} entry of this build`);
  }
}
if (failures.length > 0) {
  console.error(`Storybook served from ${BASE} is broken:\n- ${failures.join('\n- ')}`);
  if (pageErrors.length > 0) console.error(`page errors:\n- ${pageErrors.join('\n- ')}`);
  process.exit(1);
}
console.log(`Storybook static build works from a sub-path (${BASE}): landing page and story streamed from the MSW worker; every docs page rendered.`);
