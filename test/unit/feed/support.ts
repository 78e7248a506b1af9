/** A hand-driven feed transport: the test plays the connection, the feed reacts. */
import type { FeedTopicChange, FeedTransport, FeedTransportSink } from '../../../src/core/feed/transport.js';

export class FakeFeedTransport implements FeedTransport<unknown> {
  sink: FeedTransportSink<unknown> | null = null;
  connects = 0;
  closes = 0;
  readonly changes: FeedTopicChange[] = [];
  /** Topics the "server" has subscribed (applied from setTopics). */
  readonly subscribed = new Set<string>();
  connected = false;

  attach(sink: FeedTransportSink<unknown>): () => void {
    this.sink = sink;
    return () => {
      this.sink = null;
    };
  }

  connect(): void {
    this.connects++;
    this.connected = true;
  }

  close(): void {
    this.closes++;
    this.connected = false;
  }

  setTopics(change: FeedTopicChange): void {
    this.changes.push(change);
    for (const topic of change.added) this.subscribed.add(topic);
    for (const topic of change.removed) this.subscribed.delete(topic);
  }

  /** The connection opened (`resumed` as the server says). */
  open(resumed = false): void {
    this.sink!.status('open', null);
    this.sink!.open({ resumed });
  }

  drop(): void {
    this.sink!.status('reconnecting', null);
  }

  emit(raw: unknown): void {
    this.sink!.message(raw);
  }
}

/** A promise the test settles by hand. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets queued microtasks (the feed's topic flush, resolved snapshot promises) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
}
