import type { Clock, TimerHandle } from '../clock.js';
import { StreamError } from '../errors.js';
import { LeaderElection } from './election.js';
import { History, resync } from './history.js';
import { fromWireError, tabId, toWireError, toWireFailure, type ShareMessage } from './protocol.js';
import type { ChannelLike, ShareRuntime } from './types.js';

/** How many applied messages each tab keeps for placing itself at a hand-off. */
export const SHARE_HISTORY = 512;
/** The leader re-posts its state (metrics) with its messages at most this often. */
const STATE_INTERVAL_MS = 250;

/** What the leader's own connection reports, relayed to the other tabs. */
export interface ShareRelay<M> {
  message(message: M): void;
  open(info: unknown): void;
  end(): void;
  error(error: StreamError): void;
}

/**
 * The client side of a share: what a transport client lets the share drive. The leader tab runs
 * its own connection; a follower's client is fed by the share instead, as if by a connection
 * of its own, and so keeps its lifecycle, snapshot and listeners.
 */
export interface SharePort<M, S> {
  /** This tab leads: open the own connection (`handoff`: it resumes from its position, as a reconnect). */
  lead(handoff: boolean): void;
  /** Another tab leads now: drop the own connection without reporting a close. */
  follow(): void;
  /** The leader is gone (left or stopped answering): show `reconnecting` until the next one speaks. */
  leaderless(): void;
  /** Wires the own connection to `relay` (leader only). Returns the unwiring. */
  tap(relay: ShareRelay<M>): () => void;
  /** The own connection's state, as posted to followers (plain data). */
  state(): S;
  /** Where the stream is (the SSE last event id; '' when unknown). */
  position(): string;
  /** A message's position in the stream ('' when it has none). */
  positionOf(message: M): string;
  /** Follower: take the leader's state as this tab's. */
  mirror(state: S): void;
  /** Follower: apply the leader's messages, in order, as if they came off a connection. */
  deliver(messages: readonly M[]): void;
  /** Follower: the leader's connection opened / ended / failed. */
  opened(info: unknown): void;
  ended(): void;
  failed(error: StreamError): void;
  /** Follower that just joined: resume from `position` should it lead later. */
  adopt(position: string): void;
  /** Leader: runs a command for tab `from` (a follower's, or this tab's own). */
  run(op: string, arg: unknown, from: string): unknown;
  /** Follower: what this tab wants of the leader when it (re)joins (its rooms). */
  wants?(): readonly string[] | undefined;
}

interface PendingCommand {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface HeldCommand extends PendingCommand {
  id: number;
  op: string;
  arg: unknown;
}

/**
 * One tab's part in a shared stream: the election, the channel, the relay of the leader's
 * connection to the followers (batched per microtask: one post per network read), the
 * followers' exactly-once placement at a hand-off, the watchdog that replaces a hung leader, and
 * commands followers send through the leader.
 */
export class TabShare<M, S> {
  readonly id: string;
  private readonly channel: ChannelLike;
  private readonly election: LeaderElection;
  private readonly history: History<M>;
  private leaderId: string | null = null;
  private hadLeader = false;
  private untap: (() => void) | null = null;
  private batch: M[] = [];
  private stateDirty = false;
  private lastStateAt = Number.NEGATIVE_INFINITY;
  /** After a hand-off: positions this tab applied; live messages at them are dropped until a new one. */
  private seen: Set<string> | null = null;
  private lastHeard = 0;
  private probing = false;
  private watchdog: TimerHandle | null = null;
  private nextCommand = 1;
  private readonly commands = new Map<number, PendingCommand>();
  private held: HeldCommand[] = [];
  private closed = false;

  constructor(
    private readonly runtime: ShareRuntime,
    private readonly port: SharePort<M, S>,
    private readonly clock: Clock,
  ) {
    this.id = tabId();
    this.history = new History<M>(SHARE_HISTORY, port.positionOf);
    this.channel = new runtime.Channel(runtime.key);
    this.channel.onmessage = (event) => this.receive(event.data as ShareMessage<M, S>);
    this.election = new LeaderElection(runtime.locks, runtime.key, {
      lead: () => this.lead(),
      deposed: () => this.deposed(),
    });
  }

  get isLeader(): boolean {
    return this.election.leader;
  }

  /** Joins: queues for the lock and asks a current leader where the stream is. */
  join(): void {
    this.election.join();
    this.heard();
    this.armWatchdog();
    this.post({ t: 'hello', from: this.id, rooms: this.port.wants?.() });
  }

  /** Leaves for good: a leader says goodbye (the next tab takes over at once) and releases the lock. */
  leave(): void {
    if (this.closed) return;
    if (this.isLeader) this.flush();
    this.post({ t: 'bye', from: this.id });
    this.closed = true;
    this.untap?.();
    this.untap = null;
    this.election.leave();
    this.clearWatchdog();
    this.failCommands('The stream was stopped before the leader tab answered.');
    const held = this.held;
    this.held = [];
    for (const command of held) command.reject(new StreamError('aborted', 'The stream was stopped before a leader tab took the command.'));
    this.channel.onmessage = null;
    this.channel.close();
  }

  /**
   * Runs `op` on the leader: here if this tab leads, else posted to the leader tab (rejected with
   * a `network` error if the leader changes before it answers).
   */
  command(op: string, arg?: unknown): Promise<unknown> {
    if (this.isLeader) {
      try {
        return Promise.resolve(this.port.run(op, arg, this.id));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const id = this.nextCommand++;
    return new Promise((resolve, reject) => {
      const command = { id, op, arg, resolve, reject };
      // No leader known yet (joining, or between two leaders): held, and posted to the next one.
      if (this.leaderId === null) this.held.push(command);
      else this.postCommand(command);
    });
  }

  private postCommand(command: HeldCommand): void {
    const { id, op, arg, resolve, reject } = command;
    this.commands.set(id, { resolve, reject });
    if (!this.post({ t: 'cmd', from: this.id, to: this.leaderId!, id, op, arg })) {
      this.commands.delete(id);
      reject(new TypeError(`The ${op} could not be posted to the leader tab (its data cannot be cloned).`));
    }
  }

  /** A leader is known now (another tab, or this one): the held commands go to it, in order. */
  private releaseHeld(): void {
    if (this.held.length === 0) return;
    const held = this.held;
    this.held = [];
    for (const command of held) {
      if (!this.isLeader) this.postCommand(command);
      else
        try {
          command.resolve(this.port.run(command.op, command.arg, this.id));
        } catch (error) {
          command.reject(error);
        }
    }
  }

  private lead(): void {
    if (this.closed) return;
    const handoff = this.hadLeader;
    this.leaderId = this.id;
    this.hadLeader = true;
    this.seen = null;
    this.clearWatchdog();
    // Commands posted to the previous leader will not be answered now; this tab runs them itself from here on.
    this.failCommands('The leader tab changed before it answered.');
    this.untap = this.port.tap({
      message: (message) => {
        this.history.push(message);
        if (this.batch.push(message) === 1) queueMicrotask(this.flush);
      },
      open: (info) => this.signal({ t: 'open', from: this.id, info }),
      end: () => this.signal({ t: 'end', from: this.id }),
      error: (error) => this.signal({ t: 'error', from: this.id, error: toWireError(error) }),
    });
    this.port.lead(handoff);
    this.post({ t: 'lead', from: this.id, state: this.port.state(), tail: this.history.toArray() });
    this.lastStateAt = this.clock.now();
    this.releaseHeld();
  }

  private deposed(): void {
    if (this.closed) return;
    this.untap?.();
    this.untap = null;
    this.batch = [];
    this.leaderId = null;
    this.port.follow();
    this.heard();
    this.armWatchdog();
    this.post({ t: 'hello', from: this.id, rooms: this.port.wants?.(), rejoin: true });
  }

  /** Posts the pending messages, then the state if it changed or is due. */
  private readonly flush = (): void => {
    if (this.closed || !this.isLeader) return;
    if (this.batch.length > 0) {
      const batch = this.batch;
      this.batch = [];
      this.post({ t: 'msg', from: this.id, batch });
    }
    const now = this.clock.now();
    if (this.stateDirty || now - this.lastStateAt >= STATE_INTERVAL_MS) {
      this.stateDirty = false;
      this.lastStateAt = now;
      this.post({ t: 'state', from: this.id, state: this.port.state() });
    }
  };

  /** An open/end/error: after the messages before it; the state follows once the client has moved on. */
  private signal(message: ShareMessage<M, S>): void {
    this.flushMessages();
    this.post(message);
    this.stateDirty = true;
    queueMicrotask(this.flush);
  }

  private flushMessages(): void {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    this.post({ t: 'msg', from: this.id, batch });
  }

  private receive(message: ShareMessage<M, S>): void {
    if (this.closed || message === null || typeof message !== 'object' || message.from === this.id) return;
    if (this.isLeader) return this.receiveAsLeader(message);
    switch (message.t) {
      case 'lead':
        return this.followNew(message.from, message.state, message.tail);
      case 'sync':
        // From the leader this tab knows, or any when it knows none: a deposed leader that has
        // not yet learnt it was deposed still answers as one, and must not win a follower back.
        if (message.to !== this.id || (this.leaderId !== null && message.from !== this.leaderId)) return;
        if (message.tail !== undefined) return this.followNew(message.from, message.state, message.tail);
        if (this.leaderId !== message.from) this.failCommands('The leader tab changed before it answered.');
        this.leaderId = message.from;
        this.hadLeader = true;
        this.heard();
        if (this.port.position() === '') this.port.adopt(message.position);
        this.port.mirror(message.state);
        this.releaseHeld();
        return;
      case 'reply': {
        if (message.to !== this.id) return;
        const pending = this.commands.get(message.id);
        if (pending === undefined) return;
        this.commands.delete(message.id);
        if (message.ok) pending.resolve(message.value);
        else pending.reject(fromWireError(message.error!));
        return;
      }
    }
    // Only what a leader posts is a sign of the leader's life (its pings, as a follower, are not).
    if (message.from !== this.leaderId || message.t === 'ping' || message.t === 'hello' || message.t === 'cmd') return;
    this.heard();
    switch (message.t) {
      case 'msg':
        return this.apply(message.batch);
      case 'open':
        return this.port.opened(message.info);
      case 'end':
        return this.port.ended();
      case 'error':
        return this.port.failed(fromWireError(message.error));
      case 'state':
        return this.port.mirror(message.state);
      case 'bye':
        this.leaderId = null;
        this.failCommands('The leader tab closed before it answered.');
        this.port.leaderless();
        return;
    }
  }

  private receiveAsLeader(message: ShareMessage<M, S>): void {
    switch (message.t) {
      case 'hello':
        if (message.rooms !== undefined) this.runSafely('hello', message.rooms, message.from);
        return this.sync(message.from, message.rejoin === true);
      case 'ping':
        if (message.lost) return this.sync(message.from, true);
        this.flushMessages();
        this.post({ t: 'state', from: this.id, state: this.port.state() });
        return;
      case 'bye':
        this.runSafely('bye', undefined, message.from);
        return;
      case 'cmd': {
        // Addressed: a tab that still believes it leads (deposed while hung) must not run it too.
        if (message.to !== this.id) return;
        const { from, id } = message;
        let result: unknown;
        try {
          result = this.port.run(message.op, message.arg, from);
        } catch (cause) {
          this.post({ t: 'reply', from: this.id, to: from, id, ok: false, error: toWireFailure(cause) });
          return;
        }
        Promise.resolve(result).then(
          (value) => this.post({ t: 'reply', from: this.id, to: from, id, ok: true, value }),
          (cause: unknown) => this.post({ t: 'reply', from: this.id, to: from, id, ok: false, error: toWireFailure(cause) }),
        );
        return;
      }
    }
  }

  /** Tells tab `to` where the stream is; with the tail when it lost track and must place itself. */
  private sync(to: string, withTail: boolean): void {
    this.flushMessages();
    const { id, port } = this;
    this.post({ t: 'sync', from: id, to, state: port.state(), position: port.position(), tail: withTail ? this.history.toArray() : undefined });
  }

  private runSafely(op: string, arg: unknown, from: string): void {
    try {
      void this.port.run(op, arg, from);
    } catch {
      // A bookkeeping op (rooms of a tab) cannot fail in a way the sender could act on.
    }
  }

  /** A new leader: place this tab against its tail, take its state, tell it what this tab wants. */
  private followNew(from: string, state: S, tail: readonly M[]): void {
    const placed = resync(this.history, tail);
    if (this.leaderId !== from) this.failCommands('The leader tab changed before it answered.');
    this.leaderId = from;
    this.hadLeader = true;
    this.heard();
    this.port.mirror(state);
    this.seen = null;
    if (placed.missed.length > 0) this.apply(placed.missed);
    this.seen = placed.seen;
    this.post({ t: 'hello', from: this.id, rooms: this.port.wants?.() });
    this.releaseHeld();
  }

  /** Applies the leader's messages: after a hand-off, those this tab already applied are dropped. */
  private apply(batch: readonly M[]): void {
    let start = 0;
    const seen = this.seen;
    if (seen !== null) {
      while (start < batch.length && seen.has(this.port.positionOf(batch[start]!))) start++;
      if (start < batch.length) this.seen = null;
      if (start > 0) batch = batch.slice(start);
    }
    if (batch.length === 0) return;
    for (const message of batch) this.history.push(message);
    this.port.deliver(batch);
  }

  private heard(): void {
    this.lastHeard = this.clock.now();
    this.probing = false;
  }

  /**
   * The follower's watchdog: silence for `leaderTimeoutMs` → ask the leader (`ping`); no answer
   * within another `leaderTimeoutMs` (and up to half of one more, at random) → it is hung: show
   * `reconnecting` and steal the lock. One timer, re-armed for the rest of the window instead of
   * reset per message.
   */
  private armWatchdog(delay = this.runtime.leaderTimeoutMs): void {
    this.clearWatchdog();
    this.watchdog = this.clock.setTimeout(() => {
      this.watchdog = null;
      if (this.closed || this.isLeader) return;
      const window = this.runtime.leaderTimeoutMs;
      const quiet = this.clock.now() - this.lastHeard;
      if (quiet < window && !this.probing) return this.armWatchdog(window - quiet);
      if (!this.probing) {
        this.probing = true;
        this.post({ t: 'ping', from: this.id, lost: this.leaderId === null });
        // Up to half a window more, at random: the followers of a hung leader then rarely steal
        // its lock at the same moment (the first one's `lead` stops the others' watchdogs).
        return this.armWatchdog(window + Math.floor(Math.random() * (window / 2)));
      }
      this.probing = false;
      if (this.leaderId !== null) {
        this.leaderId = null;
        this.failCommands('The leader tab stopped answering.');
      }
      this.port.leaderless();
      this.election.steal();
      this.lastHeard = this.clock.now();
      this.armWatchdog(window);
    }, delay);
  }

  private clearWatchdog(): void {
    if (this.watchdog !== null) this.clock.clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  private failCommands(message: string): void {
    if (this.commands.size === 0) return;
    const error = new StreamError('network', message);
    for (const pending of this.commands.values()) pending.reject(error);
    this.commands.clear();
  }

  /** False when the message could not be cloned (an app payload holding functions). */
  private post(message: ShareMessage<M, S>): boolean {
    try {
      this.channel.postMessage(message);
      return true;
    } catch {
      return false;
    }
  }
}
