/**
 * The public face of cross-tab sharing: the option, the injectable browser APIs, the share key
 * and the support check. Small and import-time free: the clients import it statically, the
 * machinery itself (election, channel protocol, relay) loads on demand the first time a client
 * that asked for sharing starts.
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

/** Options of {@link ShareAcrossTabs} in its object form. */
export interface ShareAcrossTabsOptions {
  /**
   * Who the stream is for, e.g. the signed-in user's id. It is part of the share key, so tabs
   * signed in as different users never share a connection. Never pass a token: the key names a
   * Web Lock and a `BroadcastChannel` that every script of the origin can see.
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
   * (a frozen or hung leader tab). Default 2,000 ms, so a hung leader is replaced within ~4 s;
   * a closed or crashed leader is replaced at once (the browser releases its lock).
   */
  leaderTimeoutMs?: number;
  /** The Web Locks API. Default: `navigator.locks`, looked up when the stream starts. */
  locks?: LockManagerLike;
  /** The `BroadcastChannel` class. Default: the global one, looked up when the stream starts. */
  BroadcastChannel?: ChannelConstructor;
}

/**
 * Opt-in cross-tab sharing of one connection (`useSSEStream`, `useSocketStream`, the live feed's
 * clients): the tabs of one browser profile that open the same stream elect a leader with the Web
 * Locks API; only the leader connects, and the others receive its events, in order, over a
 * `BroadcastChannel`, and send through it. When the leader tab closes, crashes or hangs, another
 * takes over and resumes from the last event id it saw.
 *
 * `true` shares under the stream's URL alone: use it only for streams that are the same for
 * every tab of the browser (public, or authenticated by cookies). Streams authenticated per tab
 * (`headers`, `auth`) pass `{ identity }`. Without Web Locks or `BroadcastChannel`, or for a
 * non-GET SSE request, each tab keeps its own connection.
 */
export type ShareAcrossTabs = boolean | ShareAcrossTabsOptions;

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
 * Resolves a share option for the stream `kind` at `url`: the share key (`streamkit:` + channel
 * or kind and URL + identity) and the APIs, or null when sharing is off or unsupported here.
 */
export function shareRuntime(option: ShareAcrossTabs | undefined, kind: string, url: string): ShareRuntime | null {
  if (option === undefined || option === false) return null;
  const settings: Partial<ShareAcrossTabsOptions> = option === true ? {} : option;
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  const locks = settings.locks ?? nav?.locks;
  const Channel = settings.BroadcastChannel ?? (globalThis as { BroadcastChannel?: ChannelConstructor }).BroadcastChannel;
  if (locks === undefined || typeof locks.request !== 'function' || typeof Channel !== 'function') return null;
  const name = settings.channel ?? `${kind} ${url}`;
  return {
    key: `streamkit:${name}\n${settings.identity ?? ''}`,
    locks,
    Channel,
    leaderTimeoutMs: settings.leaderTimeoutMs ?? DEFAULT_LEADER_TIMEOUT_MS,
  };
}
