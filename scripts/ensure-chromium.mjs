// Makes sure the browser tests have a Chromium. A fresh Debian machine has none and nothing
// can download a browser build, so when we are root with apt-get we install Debian's
// package; otherwise we stop at once with the one command that installs it.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { findChromium, INSTALL_COMMAND } from './chromium.mjs';

const found = findChromium();
if (found && existsSync(found)) {
  process.exit(0);
}
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but there is no file there.`);
  process.exit(1);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (isRoot && hasApt && process.env.STREAMKIT_NO_APT !== '1') {
  console.log(`Chromium not found; installing Debian's package: ${INSTALL_COMMAND}`);
  const result = spawnSync('sh', ['-c', INSTALL_COMMAND], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status === 0 && findChromium()) process.exit(0);
  console.error('Installing Chromium failed (see above).');
  process.exit(1);
}

console.error(
  `Chromium is needed for the browser and Storybook tests and was not found.\n` +
    `Install it with:  sudo sh -c '${INSTALL_COMMAND}'\n` +
    `or point CHROMIUM_PATH at an existing Chromium or Chrome binary.`,
);
process.exit(1);
