/**
 * Reference-counted holders of a connection: when the last one lets go, it is stopped. The stop
 * is deferred by a microtask so React StrictMode's synchronous mount → unmount → mount keeps
 * the one connection instead of aborting it and opening another.
 */
export class ConnectionDemand {
  private holders = 0;
  private stopPending = false;

  constructor(private readonly stop: () => void) {}

  get count(): number {
    return this.holders;
  }

  /** Adds a holder; returns the function that releases it (idempotent). */
  retain(): () => void {
    this.holders++;
    this.stopPending = false;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders--;
      if (this.holders > 0) return;
      this.stopPending = true;
      queueMicrotask(() => {
        if (!this.stopPending || this.holders > 0) return;
        this.stopPending = false;
        this.stop();
      });
    };
  }
}

/**
 * Clients shared by key across components ("two components with the same key share one
 * request"). An entry lives while someone holds demand for it.
 */
export class SharedClients<C> {
  private readonly entries = new Map<string, C>();

  getOrCreate(key: string, create: () => C): C {
    let client = this.entries.get(key);
    if (client === undefined) {
      client = create();
      this.entries.set(key, client);
    }
    return client;
  }

  /** Forgets `client` under `key` (called when its last holder let go). */
  delete(key: string, client: C): void {
    if (this.entries.get(key) === client) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
