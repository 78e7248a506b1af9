/**
 * A throwaway redis-server for integration tests: Debian's binary (installed by
 * scripts/ensure-redis.mjs before the tests), on 127.0.0.1 and a free port, nothing persisted.
 * Each test file starts its own and stops it after, so parallel projects never share one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
// @ts-expect-error -- plain .mjs helper shared with the shell scripts; it has no types
import { findRedisServer, INSTALL_COMMAND } from '../../../scripts/redis.mjs';

export interface RedisProcess {
  readonly port: number;
  readonly url: string;
  /** Kills the server and waits for it to exit. Idempotent. */
  stop(): Promise<void>;
}

/** A port the OS says is free right now (redis-server has no "pick one for me" mode). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts redis-server and resolves once it accepts connections (its own log line says so). */
export async function startRedis(): Promise<RedisProcess> {
  const binary: string | undefined = findRedisServer();
  if (binary === undefined) {
    throw new Error(`redis-server not found: run \`node scripts/ensure-redis.mjs\` or \`${INSTALL_COMMAND}\`.`);
  }
  // Another process may take the port between freePort() and the bind: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'notice'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const ready = await waitUntilReady(child);
    if (ready === true) return handle(child, port);
    if (attempt >= 3) throw new Error(`redis-server did not start: ${ready}`);
  }
}

function waitUntilReady(child: ChildProcess): Promise<true | string> {
  return new Promise((resolve) => {
    let log = '';
    const onData = (chunk: Buffer): void => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(true);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.once('exit', (code) => resolve(`exited with ${code}: ${log.trim().split('\n').slice(-3).join(' | ')}`));
    child.once('error', (error) => resolve(error.message));
  });
}

function handle(child: ChildProcess, port: number): RedisProcess {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
