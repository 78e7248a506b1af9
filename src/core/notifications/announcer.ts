import type { Clock, TimerHandle } from '../clock.js';
import { TypeTally } from './tally.js';
import type { Announcement, Toast } from './types.js';

/** Default {@link ToastQueueOptions.announceIntervalMs}: at most one announcement per region per second. */
export const DEFAULT_ANNOUNCE_INTERVAL_MS = 1_000;

class Region {
  latest: Announcement | null = null;
  lastAt: number | null = null;
  timer: TimerHandle | null = null;
  first: Toast | null = null;
  entries = 0;
  readonly tally = new TypeTally();
}

/**
 * Rate-limits and coalesces what the live regions say: at most one announcement per region per
 * interval; one toast in an interval is announced as itself, several as counts per type. A screen
 * reader hears "3 new orders" once instead of three interrupted sentences.
 */
export class Announcer {
  private seq = 0;
  private readonly regions = { polite: new Region(), assertive: new Region() };

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: () => number,
    private readonly changed: () => void,
  ) {}

  get polite(): Announcement | null {
    return this.regions.polite.latest;
  }

  get assertive(): Announcement | null {
    return this.regions.assertive.latest;
  }

  /** Queues `toast` for announcement, counted as `count` items of `type`. */
  add(toast: Toast, type: string, count: number): void {
    const politeness = toast.politeness;
    const region = this.regions[politeness];
    region.entries++;
    region.first ??= toast;
    region.tally.add(type, count, toast.importance);
    if (region.timer !== null) return;
    const wait = region.lastAt === null ? 0 : region.lastAt + this.intervalMs() - this.clock.now();
    if (wait <= 0) this.emit(politeness);
    else
      region.timer = this.clock.setTimeout(() => {
        region.timer = null;
        this.emit(politeness);
      }, wait);
  }

  dispose(): void {
    for (const region of [this.regions.polite, this.regions.assertive]) {
      if (region.timer !== null) this.clock.clearTimeout(region.timer);
      region.timer = null;
    }
  }

  private emit(politeness: 'polite' | 'assertive'): void {
    const region = this.regions[politeness];
    if (region.entries === 0) return;
    region.latest = {
      seq: ++this.seq,
      politeness,
      content:
        region.entries === 1 && region.first !== null
          ? { kind: 'toast', toast: region.first }
          : { kind: 'counts', counts: region.tally.list(), total: region.tally.total },
    };
    region.lastAt = this.clock.now();
    region.entries = 0;
    region.first = null;
    region.tally.clear();
    this.changed();
  }
}
