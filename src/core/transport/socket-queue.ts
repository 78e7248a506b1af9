/** What happens to a new message when the outbound queue is full. */
export type QueueFullPolicy = 'drop-oldest' | 'reject';

/** Bounds of the outbound queue that holds messages sent while the socket is not open. */
export interface OutboundQueueOptions {
  /** Most messages held at once. Default 100. */
  maxSize?: number;
  /**
   * Messages older than this are discarded instead of sent: a chat line typed two minutes ago
   * and sent now, out of context, is usually worse than not sent. Default 30,000 ms.
   */
  maxAgeMs?: number;
  /**
   * When full: `drop-oldest` (default) discards the oldest message to make room — right for
   * feeds of state where the newest wins; `reject` refuses the new one — right when every
   * message matters and the caller wants to know.
   */
  whenFull?: QueueFullPolicy;
}

/** Defaults of {@link OutboundQueueOptions}. */
export const DEFAULT_OUTBOUND_QUEUE: Required<OutboundQueueOptions> = {
  maxSize: 100,
  maxAgeMs: 30_000,
  whenFull: 'drop-oldest',
};

/** One held message, with what to do if it is discarded rather than sent. */
export interface QueuedMessage<T> {
  readonly message: T;
  readonly queuedAt: number;
  /** Called when the entry is evicted (full queue, too old, or cleared). */
  readonly onDiscard?: ((why: 'full' | 'expired' | 'cleared') => void) | undefined;
}

/**
 * A FIFO of outbound messages bounded by count and age. It holds no timers: age is checked when
 * something is added and when the queue is drained, which is when it matters.
 */
export class OutboundQueue<T> {
  private items: Array<QueuedMessage<T>> = [];
  private discarded = 0;
  private readonly options: Required<OutboundQueueOptions>;

  constructor(options: OutboundQueueOptions = {}) {
    this.options = { ...DEFAULT_OUTBOUND_QUEUE, ...options };
  }

  /** Messages currently held. */
  get size(): number {
    return this.items.length;
  }

  /** Messages discarded so far (full with `drop-oldest`, expired, or cleared). */
  get dropped(): number {
    return this.discarded;
  }

  /** Adds a message; false when refused (full with `reject`, or a queue of size 0). */
  push(entry: QueuedMessage<T>): boolean {
    this.expire(entry.queuedAt);
    const { maxSize, whenFull } = this.options;
    if (maxSize <= 0) return false;
    if (this.items.length >= maxSize) {
      if (whenFull === 'reject') return false;
      const oldest = this.items.shift();
      if (oldest) this.discard(oldest, 'full');
    }
    this.items.push(entry);
    return true;
  }

  /** Removes and returns every message still fresh at `now`, oldest first; discards the rest. */
  drain(now: number): Array<QueuedMessage<T>> {
    this.expire(now);
    const fresh = this.items;
    this.items = [];
    return fresh;
  }

  /** Discards everything (the client stopped: nothing will flush these). */
  clear(): void {
    const all = this.items;
    this.items = [];
    for (const entry of all) this.discard(entry, 'cleared');
  }

  private expire(now: number): void {
    const { maxAgeMs } = this.options;
    if (maxAgeMs === Infinity) return;
    // Entries are in arrival order, so the expired ones are a prefix.
    let cut = 0;
    while (cut < this.items.length && now - this.items[cut]!.queuedAt > maxAgeMs) cut++;
    if (cut === 0) return;
    const expired = this.items.splice(0, cut);
    for (const entry of expired) this.discard(entry, 'expired');
  }

  private discard(entry: QueuedMessage<T>, why: 'full' | 'expired' | 'cleared'): void {
    this.discarded++;
    entry.onDiscard?.(why);
  }
}
