/**
 * Stand-ins for the Web Locks API and BroadcastChannel, shared by the "tabs" of one test: a lock
 * registry with queueing, steal and a tab crash (its locks released, its waits dropped), and a
 * channel bus that structured-clones every message (as the browser does), records it, and can
 * hold back or cut a tab's traffic (a hung tab).
 */
import type { ChannelConstructor, ChannelLike, LockManagerLike } from '../../../src/core/share/types.js';

interface Waiter {
  tab: string;
  callback: (lock: unknown) => Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const abortError = (message: string) => new DOMException(message, 'AbortError');

export class FakeLocks {
  private readonly holders = new Map<string, Waiter>();
  private readonly queues = new Map<string, Waiter[]>();
  /** Every grant, in order: `tab name`. */
  readonly grants: string[] = [];

  /** The lock manager one tab sees. */
  manager(tab: string): LockManagerLike {
    return {
      request: (name, options, callback) =>
        new Promise<void>((resolve, reject) => {
          const waiter: Waiter = { tab, callback, resolve, reject };
          if (options.steal === true) {
            const holder = this.holders.get(name);
            if (holder !== undefined) holder.reject(abortError('The lock was stolen.'));
            this.grant(name, waiter);
            return;
          }
          if (options.signal?.aborted) return reject(abortError('Aborted.'));
          const queue = this.queue(name);
          queue.push(waiter);
          options.signal?.addEventListener('abort', () => {
            const index = queue.indexOf(waiter);
            if (index < 0) return;
            queue.splice(index, 1);
            reject(abortError('Aborted.'));
          });
          this.next(name);
        }),
    };
  }

  holder(name: string): string | undefined {
    return this.holders.get(name)?.tab;
  }

  /** The tab's page died: its locks are released, its queued requests forgotten. */
  crash(tab: string): void {
    for (const [name, queue] of this.queues) this.queues.set(name, queue.filter((waiter) => waiter.tab !== tab));
    for (const [name, holder] of [...this.holders]) {
      if (holder.tab !== tab) continue;
      this.holders.delete(name);
      this.next(name);
    }
  }

  private queue(name: string): Waiter[] {
    let queue = this.queues.get(name);
    if (queue === undefined) this.queues.set(name, (queue = []));
    return queue;
  }

  private next(name: string): void {
    if (this.holders.has(name)) return;
    const waiter = this.queue(name).shift();
    if (waiter !== undefined) this.grant(name, waiter);
  }

  private grant(name: string, waiter: Waiter): void {
    this.holders.set(name, waiter);
    this.grants.push(`${waiter.tab} ${name}`);
    void Promise.resolve()
      .then(() => waiter.callback({ name }))
      .then(
        () => {
          if (this.holders.get(name) !== waiter) return;
          this.holders.delete(name);
          waiter.resolve();
          this.next(name);
        },
        (error: unknown) => {
          if (this.holders.get(name) !== waiter) return;
          this.holders.delete(name);
          waiter.reject(error);
          this.next(name);
        },
      );
  }
}

interface Port {
  tab: string;
  name: string;
  channel: ChannelLike & { closed: boolean };
}

/** One posted message as recorded: who posted it on which channel, and the clone delivered. */
export interface Posted {
  tab: string;
  name: string;
  data: unknown;
}

export class FakeBus {
  private readonly ports = new Set<Port>();
  /** Every message posted, in order (cloned, as delivered). */
  readonly posted: Posted[] = [];
  /** Tabs whose traffic is cut both ways (a hung page). */
  readonly cut = new Set<string>();

  /** The BroadcastChannel class one tab sees. */
  channelClass(tab: string): ChannelConstructor {
    const bus = this;
    return class FakeChannel implements ChannelLike {
      onmessage: ((event: { data: unknown }) => void) | null = null;
      closed = false;
      constructor(name: string) {
        bus.ports.add({ tab, name, channel: this });
      }
      postMessage(message: unknown): void {
        if (this.closed) throw new DOMException('closed', 'InvalidStateError');
        const data = structuredClone(message);
        bus.posted.push({ tab, name: [...bus.ports].find((port) => port.channel === this)!.name, data });
        if (bus.cut.has(tab)) return;
        const name = [...bus.ports].find((port) => port.channel === this)!.name;
        for (const port of bus.ports) {
          if (port.channel === this || port.name !== name) continue;
          const receiver = port;
          // Delivered as a task, like the browser's, after the sender's synchronous work.
          setImmediate(() => {
            if (receiver.channel.closed || bus.cut.has(receiver.tab)) return;
            receiver.channel.onmessage?.({ data: structuredClone(data) });
          });
        }
      }
      close(): void {
        this.closed = true;
        for (const port of bus.ports) if (port.channel === this) bus.ports.delete(port);
      }
    };
  }

  /** The tab's page died: its channels stop. */
  crash(tab: string): void {
    for (const port of [...this.ports]) {
      if (port.tab !== tab) continue;
      port.channel.closed = true;
      this.ports.delete(port);
    }
  }

  /** Messages of one type posted by `tab` (or by anyone). */
  ofType(type: string, tab?: string): Posted[] {
    return this.posted.filter((p) => (p.data as { t: string }).t === type && (tab === undefined || p.tab === tab));
  }
}
