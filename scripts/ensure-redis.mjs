// Makes sure the socket.io integration tests have a redis-server (two socket.io servers are
// joined through Redis). A fresh Debian machine has none, so when we are root with apt-get we
// install Debian's package; otherwise we stop at once with the one command that installs it.
// The tests start their own server on a free loopback port; nothing here starts one.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { findRedisServer, INSTALL_COMMAND } from './redis.mjs';

const found = findRedisServer();
if (found && existsSync(found)) process.exit(0);
if (process.env.REDIS_SERVER_PATH) {
  console.error(`REDIS_SERVER_PATH is set to ${process.env.REDIS_SERVER_PATH}, but there is no file there.`);
  process.exit(1);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (isRoot && hasApt && process.env.STREAMKIT_NO_APT !== '1') {
  console.log(`redis-server not found; installing Debian's package: ${INSTALL_COMMAND}`);
  const result = spawnSync('sh', ['-c', INSTALL_COMMAND], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status === 0 && findRedisServer()) process.exit(0);
  console.error('Installing redis-server failed (see above).');
  process.exit(1);
}

console.error(
  `redis-server is needed for the socket.io integration tests and was not found.\n` +
    `Install it with:  sudo sh -c '${INSTALL_COMMAND}'\n` +
    `or point REDIS_SERVER_PATH at an existing redis-server binary.`,
);
process.exit(1);
