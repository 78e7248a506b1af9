// Loads the Storybook manager (the full UI, not just stories) in headless Chromium and fails on
// any page error or console error. The story tests never load the manager, so errors thrown
// there (such as UniversalStoreFollowerTimeoutError) are invisible to `npm test`.
//
//   node .storybook/manager-smoke.mjs [url] [loads]
//
// Without a url it starts `storybook dev` on a free port on 127.0.0.1 and stops it afterwards.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { chromium } from 'playwright';
import { findChromium } from '../scripts/chromium.mjs';

const [givenUrl, loadsArg] = process.argv.slice(2);
const loads = Number(loadsArg ?? 3);

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startStorybook() {
  const port = await freePort();
  const child = spawn('npx', ['storybook', 'dev', '--ci', '--port', String(port), '--host', '127.0.0.1', '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('for manager')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`storybook exited (${code}):\n${output}`)));
  });
  await ready;
  // The whole process group: npx, the storybook process and its esbuild services.
  return { url: `http://127.0.0.1:${port}/`, stop: () => process.kill(-child.pid, 'SIGTERM') };
}

const server = givenUrl ? { url: givenUrl, stop: () => {} } : await startStorybook();
const browser = await chromium.launch({
  executablePath: findChromium() ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-dev-shm-usage'],
});
const problems = [];
try {
  for (let load = 1; load <= loads; load++) {
    const page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(`load ${load}: page error: ${error.name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`load ${load}: console error: ${message.text()}`);
    });
    await page.goto(server.url, { waitUntil: 'load' });
    // The manager is up once the sidebar lists the stories; its stores sync right after.
    await page.getByRole('link', { name: /Introduction/i }).first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(3_000);
    await page.close();
  }
} finally {
  await browser.close();
  server.stop();
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`manager loaded ${loads} times without page or console errors`);
