import type { Clock } from '../clock.js';
import type { StreamError } from '../errors.js';
import type { StreamMetrics } from '../metrics.js';
import type { ConnectionLifecycle } from '../transport/lifecycle.js';
import type { SSEEvent, SSEOpenInfo, SSESnapshot } from '../transport/sse-client.js';
import type { StreamStatus } from '../transport/status.js';
import { fromWireError, toWireError, type WireError } from './protocol.js';
import { TabShare, type ShareRelay } from './tab-share.js';
import type { ShareRuntime } from './types.js';

/** The SSE connection's state as posted to followers. */
export interface SSEShareState {
  status: StreamStatus;
  error: WireError | null;
  attempt: number;
  metrics: StreamMetrics;
}

/** What a follower's `open` carries: the response status and content type (never its headers). */
interface SSEWireOpen {
  status: number;
  contentType: string | null;
}

/** The `open` a tab reports when it joins a leader whose connection is already open. */
const JOINED_OPEN: SSEWireOpen = { status: 200, contentType: 'text/event-stream' };

/** What `SSEClient` lets its share drive (its lifecycle and the few fields a follower feeds). */
export interface SSEShareHost {
  readonly life: ConnectionLifecycle<SSESnapshot, { event: SSEEvent; open: SSEOpenInfo; end: undefined; error: StreamError }>;
  lastEventId: string;
  /** The leader's attempt count and metrics while this tab follows; null while it leads. */
  mirrored: { attempt: number; metrics: StreamMetrics } | null;
  /** The callbacks given in the options (called like the listeners). */
  callbacks(): { onOpen?: ((info: SSEOpenInfo) => void) | undefined; onEnd?: (() => void) | undefined; onError?: ((error: StreamError) => void) | undefined };
  emitEvent(event: SSEEvent): void;
  /** Runs the own connection (resuming from the last event id on a hand-off). */
  connect(handoff: boolean): void;
  /** Drops the own connection and any retry wait; the status is left as it is. */
  disconnect(): void;
  /** Starts the own connection again after it ended (a follower asked). */
  restart(): void;
}

/** Joins the share of an SSE stream: `SSEClient` loads this module on demand. */
export function shareSSE(host: SSEShareHost, runtime: ShareRuntime, clock: Clock): TabShare<SSEEvent, SSEShareState> {
  const life = host.life;
  const share = new TabShare<SSEEvent, SSEShareState>(
    runtime,
    {
      lead(handoff) {
        host.mirrored = null;
        host.connect(handoff);
      },
      follow() {
        host.disconnect();
        life.setStatus('reconnecting');
      },
      leaderless() {
        life.setStatus('reconnecting');
        life.store.invalidate();
      },
      tap(relay: ShareRelay<SSEEvent>) {
        const offs = [
          life.events.on('event', relay.message),
          life.events.on('open', (info) => relay.open({ status: info.status, contentType: info.contentType } satisfies SSEWireOpen)),
          life.events.on('end', relay.end),
          life.events.on('error', relay.error),
        ];
        return () => offs.forEach((off) => off());
      },
      state: () => ({
        status: life.status,
        error: life.error === null ? null : toWireError(life.error),
        attempt: life.failures,
        metrics: life.metrics.snapshot(),
      }),
      position: () => host.lastEventId,
      positionOf: (event) => event.lastEventId,
      mirror(state) {
        host.mirrored = { attempt: state.attempt, metrics: state.metrics };
        life.error = state.error === null ? null : fromWireError(state.error);
        // Joining a leader whose connection is open: this tab's "connection" opens now (a live
        // feed loads its snapshots on this open, as it would on its own connection's).
        if (state.status === 'open' && life.status !== 'open') return this.opened(JOINED_OPEN);
        life.setStatus(state.status);
        life.store.invalidate();
      },
      deliver(events) {
        for (const event of events) {
          host.lastEventId = event.lastEventId;
          host.emitEvent(event);
        }
        life.store.invalidate();
      },
      opened(info) {
        life.setStatus('open');
        const { status, contentType } = info as SSEWireOpen;
        const headers = new Headers(contentType === null ? undefined : { 'content-type': contentType });
        life.events.emit('open', { status, headers, contentType }, host.callbacks().onOpen);
      },
      ended() {
        life.events.emit('end', undefined, host.callbacks().onEnd);
      },
      failed(error) {
        life.events.emit('error', error, host.callbacks().onError);
      },
      adopt(position) {
        host.lastEventId = position;
      },
      run(op) {
        if (op === 'start') host.restart();
        return undefined;
      },
    },
    clock,
  );
  return share;
}
