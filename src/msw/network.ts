/**
 * One switch for the network every mock server of the kit plays over, so a story toolbar (or a
 * test) shows the reconnecting, resuming, stale and offline states of every component without
 * changing a handler. Handlers read it per request and socket scenarios per connection.
 */

/** The network conditions the kit's mock servers can play over. */
export type NetworkConditions =
  /** As scripted: nothing added. */
  | 'normal'
  /** 3G-like: a late first byte, slower pacing, bytes in small pieces. */
  | 'slow'
  /** Every other connection to a URL (the 1st, 3rd …) drops after a few events; the others recover. */
  | 'flaky'
  /** Every request fails as a network error; every socket is refused, and open streams and sockets drop at once. */
  | 'offline'
  /** A proxy that holds every byte of an SSE response until it ends, then flushes it (sockets unaffected). */
  | 'buffering';

/** Every {@link NetworkConditions} value, in toolbar order. */
export const NETWORK_CONDITIONS: readonly NetworkConditions[] = ['normal', 'slow', 'flaky', 'offline', 'buffering'];

/** What a profile adds to a scripted server (internal: the numbers behind each name). */
export interface NetworkProfile {
  /** Added before an SSE response's first byte. */
  firstByteDelayMs: number;
  /** Multiplies every scripted wait (SSE entries, socket intervals). */
  delayFactor: number;
  /** Added to every scripted wait; also the delay of every socket message. */
  latencyMs: number;
  /** SSE bytes are cut into pieces of at most this size (0: as scripted). */
  chunkBytes: number;
  /** Dropping connections break after this many events or messages (undefined: none drop). */
  dropAfter: number | undefined;
  /** Hold an SSE response's bytes until it ends. */
  bufferAll: boolean;
  /** Fail every request and socket. */
  offline: boolean;
}

const NORMAL: NetworkProfile = {
  firstByteDelayMs: 0,
  delayFactor: 1,
  latencyMs: 0,
  chunkBytes: 0,
  dropAfter: undefined,
  bufferAll: false,
  offline: false,
};

/** A "regular 3G" link: ~300 ms round trips plus the handshakes before the first byte. */
const PROFILES: Record<NetworkConditions, NetworkProfile> = {
  normal: NORMAL,
  slow: { ...NORMAL, firstByteDelayMs: 1_500, delayFactor: 2, latencyMs: 150, chunkBytes: 24 },
  flaky: { ...NORMAL, dropAfter: 3 },
  offline: { ...NORMAL, offline: true },
  buffering: { ...NORMAL, bufferAll: true },
};

interface NetworkState {
  conditions: NetworkConditions;
  /** Connections per URL since the conditions were last set (which connections of a URL drop). */
  readonly connections: Map<string, number>;
  readonly listeners: Set<(conditions: NetworkConditions) => void>;
}

// Kept on globalThis under a registered symbol: two copies of the kit in one page (the package
// and a linked source tree, or two bundles of a story) must still answer to one switch.
const STATE_KEY = Symbol.for('react-streamkit.msw.network');

function state(): NetworkState {
  const holder = globalThis as { [STATE_KEY]?: NetworkState };
  return (holder[STATE_KEY] ??= { conditions: 'normal', connections: new Map(), listeners: new Set() });
}

/**
 * Sets the network conditions of every handler and socket scenario of the kit. New requests
 * and connections play under them; switching to `offline` also drops the open ones at once.
 * Setting conditions (even the same ones) starts the per-URL connection count over.
 *
 * ```ts
 * setNetworkConditions('flaky'); // the next connection to each URL drops after 3 events
 * ```
 */
export function setNetworkConditions(conditions: NetworkConditions): void {
  if (!(conditions in PROFILES)) throw new TypeError(`Unknown network conditions: ${String(conditions)}.`);
  const current = state();
  const changed = current.conditions !== conditions;
  current.conditions = conditions;
  current.connections.clear();
  if (changed) for (const listener of [...current.listeners]) listener(conditions);
}

/** The network conditions the kit's servers play over now. Default `'normal'`. */
export function getNetworkConditions(): NetworkConditions {
  return state().conditions;
}

/** Calls `listener` with the new conditions whenever they change. Returns the remove function. */
export function onNetworkConditionsChange(listener: (conditions: NetworkConditions) => void): () => void {
  const { listeners } = state();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What one new connection to `url` plays under (counts the connection). */
export interface NetworkConnection {
  readonly conditions: NetworkConditions;
  readonly profile: NetworkProfile;
  /** Break this connection after this many events or messages (undefined: it does not drop). */
  readonly dropAfter: number | undefined;
}

/** The current profile for a new connection to `url`; under `flaky`, odd-numbered connections drop. */
export function openNetworkConnection(url: string): NetworkConnection {
  const current = state();
  const profile = PROFILES[current.conditions];
  if (profile.dropAfter === undefined) return { conditions: current.conditions, profile, dropAfter: undefined };
  // Keyed by URL without its query, so a story's reconnects alternate drop / recover however
  // many other streams the page opens in between.
  const key = url.split(/[?#]/, 1)[0]!;
  const count = (current.connections.get(key) ?? 0) + 1;
  current.connections.set(key, count);
  return { conditions: current.conditions, profile, dropAfter: count % 2 === 1 ? profile.dropAfter : undefined };
}
