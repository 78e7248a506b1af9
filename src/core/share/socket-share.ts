import { StreamError } from '../errors.js';
import type { ConnectionLifecycle } from '../transport/lifecycle.js';
import {
  NORMAL_CLOSURE,
  abandon,
  type SendResult,
  type SocketClientOptions,
  type SocketCloseInfo,
  type SocketMetrics,
  type SocketSnapshot,
  type SocketWireData,
  type WebSocketLike,
} from '../transport/socket-client.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, type PendingRequests } from '../transport/socket-requests.js';
import type { StreamStatus } from '../transport/status.js';
import { fromWireError, toWireError, type WireError } from './protocol.js';
import { TabShare, type ShareRelay } from './tab-share.js';
import { shareRuntime, type ShareAcrossTabsOptions } from './types.js';

/** The socket's state as posted to followers (rooms, queue and last message stay per tab). */
export interface SocketShareState {
  status: StreamStatus;
  error: WireError | null;
  attempt: number;
  closeCode: number | null;
  closeReason: string | null;
  metrics: SocketMetrics;
}

/** A follower's request, run by the leader on its socket. */
export interface RelayedRequest {
  data: SocketWireData;
  id: string;
  timeoutMs: number | undefined;
}

/** The leader's figures a follower shows as its own. */
export type SocketShareMirror = Omit<SocketShareState, 'status' | 'error'>;

/**
 * The members of `SocketClient` its share drives. They are private in the class (not API) and
 * reached by name here, so that all the glue lives in the share's code, which only apps that
 * import `acrossTabs` bundle: `SocketClient` itself only calls the option's `socket(client)` and
 * asks its share to act.
 */
interface SocketClientInternals<TIn> {
  readonly options: SocketClientOptions<TIn>;
  readonly life: ConnectionLifecycle<SocketSnapshot<TIn>, { message: TIn; open: undefined; close: SocketCloseInfo; error: StreamError }>;
  /** The rooms this tab asked for. */
  readonly rooms: ReadonlySet<string>;
  /** While leading: every tab's rooms (what the socket joins); null otherwise. */
  wireRooms: Set<string> | null;
  mirrored: SocketShareMirror | null;
  socket: WebSocketLike | null;
  readonly pending: PendingRequests;
  dispatch(message: TIn): void;
  connect(run: number, isReconnect: boolean): Promise<void>;
  dropSocket(): void;
  isWritable(): boolean;
  writeNow(outbound: { data: SocketWireData; requestId?: string }): void;
  write(outbound: { data: SocketWireData; requestId?: string }): SendResult;
  encode(message: unknown): SocketWireData;
  roomMessage(kind: 'join' | 'leave', room: string): unknown;
  figures(life: SocketClientInternals<TIn>['life']): SocketShareMirror;
}

/**
 * Joins the share of a WebSocket (when a `SocketClient` starts with `shareAcrossTabs`); null
 * without Web Locks or BroadcastChannel (the client then connects on its own). The leader's
 * socket joins the rooms of every tab (counted per tab: a room is left when no tab wants it),
 * writes the followers' messages and runs their requests. Plain WebSockets cannot resume, so a
 * hand-off is a reconnect: the live feed's `seq`/id bookkeeping keeps topics exactly-once.
 */
export function shareSocket<TIn>(client: SocketClientInternals<TIn>, settings: ShareAcrossTabsOptions): TabShare<TIn, SocketShareState> | null {
  const runtime = shareRuntime(settings, 'ws', String(client.options.url));
  if (runtime === null) return null;
  const { life } = client;
  const host = {
    get rooms() {
      return client.rooms;
    },
    get wireRooms() {
      return client.wireRooms;
    },
    set wireRooms(value: Set<string> | null) {
      client.wireRooms = value;
    },
    set mirrored(value: SocketShareMirror | null) {
      client.mirrored = value;
    },
    // Read when called: `setOptions` replaces the options object.
    callbacks: () => client.options,
    dispatch: (message: TIn) => client.dispatch(message),
    connect: (handoff: boolean) => void client.connect(life.resume(), handoff),
    disconnect: () => {
      // Another tab leads now: close the own socket without the `closed` a stop would show.
      const status = life.status;
      life.status = 'idle';
      life.halt();
      const socket = client.socket;
      client.dropSocket();
      if (socket) abandon(socket, NORMAL_CLOSURE, 'another tab holds the connection');
      client.pending.failAll(new StreamError('network', 'The connection moved to another tab before the reply arrived.'));
      life.status = status;
    },
    restart: () => {
      if (life.isActive()) return;
      client.mirrored = null;
      void client.connect(life.begin(), false);
    },
    /** Writes a join/leave message now if the socket is open (a later open joins `wireRooms`). */
    writeRoom: (kind: 'join' | 'leave', room: string) => {
      if (client.isWritable()) client.writeNow({ data: client.encode(client.roomMessage(kind, room)) });
    },
    writeData: (data: SocketWireData) => client.write({ data }),
    /** A follower's request, sent on this socket: resolves with its reply. */
    relayRequest: ({ data, id, timeoutMs }: RelayedRequest): Promise<unknown> => {
      const { pending } = client;
      if (pending.has(id)) return Promise.reject(new TypeError(`A request with id ${id} is already pending.`));
      const reply = pending.add(id, timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
      if (client.write({ data, requestId: id }) === 'rejected') {
        pending.fail(id, new StreamError('aborted', 'The request could not be sent or queued.'));
      }
      return reply;
    },
    state: () => client.figures(life),
  };
  /** While leading: the rooms each tab (this one included) holds. */
  const holders = new Map<string, Set<string>>();
  let share!: TabShare<TIn, SocketShareState>;

  const wanted = (room: string) => {
    for (const rooms of holders.values()) if (rooms.has(room)) return true;
    return false;
  };
  const hold = (tab: string, rooms: Iterable<string>) => {
    let held = holders.get(tab);
    if (held === undefined) holders.set(tab, (held = new Set()));
    for (const room of rooms) {
      held.add(room);
      if (host.wireRooms !== null && !host.wireRooms.has(room)) {
        host.wireRooms.add(room);
        host.writeRoom('join', room);
      }
    }
  };
  const release = (tab: string, rooms: Iterable<string>) => {
    const held = holders.get(tab);
    if (held === undefined) return;
    for (const room of [...rooms]) {
      held.delete(room);
      if (host.wireRooms !== null && !wanted(room) && host.wireRooms.delete(room)) host.writeRoom('leave', room);
    }
    if (held.size === 0) holders.delete(tab);
  };

  share = new TabShare<TIn, SocketShareState>(
    runtime,
    {
      lead(handoff) {
        holders.clear();
        host.wireRooms = new Set(host.rooms);
        holders.set(share.id, new Set(host.rooms));
        // The socket was closed for good (by the server, or given up) before the hand-off:
        // nothing to take over until someone starts it again.
        if (handoff && !life.isActive()) return;
        host.mirrored = null;
        host.connect(handoff);
      },
      follow() {
        host.wireRooms = null;
        holders.clear();
        host.disconnect();
        life.setStatus('reconnecting');
      },
      leaderless() {
        // A stream that was over stays so; a live one waits for the next leader.
        if (life.isActive()) life.setStatus('reconnecting');
      },
      tap(relay: ShareRelay<TIn>) {
        const offs = [
          life.events.on('message', relay.message),
          life.events.on('open', () => relay.open(null)),
          life.events.on('close', (info) => relay.open({ close: info })),
          life.events.on('error', relay.error),
        ];
        return () => offs.forEach((off) => off());
      },
      state: () => ({
        status: life.status,
        error: life.error === null ? null : toWireError(life.error),
        ...host.state(),
      }),
      position: () => '',
      positionOf: () => '',
      mirror(state) {
        const { status, error, ...figures } = state;
        host.mirrored = figures;
        life.error = error === null ? null : fromWireError(error);
        // Joining a leader whose socket is open: this tab's "socket" opens now (a live feed
        // subscribes and loads its snapshots on this open, as on its own socket's).
        if (status === 'open' && life.status !== 'open') return this.opened(null);
        life.setStatus(status);
        life.store.invalidate();
      },
      deliver(messages) {
        for (const message of messages) host.dispatch(message);
        life.store.invalidate();
      },
      opened(info) {
        // One signal for both: an open (null) or a close with its code.
        const close = (info as { close?: SocketCloseInfo } | null)?.close;
        if (close !== undefined) return life.events.emit('close', close, host.callbacks().onClose);
        life.setStatus('open');
        life.events.emit('open', undefined, host.callbacks().onOpen);
      },
      ended() {},
      failed(error) {
        life.events.emit('error', error, host.callbacks().onError);
      },
      adopt() {},
      run(op, arg, from) {
        switch (op) {
          case 'hello':
            holders.delete(from);
            return hold(from, arg as readonly string[]);
          case 'bye':
            return release(from, holders.get(from) ?? []);
          case 'join':
            return hold(from, [arg as string]);
          case 'leave':
            return release(from, [arg as string]);
          case 'send':
            return host.writeData(arg as SocketWireData);
          case 'request':
            return host.relayRequest(arg as RelayedRequest);
          case 'start':
            return host.restart();
        }
        return undefined;
      },
      wants: () => [...host.rooms],
    },
    life.clock,
  );
  life.setStatus('connecting');
  share.join();
  return share;
}
