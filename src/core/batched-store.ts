import type { FrameSource } from './frames.js';

type Listener = () => void;

/**
 * A read-only external store for `useSyncExternalStore` whose subscribers are told about
 * changes at most once per frame, however often the state changes.
 *
 * The first change after a quiet frame is published at once (the first token shows without
 * waiting for a frame); changes while a frame window is open are folded into one publication
 * when the frame fires. The snapshot object is rebuilt only at publication, so renders in
 * between see a stable value (no tearing, no "getSnapshot should be cached" loops).
 */
export class BatchedStore<S> {
  private snapshot: S;
  private dirty = false;
  private frame: unknown = null;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly build: () => S,
    private readonly frames: FrameSource,
  ) {
    this.snapshot = build();
  }

  /** The current snapshot; stable between publications. */
  readonly getSnapshot = (): S => {
    // Without subscribers nothing is published, so bring the value up to date on read.
    if (this.dirty && this.frame === null) this.publish(false);
    return this.snapshot;
  };

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.frame !== null) {
        this.frames.cancel(this.frame);
        this.frame = null;
      }
    };
  };

  /** Marks the state changed. Publishes now if no frame window is open, else at the frame. */
  invalidate(): void {
    this.dirty = true;
    if (this.listeners.size === 0 || this.frame !== null) return;
    // Open the frame window before publishing: a listener that unsubscribes during the
    // publication (the last one) must be able to cancel it, or a frame would stay pending with
    // nobody listening and getSnapshot would keep serving the old value.
    this.frame = this.frames.request(this.onFrame);
    this.publish(true);
  }

  /** Publishes a pending change at once (used for terminal transitions such as stop). */
  flush(): void {
    if (!this.dirty) return;
    if (this.frame !== null) {
      this.frames.cancel(this.frame);
      this.frame = null;
    }
    this.publish(this.listeners.size > 0);
  }

  private readonly onFrame = (): void => {
    if (this.dirty && this.listeners.size > 0) {
      this.frame = this.frames.request(this.onFrame);
      this.publish(true);
    } else {
      this.frame = null;
    }
  };

  private publish(notify: boolean): void {
    this.dirty = false;
    this.snapshot = this.build();
    if (!notify) return;
    for (const listener of [...this.listeners]) listener();
  }
}
