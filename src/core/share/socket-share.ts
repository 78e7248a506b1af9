import type { Clock } from '../clock.js';
import type { StreamError } from '../errors.js';
import type { ConnectionLifecycle } from '../transport/lifecycle.js';
import type { SendResult, SocketCloseInfo, SocketMetrics, SocketSnapshot, SocketWireData } from '../transport/socket-client.js';
import type { StreamStatus } from '../transport/status.js';
import { fromWireError, toWireError, type WireError } from './protocol.js';
import { TabShare, type ShareRelay } from './tab-share.js';
import type { ShareRuntime } from './types.js';

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

/** What `SocketClient` lets its share drive. */
export interface SocketShareHost<TIn> {
  readonly life: ConnectionLifecycle<
    SocketSnapshot<TIn>,
    { message: TIn; open: undefined; close: SocketCloseInfo; error: StreamError }
  >;
  /** The leader's figures while this tab follows; null while it leads. */
  mirrored: Omit<SocketShareState, 'status' | 'error'> | null;
  /** The rooms this tab asked for. */
  readonly rooms: ReadonlySet<string>;
  /** While leading: every tab's rooms (what the socket joins); null otherwise. */
  wireRooms: Set<string> | null;
  callbacks(): {
    onOpen?: (() => void) | undefined;
    onClose?: ((info: SocketCloseInfo) => void) | undefined;
    onError?: ((error: StreamError) => void) | undefined;
  };
  /** Follower: dispatches a message as if it had been decoded off the socket. */
  dispatch(message: TIn): void;
  connect(handoff: boolean): void;
  disconnect(): void;
  restart(): void;
  /** Writes a join/leave message now if the socket is open (a later open joins `wireRooms`). */
  writeRoom(kind: 'join' | 'leave', room: string): void;
  /** Leader: writes (or queues) an encoded message of a follower. */
  writeData(data: SocketWireData): SendResult;
  /** Leader: sends a follower's request and resolves with its reply. */
  relayRequest(request: RelayedRequest): Promise<unknown>;
  state(): { attempt: number; closeCode: number | null; closeReason: string | null; metrics: SocketMetrics };
}

/**
 * Joins the share of a WebSocket: `SocketClient` loads this module on demand. The leader's
 * socket joins the rooms of every tab (counted per tab: a room is left when no tab wants it),
 * writes the followers' messages and runs their requests. Plain WebSockets cannot resume, so a
 * hand-off is a reconnect: the live feed's `seq`/id bookkeeping keeps topics exactly-once.
 */
export function shareSocket<TIn>(host: SocketShareHost<TIn>, runtime: ShareRuntime, clock: Clock): TabShare<TIn, SocketShareState> {
  const life = host.life;
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
        host.mirrored = null;
        holders.clear();
        host.wireRooms = new Set(host.rooms);
        holders.set(share.id, new Set(host.rooms));
        host.connect(handoff);
      },
      follow() {
        host.wireRooms = null;
        holders.clear();
        host.disconnect();
        life.setStatus('reconnecting');
      },
      leaderless() {
        life.setStatus('reconnecting');
        life.store.invalidate();
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
    clock,
  );
  return share;
}
