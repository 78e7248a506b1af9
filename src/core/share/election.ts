import type { LockManagerLike } from './types.js';

/** What the election tells its owner. */
export interface ElectionHandlers {
  /** This tab holds the lock now: it leads until it leaves or the lock is stolen. */
  lead(): void;
  /** Another tab stole the lock (this one looked hung): stop leading; the election queues again. */
  deposed(): void;
}

/**
 * Leader election over one Web Lock: every tab that wants the stream queues for the lock; the
 * holder leads. The browser releases a closed or crashed tab's lock and grants it to the next
 * in line, so hand-off needs no timer. A hung tab keeps its lock: {@link steal} takes it (the
 * follower's watchdog decides when), and the old holder learns it through the rejected request.
 */
export class LeaderElection {
  leader = false;
  /** Bumped by every request, steal and leave: a grant or rejection for an older one is stale. */
  private generation = 0;
  private waiting: AbortController | null = null;
  private release: (() => void) | null = null;

  constructor(
    private readonly locks: LockManagerLike,
    private readonly name: string,
    private readonly handlers: ElectionHandlers,
  ) {}

  /** Queues for the lock (idempotent while queued or leading). */
  join(): void {
    if (this.leader || this.waiting !== null) return;
    const controller = new AbortController();
    this.waiting = controller;
    this.request({ signal: controller.signal });
  }

  /** Takes the lock from a holder that stopped answering. */
  steal(): void {
    if (this.leader) return;
    this.waiting?.abort();
    this.waiting = null;
    this.request({ steal: true });
  }

  /** Leaves the election: releases the lock if held, else stops waiting. */
  leave(): void {
    this.generation++;
    this.waiting?.abort();
    this.waiting = null;
    this.leader = false;
    this.release?.();
    this.release = null;
  }

  private request(options: { signal?: AbortSignal; steal?: boolean }): void {
    const generation = ++this.generation;
    this.locks
      .request(this.name, options, () => {
        if (generation !== this.generation) return Promise.resolve();
        this.waiting = null;
        this.leader = true;
        // Held until leave(): the lock is released when this promise settles.
        const held = new Promise<void>((resolve) => (this.release = resolve));
        this.handlers.lead();
        return held;
      })
      .catch(() => {
        // Aborted while waiting (leave/steal: a newer generation) or stolen while leading.
        if (generation !== this.generation || !this.leader) return;
        this.leader = false;
        this.release?.();
        this.release = null;
        this.handlers.deposed();
        this.join();
      });
  }
}
