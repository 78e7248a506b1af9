import type { StreamError } from '../errors.js';
import type { StreamMetrics } from '../metrics.js';
import type { ConnectionLifecycle } from '../transport/lifecycle.js';
import type { SSEClientOptions, SSEEvent, SSEOpenInfo, SSESnapshot } from '../transport/sse-client.js';
import type { StreamStatus } from '../transport/status.js';
import { fromWireError, toWireError, type WireError } from './protocol.js';
import { TabShare, type ShareRelay } from './tab-share.js';
import { shareRuntime, type ShareAcrossTabsOptions } from './types.js';

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

/** The leader's figures a follower shows as its own. */
export type SSEShareMirror = Pick<SSEShareState, 'attempt' | 'metrics'>;

/**
 * The members of `SSEClient` its share drives. They are private in the class (not API) and
 * reached by name here, so that all the glue lives in the share's code, which only apps that
 * import `acrossTabs` bundle: `SSEClient` itself only calls the option's `sse(client)`.
 */
interface SSEClientInternals {
  readonly options: SSEClientOptions;
  readonly life: ConnectionLifecycle<SSESnapshot, { event: SSEEvent; open: SSEOpenInfo; end: undefined; error: StreamError }>;
  lastEventId: string;
  firstResponse: SSEOpenInfo | null;
  mirrored: SSEShareMirror | null;
  emitEvent(event: SSEEvent): void;
  loop(run: number, resuming: boolean): Promise<void>;
  halt(): void;
}

/**
 * Joins the tabs sharing `client`'s stream (when it starts with `shareAcrossTabs`). Null when it
 * cannot share here: a non-GET request (it would be sent by another tab), or no Web Locks /
 * BroadcastChannel; the client then connects on its own.
 */
export function shareSSE(client: SSEClientInternals, settings: ShareAcrossTabsOptions): TabShare<SSEEvent, SSEShareState> | null {
  const { options, life } = client;
  if ((options.method ?? 'GET').toUpperCase() !== 'GET') return null;
  const runtime = shareRuntime(settings, 'sse', String(options.url));
  if (runtime === null) return null;
  const host = {
    get lastEventId() {
      return client.lastEventId;
    },
    set lastEventId(id: string) {
      client.lastEventId = id;
    },
    set mirrored(value: SSEShareMirror | null) {
      client.mirrored = value;
    },
    // Read when called: `setOptions` replaces the options object.
    callbacks: () => client.options,
    emitEvent: (event: SSEEvent) => client.emitEvent(event),
    connect: (handoff: boolean) => void client.loop(life.resume(), handoff),
    disconnect: () => {
      // Another tab leads now: end the own request without the `closed` a stop would show.
      const status = life.status;
      life.status = 'idle';
      client.halt();
      life.status = status;
    },
    restart: () => {
      if (life.isActive()) return;
      client.mirrored = null;
      client.firstResponse = null;
      void client.loop(life.begin(), false);
    },
  };
  const share = new TabShare<SSEEvent, SSEShareState>(
    runtime,
    {
      lead(handoff) {
        // The stream was over (ended, or given up) before the hand-off: nothing to take over
        // until someone starts it again.
        if (handoff && !life.isActive()) return;
        host.mirrored = null;
        host.connect(handoff);
      },
      follow() {
        host.disconnect();
        life.setStatus('reconnecting');
      },
      leaderless() {
        // A stream that was over stays so; a live one waits for the next leader.
        if (life.isActive()) life.setStatus('reconnecting');
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
    life.clock,
  );
  life.setStatus('connecting');
  share.join();
  return share;
}
