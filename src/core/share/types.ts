/**
 * The public face of cross-tab sharing: the option's types, the injectable browser APIs, the
 * share key and the support check. The clients import only types from here; the machinery is
 * reached through the option's value (see {@link TabSharing}).
 */

/** The part of the Web Locks API ({@link https://developer.mozilla.org/docs/Web/API/LockManager}) sharing uses. */
export interface LockManagerLike {
  request(
    name: string,
    options: { signal?: AbortSignal; steal?: boolean },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<void>;
}

/** The part of a `BroadcastChannel` sharing uses. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

/** A `BroadcastChannel` class: `new BroadcastChannel(name)`. */
export type ChannelConstructor = new (name: string) => ChannelLike;

/** Options of {@link acrossTabs}. */
export interface ShareAcrossTabsOptions {
  /**
   * Who the stream is for, e.g. the signed-in user's id. It is part of the share key, so tabs
   * signed in as different users never share a connection. Never pass a token: the key names a
   * Web Lock and a `BroadcastChannel` that every script of the origin can see. A stream that is
   * the same for everyone (public, or authenticated by cookies only) may pass `''`.
   */
  identity: string;
  /**
   * The share key's name. Default: the stream's kind and URL. Give two streams the same channel
   * only when they carry the same events.
   */
  channel?: string;
  /**
   * How long a follower waits without hearing from the leader before it asks whether the leader
   * is alive, and how long it then waits for the answer before it takes the connection over
   * (a frozen or hung leader tab), plus up to half of it at random. Default 2,000 ms, so a hung
   * leader is replaced within 5 s; a closed or crashed leader is replaced at once (the browser
   * releases its lock).
   */
  leaderTimeoutMs?: number;
  /** The Web Locks API. Default: `navigator.locks`, looked up when the stream starts. */
  locks?: LockManagerLike;
  /** The `BroadcastChannel` class. Default: the global one, looked up when the stream starts. */
  BroadcastChannel?: ChannelConstructor;
}

/** This tab's part in a share, as a client holds it. */
export interface ShareHandle {
  /** This tab holds the connection. */
  readonly isLeader: boolean;
  /** Runs `op` on the leader (here if this tab leads). */
  command(op: string, arg?: unknown): Promise<unknown>;
  /** Leaves the share (a leader hands the connection over). */
  leave(): void;
}

/**
 * The value of the `shareAcrossTabs` option, made by {@link acrossTabs}: how a client joins the
 * other tabs. The option takes this object rather than a flag so that the sharing code is in the
 * bundle only of apps that import `acrossTabs`.
 */
export interface TabSharing {
  readonly options: ShareAcrossTabsOptions;
  /** Joins an `SSEClient`'s share; null when it cannot share here (it then connects on its own). */
  sse(client: object): ShareHandle | null;
  /** Joins a `SocketClient`'s share; null when it cannot share here. */
  socket(client: object): ShareHandle | null;
}

/** The browser APIs a share runs on, resolved; null when one is missing (fallback: own connection). */
export interface ShareRuntime {
  key: string;
  locks: LockManagerLike;
  Channel: ChannelConstructor;
  leaderTimeoutMs: number;
}

/** Default {@link ShareAcrossTabsOptions.leaderTimeoutMs}. */
export const DEFAULT_LEADER_TIMEOUT_MS = 2_000;

/**
 * Resolves the share of the stream `kind` at `url`: the share key (`streamkit:` + channel or kind
 * and URL + identity) and the APIs, or null when Web Locks or BroadcastChannel is missing.
 */
export function shareRuntime(settings: ShareAcrossTabsOptions, kind: string, url: string): ShareRuntime | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  const locks = settings.locks ?? nav?.locks;
  const Channel = settings.BroadcastChannel ?? (globalThis as { BroadcastChannel?: ChannelConstructor }).BroadcastChannel;
  if (locks === undefined || locks === null || typeof locks.request !== 'function' || typeof Channel !== 'function') return null;
  const name = settings.channel ?? `${kind} ${url}`;
  return {
    key: `streamkit:${name}\n${settings.identity}`,
    locks,
    Channel,
    leaderTimeoutMs: settings.leaderTimeoutMs ?? DEFAULT_LEADER_TIMEOUT_MS,
  };
}
