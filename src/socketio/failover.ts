import type { Manager } from 'socket.io-client';

/**
 * Makes each reconnection attempt of `manager` try the next of `urls` (cycling), so a client
 * whose server died carries on on another server of the cluster. socket.io has no option for
 * this; its maintainers point to setting `manager.uri` from `reconnect_attempt`, which is read
 * by the very next connection attempt (socketio/socket.io#5292). Returns the unhook function.
 */
export function rotateUrls(manager: Manager, urls: readonly string[]): () => void {
  let index = 0;
  const next = (): void => {
    index = (index + 1) % urls.length;
    (manager as unknown as { uri: string }).uri = urls[index]!;
  };
  manager.on('reconnect_attempt', next);
  return () => manager.off('reconnect_attempt', next);
}
