/**
 * Typed listener sets, one per event name. Emitting iterates the set directly: it runs once per
 * stream event, so it must not copy the set (a listener added meanwhile is also called, per Set
 * iteration semantics; one removed meanwhile is not).
 */
export class Emitter<M extends object> {
  private readonly sets: { [K in keyof M]?: Set<(arg: M[K]) => void> } = {};

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof M>(type: K, listener: (arg: M[K]) => void): () => void {
    const set = this.listeners(type);
    // Wrapped so one function added twice is called twice and removed independently.
    const entry = (arg: M[K]) => listener(arg);
    set.add(entry);
    return () => set.delete(entry);
  }

  /** The live set for `type` (a hot path may keep it and iterate it itself). */
  listeners<K extends keyof M>(type: K): Set<(arg: M[K]) => void> {
    return (this.sets[type] ??= new Set());
  }

  /** Calls `own` (an options callback), then every listener of `type`; a throwing one is reported, not propagated. */
  emit<K extends keyof M>(type: K, arg: M[K], own?: ((arg: M[K]) => void) | undefined): void {
    if (own !== undefined) safely(own, arg);
    const set = this.sets[type];
    if (set !== undefined && set.size > 0) for (const listener of set) safely(listener, arg);
  }
}

/** Calls a consumer's callback; its exception is rethrown out of band so our state stays consistent. */
export function safely<T>(listener: (arg: T) => void, arg: T): void {
  try {
    listener(arg);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
