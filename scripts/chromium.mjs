// Where the browser tests find Chromium. One place, used by the vitest config and by
// ensure-chromium.mjs, so both always agree.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** Debian's package name; the one command a user is told to run when Chromium is missing. */
export const INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium';

/**
 * The Chromium binary to use: `CHROMIUM_PATH` when set, otherwise the first of the usual
 * Debian/Ubuntu locations or a `chromium` on PATH. Returns undefined when none is found.
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium']) {
    if (existsSync(candidate)) return candidate;
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH: try the next name
    }
  }
  return undefined;
}
