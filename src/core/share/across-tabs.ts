import { shareSSE } from './sse-share.js';
import { shareSocket } from './socket-share.js';
import type { ShareAcrossTabsOptions, TabSharing } from './types.js';

/**
 * Opt-in cross-tab sharing of one connection, for the `shareAcrossTabs` option of
 * `useSSEStream`, `useSocketStream`, `SSEClient` and `SocketClient` (so also the live feed's
 * clients): the browser's tabs that open the same stream elect a leader with the Web Locks API;
 * only the leader connects (with its own headers or auth), the others receive its events, in
 * order, over a `BroadcastChannel`, and send through it. When the leader tab closes, crashes or
 * hangs, another takes over and resumes from the last event id it saw.
 *
 * Where Web Locks or `BroadcastChannel` is missing, and for a non-GET SSE request, each tab keeps
 * its own connection.
 *
 * ```ts
 * useSSEStream('/api/prices', { shareAcrossTabs: acrossTabs({ identity: user.id }) });
 * ```
 */
export function acrossTabs(options: ShareAcrossTabsOptions): TabSharing {
  return {
    options,
    sse: (client) => shareSSE(client as never, options),
    socket: (client) => shareSocket(client as never, options),
  };
}
