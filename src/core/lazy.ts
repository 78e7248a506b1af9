/**
 * A module loaded on first use through a dynamic `import()`, so bundlers put it in a chunk of its
 * own that apps which never need it never download. `value` is the module once loaded; `load()`
 * starts loading (once) and resolves with it. A failed load (offline, a deploy replaced the chunk)
 * is forgotten, so the next `load()` tries again.
 */
export class LazyModule<M> {
  value: M | null = null;
  private loading: Promise<M> | null = null;

  constructor(private readonly importer: () => Promise<M>) {}

  load(): Promise<M> {
    this.loading ??= this.importer().then(
      (module) => (this.value = module),
      (cause: unknown) => {
        this.loading = null;
        throw cause;
      },
    );
    return this.loading;
  }

  /** Starts loading ahead of need; a failure here is left for the `load()` that needs it. */
  preload(): void {
    if (this.loading === null && this.value === null) this.load().catch(() => {});
  }
}
