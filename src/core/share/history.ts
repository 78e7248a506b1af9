/**
 * The last messages a tab applied, in order, with their position in the stream (the SSE last
 * event id; '' when the stream has none). One array slot per message, nothing else: the lookup
 * set is built only at a hand-off.
 */
export class History<M> {
  private readonly ring: (M | undefined)[];
  private next = 0;
  private count = 0;

  constructor(
    private readonly capacity: number,
    readonly positionOf: (message: M) => string,
  ) {
    this.ring = new Array<M | undefined>(capacity);
  }

  push(message: M): void {
    this.ring[this.next] = message;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Oldest first. */
  toArray(): M[] {
    const out: M[] = [];
    const start = (this.next - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) out.push(this.ring[(start + i) % this.capacity] as M);
    return out;
  }

  /** The positions held (ids only; '' means "no id" and never matches). */
  positions(): Set<string> {
    const set = new Set<string>();
    for (const message of this.toArray()) {
      const position = this.positionOf(message);
      if (position !== '') set.add(position);
    }
    return set;
  }
}

/** What a follower does at a hand-off (see {@link resync}). */
export interface Resync<M> {
  /** Messages of the new leader's tail this tab missed, in order: apply them. */
  missed: M[];
  /** Positions this tab already applied: drop live messages at them until the first new one. */
  seen: Set<string> | null;
}

/**
 * Places a tab's history against a new leader's tail. The new leader resumes from its own
 * position, which may be behind this tab (then its re-sent messages are in `seen` and are
 * dropped) or ahead of it (then the tail holds what this tab missed). Without an overlap (no
 * ids, or more than the history's capacity apart) nothing can be placed: the live stream is
 * applied as it comes, as a reconnect that could not resume would be.
 */
export function resync<M>(mine: History<M>, tail: readonly M[]): Resync<M> {
  const seen = mine.positions();
  if (seen.size === 0) return { missed: [], seen: null };
  let last = -1;
  for (let i = tail.length - 1; i >= 0; i--) {
    if (seen.has(mine.positionOf(tail[i]!))) {
      last = i;
      break;
    }
  }
  return { missed: last < 0 ? [] : tail.slice(last + 1), seen };
}
