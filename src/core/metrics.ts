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

/** How many recent inter-event gaps the percentiles are computed over. */
export const GAP_WINDOW = 256;

/**
 * Records {@link StreamMetrics} with O(1) work per event: gaps go into a fixed ring buffer and
 * the percentiles are computed only when a snapshot is taken (at most once per frame).
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

  reset(): void {
    this.ttfb = this.ttfe = this.firstEventAt = this.lastEventAt = null;
    this.events = this.bytes = this.gapCount = this.reconnects = 0;
  }

  attemptStarted(now: number, isReconnect: boolean): void {
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

  snapshot(): StreamMetrics {
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
