/**
 * The last `capacity` event ids of one topic, for de-duplication in O(1) with bounded memory:
 * a ring of ids plus a set over it. An id older than the ring is forgotten. Only events without
 * `seq` are recorded: for the others the sequence itself rejects a repeat.
 */
export class IdLog {
  private readonly ids = new Set<string>();
  private readonly ring: (string | undefined)[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Records `id`, forgetting the oldest one when full. */
  add(id: string): void {
    if (this.capacity <= 0 || this.ids.has(id)) return;
    const evicted = this.ring[this.next];
    if (evicted !== undefined) this.ids.delete(evicted);
    this.ring[this.next] = id;
    this.next = (this.next + 1) % this.capacity;
    this.ids.add(id);
  }

  get size(): number {
    return this.ids.size;
  }
}
