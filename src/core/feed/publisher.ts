import { BatchedStore } from '../batched-store.js';
import { safely } from '../emitter.js';
import type { FrameSource } from '../frames.js';

/** Something with its own snapshot and listeners whose publication the {@link FramePublisher} times. */
export interface Publishable<T> {
  /** Rebuilds the published snapshot from the current state. */
  publish(): void;
  /** The published snapshot, passed to listeners. */
  readonly snapshot: T;
  readonly listeners: ReadonlySet<(snapshot: T) => void>;
  /** Set by the publisher while the item waits for publication (so marking it twice is O(1)). */
  queued: boolean;
}

/**
 * Publishes many independently changing snapshots (one per topic, plus the feed's status) in
 * ONE frame window: the first change after a quiet frame publishes at once, later changes of
 * any item wait for the next frame, and a publication notifies only the items that changed.
 * So React commits at most once per frame however many topics change, and a component
 * re-renders only for its own topic.
 *
 * The frame timing is {@link BatchedStore}'s (reused, not copied): its snapshot here is just a
 * version number, and building it publishes the items marked since the previous publication.
 */
export class FramePublisher {
  private dirty: Publishable<any>[] = [];
  private published: Publishable<any>[] = [];
  private readonly store: BatchedStore<number>;
  private version = 0;
  private readonly unsubscribe: () => void;

  constructor(frames: FrameSource) {
    this.store = new BatchedStore(() => this.build(), frames);
    // One permanent listener: item listeners are notified from here, per changed item.
    this.unsubscribe = this.store.subscribe(this.notify);
  }

  /** Marks `item` changed: O(1), published at once or at the next frame. */
  mark(item: Publishable<any>): void {
    if (item.queued) return;
    item.queued = true;
    this.dirty.push(item);
    this.store.invalidate();
  }

  /** Publishes pending changes now (tests, and terminal transitions). */
  flush(): void {
    this.store.flush();
  }

  /** Cancels any pending frame; nothing is published afterwards. */
  dispose(): void {
    this.unsubscribe();
    for (const item of this.dirty) item.queued = false;
    this.dirty = [];
    this.published = [];
  }

  private build(): number {
    const items = this.dirty;
    this.dirty = [];
    for (const item of items) {
      item.queued = false;
      item.publish();
    }
    this.published = items;
    return ++this.version;
  }

  private readonly notify = (): void => {
    const items = this.published;
    this.published = [];
    for (const item of items) {
      const snapshot = item.snapshot;
      for (const listener of item.listeners) safely(listener, snapshot);
    }
  };
}
