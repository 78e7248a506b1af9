/**
 * Live figures about a stream, updated as it flows. Times are milliseconds; `null` until known.
 */
export interface StreamMetrics {
  /** From the start of the latest connection attempt to its first response byte. */
  timeToFirstByteMs: number | null;
  /** From the start of the latest connection attempt to its first dispatched event. */
  timeToFirstEventMs: number | null;
  /** Events (or messages) dispatched since `start()`. */
  events: number;
  /** Bytes received since `start()` (encoded size on the wire, after decompression). */
  bytes: number;
  /** Average event rate between the first and the latest event since `start()`. */
  eventsPerSecond: number;
  /** Median gap between consecutive events, over the last {@link GAP_WINDOW} gaps. */
  gapP50Ms: number | null;
  /** 95th percentile gap between consecutive events, over the last {@link GAP_WINDOW} gaps. */
  gapP95Ms: number | null;
  /** Reconnections made since `start()`. */
  reconnects: number;
}

/** The figures of a stream that has not started (what an idle hook reports). */
export const EMPTY_METRICS: Readonly<StreamMetrics> = Object.freeze({
  timeToFirstByteMs: null,
  timeToFirstEventMs: null,
  events: 0,
  bytes: 0,
  eventsPerSecond: 0,
  gapP50Ms: null,
  gapP95Ms: null,
  reconnects: 0,
});

/** How many recent inter-event gaps the percentiles are computed over. */
export const GAP_WINDOW = 256;

/**
 * Records {@link StreamMetrics} with O(1) work per event: gaps go into a fixed ring buffer and
 * the percentiles are computed only when a snapshot is taken (at most once per frame).
 *
 * Events that arrive together (one network read) can be recorded as a burst: `startBurst(now)`
 * once, then `burstEvent()` per event, which only bumps a counter. The burst is folded into the
 * figures (as if each event had been recorded with `eventDispatched(now)`) before anything reads
 * or resets them, so every snapshot sees every event, even one taken in the middle of a burst.
 */
export class MetricsRecorder {
  private attemptStartedAt = 0;
  private ttfb: number | null = null;
  private ttfe: number | null = null;
  private events = 0;
  private bytes = 0;
  private firstEventAt: number | null = null;
  private lastEventAt: number | null = null;
  private readonly gaps = new Float64Array(GAP_WINDOW);
  private gapCount = 0;
  private reconnects = 0;
  /** Events of the current burst not yet folded into the figures, and the burst's time. */
  private burstEvents = 0;
  private burstAt = 0;

  reset(): void {
    this.burstEvents = 0;
    this.ttfb = this.ttfe = this.firstEventAt = this.lastEventAt = null;
    this.events = this.bytes = this.gapCount = this.reconnects = 0;
  }

  attemptStarted(now: number, isReconnect: boolean): void {
    // The previous attempt's events first: their time to first event is that attempt's.
    this.foldBurst();
    this.attemptStartedAt = now;
    this.ttfb = null;
    this.ttfe = null;
    if (isReconnect) this.reconnects++;
  }

  bytesReceived(count: number, now: number): void {
    if (this.ttfb === null) this.ttfb = now - this.attemptStartedAt;
    this.bytes += count;
  }

  eventDispatched(now: number): void {
    // After any pending burst, so events are recorded in the order they were dispatched.
    this.foldBurst();
    if (this.ttfe === null) this.ttfe = now - this.attemptStartedAt;
    if (this.lastEventAt !== null) {
      this.gaps[this.gapCount % GAP_WINDOW] = now - this.lastEventAt;
      this.gapCount++;
    } else {
      this.firstEventAt = now;
    }
    this.lastEventAt = now;
    this.events++;
  }

  /** Starts a burst of events that all arrived at `now` (the previous burst is folded in first). */
  startBurst(now: number): void {
    this.foldBurst();
    this.burstAt = now;
  }

  /** One event of the current burst. The per-event path of a burst: a counter, nothing more. */
  burstEvent(): void {
    this.burstEvents++;
  }

  /**
   * Records the pending burst: the same figures as one `eventDispatched(burstAt)` per event. The
   * first event's gap is measured from the previous event and the others are gaps of 0; only the
   * last {@link GAP_WINDOW} of those are written, since they would overwrite the earlier ones
   * anyway. O(min(events, GAP_WINDOW)) per burst.
   */
  private foldBurst(): void {
    const count = this.burstEvents;
    if (count === 0) return;
    this.burstEvents = 0;
    this.eventDispatched(this.burstAt);
    this.events += count - 1;
    let zeros = count - 1;
    if (zeros > GAP_WINDOW) {
      this.gapCount += zeros - GAP_WINDOW;
      zeros = GAP_WINDOW;
    }
    for (let i = 0; i < zeros; i++) {
      this.gaps[this.gapCount % GAP_WINDOW] = 0;
      this.gapCount++;
    }
  }

  snapshot(): StreamMetrics {
    this.foldBurst();
    const n = Math.min(this.gapCount, GAP_WINDOW);
    const sorted = n > 0 ? Array.from(this.gaps.subarray(0, n)).sort((a, b) => a - b) : [];
    const span = this.firstEventAt !== null && this.lastEventAt !== null ? this.lastEventAt - this.firstEventAt : 0;
    return {
      timeToFirstByteMs: this.ttfb,
      timeToFirstEventMs: this.ttfe,
      events: this.events,
      bytes: this.bytes,
      eventsPerSecond: span > 0 ? ((this.events - 1) * 1000) / span : 0,
      gapP50Ms: n > 0 ? percentile(sorted, 0.5) : null,
      gapP95Ms: n > 0 ? percentile(sorted, 0.95) : null,
      reconnects: this.reconnects,
    };
  }
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}
