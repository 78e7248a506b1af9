// Where the socket.io integration tests find redis-server. One place, used by the test harness
// and by ensure-redis.mjs, so both always agree.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** Debian's package name; the one command a user is told to run when redis-server is missing. */
export const INSTALL_COMMAND = 'apt-get update && apt-get install -y redis-server';

/**
 * The redis-server binary to use: `REDIS_SERVER_PATH` when set, otherwise Debian's location or a
 * `redis-server` on PATH. Returns undefined when none is found.
 */
export function findRedisServer() {
  const fromEnv = process.env.REDIS_SERVER_PATH;
  if (fromEnv) return fromEnv;
  if (existsSync('/usr/bin/redis-server')) return '/usr/bin/redis-server';
  try {
    const found = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
    if (found) return found;
  } catch {
    // not on PATH
  }
  return undefined;
}
