/**
 * Public types of order tracking: the domain events a server's messages map to, the step
 * configuration, and the order state derived from the applied events (never from an index).
 * All times are epoch milliseconds (`Date.now()` scale).
 */
import type { StreamError } from '../errors.js';
import type { TopicStatus } from '../feed/types.js';
import type { StreamStatus } from '../transport/status.js';

// ---- steps -------------------------------------------------------------------------------------

/** One step of an order's flow, in order. */
export interface OrderStepConfig {
  /** Stable id, e.g. `preparing`. Events name steps by id (or by one of `aliases`). */
  id: string;
  /** What the step is called, per locale (`en` and `es` for the default flow). */
  label: Readonly<Record<string, string>>;
  /** An icon hint for the component (an emoji or a name your icon set understands). */
  icon?: string | undefined;
  /** Other names servers use for this step (seed 000's `tipo` values, e.g. `preparacion_iniciada`). */
  aliases?: readonly string[] | undefined;
}

/** The order's flow: steps in order; the last one means "delivered". */
export type OrderSteps = readonly OrderStepConfig[];

// ---- domain events -----------------------------------------------------------------------------

/**
 * Fields every order event has. `topic` is the order id (orders are topics of the live feed);
 * `id`/`seq` are the feed's exactly-once fields; `at` is the server's time of the event.
 */
export interface OrderEventBase {
  /** The order id. */
  topic: string;
  /** Unique per order when the server sends one (duplicates are then dropped by the feed). */
  id?: string | undefined;
  /** Position in the order's sequence, when the server numbers its events. */
  seq?: number | undefined;
  /** When it happened, by the server's clock (epoch ms). */
  at: number;
  /**
   * When it was received, by our clock (epoch ms), stamped by the mapper. A server time later
   * than this (plus the allowed skew) is clamped to it and flagged (`clockSkew` on the state).
   */
  receivedAt?: number | undefined;
  /** The server's human message, if any (e.g. seed 000's `mensaje`). */
  message?: string | undefined;
}

/** The order reached a step (`step` is a step id of the configured flow). */
export interface OrderStepEvent extends OrderEventBase {
  type: 'step';
  step: string;
}

/**
 * An explicit correction: the order is back at `step` (e.g. "food not ready after all"). The only
 * way the status moves backwards. Also lifts a cancellation or failure that happened before it.
 */
export interface OrderCorrectionEvent extends OrderEventBase {
  type: 'correction';
  step: string;
  reason?: string | undefined;
}

/** The order is delayed (until a later step is reached). */
export interface OrderDelayedEvent extends OrderEventBase {
  type: 'delayed';
  reason?: string | undefined;
}

/** A new estimate: the window `eta` (from–to) and optionally a hard `latestBy`. */
export interface OrderEtaEvent extends OrderEventBase {
  type: 'eta';
  /** Expected arrival window (epoch ms); `from === to` for a single estimate. */
  eta: { from: number; to: number };
  latestBy?: number | undefined;
  /** Why it changed ("heavy traffic"). */
  reason?: string | undefined;
}

/** A courier was assigned; a different courier later is a reassignment. */
export interface OrderCourierEvent extends OrderEventBase {
  type: 'courier';
  courier: { id?: string | undefined; name?: string | undefined };
  reason?: string | undefined;
}

/** The courier's position: lat/lng and/or progress along the route (0–1). */
export interface OrderPositionEvent extends OrderEventBase {
  type: 'position';
  lat?: number | undefined;
  lng?: number | undefined;
  progress?: number | undefined;
}

/** The order was cancelled. */
export interface OrderCancelledEvent extends OrderEventBase {
  type: 'cancelled';
  reason?: string | undefined;
}

/** Delivery failed (nobody home, wrong address …). */
export interface OrderDeliveryFailedEvent extends OrderEventBase {
  type: 'delivery-failed';
  reason?: string | undefined;
}

/** Every event the order reducer understands. */
export type OrderEvent =
  | OrderStepEvent
  | OrderCorrectionEvent
  | OrderDelayedEvent
  | OrderEtaEvent
  | OrderCourierEvent
  | OrderPositionEvent
  | OrderCancelledEvent
  | OrderDeliveryFailedEvent;

/** The `type` values of {@link OrderEvent}. */
export type OrderEventType = OrderEvent['type'];

// ---- state -------------------------------------------------------------------------------------

/**
 * Where the order stands:
 * - `unknown`: no step yet (nothing received, or only ETA/courier news);
 * - `in-progress`: at a step before the last;
 * - `delayed`: in progress, with a delay reported since the current step;
 * - `delivered`: the last step was reached;
 * - `cancelled` / `delivery-failed`: terminal exceptions (until a correction).
 */
export type OrderStatus = 'unknown' | 'in-progress' | 'delayed' | 'delivered' | 'cancelled' | 'delivery-failed';

/**
 * A step's state: `done` (reached, and a later one too), `current`, `upcoming`, or `skipped`
 * (never reported, but a later step was: inferred, and becomes `done` if its event arrives late).
 */
export type OrderStepState = 'done' | 'current' | 'upcoming' | 'skipped';

/** One step as the timeline shows it. */
export interface OrderStepView {
  id: string;
  label: Readonly<Record<string, string>>;
  icon: string | undefined;
  state: OrderStepState;
  /** When it was reached (server time, clamped), or `null` (upcoming/skipped). */
  at: number | null;
  /** The server's message for it, if any. */
  message: string | undefined;
}

/** An ETA revision: "was 12:30, now 12:45: heavy traffic". */
export interface OrderEtaRevision {
  /** When the revision was made (server time). */
  at: number;
  /** The window before, `null` for the first estimate. */
  previous: { from: number; to: number } | null;
  /** The window after. */
  eta: { from: number; to: number };
  latestBy: number | undefined;
  reason: string | undefined;
}

/** The courier, once one is assigned. */
export interface OrderCourier {
  id: string | undefined;
  name: string | undefined;
  /** When this courier was assigned. */
  assignedAt: number;
  /** The courier before a reassignment (`null` if this is the first). */
  previous: { id: string | undefined; name: string | undefined } | null;
  /** Why the courier changed, when the server said. */
  reassignReason: string | undefined;
  /** Last known position of this courier, or `null` (no position yet: show a timer). */
  position: { lat: number | undefined; lng: number | undefined; progress: number | undefined } | null;
  /** When the position was taken (server time), or `null`. Its age is `now - positionAt`. */
  positionAt: number | null;
  /** The position is older than the configured stale time (by the injected clock). */
  stale: boolean;
}

/** The connection behind the tracker: the feed's status and the order topic's condition. */
export interface OrderConnection {
  /** The feed connection's status (`open`, `reconnecting` …). */
  status: StreamStatus;
  /** The order topic's status (`loading`, `live`, `stale` …). */
  topic: TopicStatus;
  /** The latest connection or snapshot error, or `null`. */
  error: StreamError | null;
  /**
   * The data may be out of date: the connection is not open, or the snapshot failed. Show
   * "data from {@link OrderState.updatedAt}".
   */
  stale: boolean;
}

/**
 * The order's state, derived from the applied events (the same events in any order, repeated
 * or not, give the same state) and, for `late` and `courier.stale`, the injected clock.
 */
export interface OrderState {
  orderId: string;
  status: OrderStatus;
  /** The current step's id (the furthest reached, or where a correction put it), or `null`. */
  currentStep: string | null;
  /** Index of `currentStep` in `steps`, `-1` before any step. */
  currentIndex: number;
  steps: readonly OrderStepView[];
  /** The active delay's reason, when `status` is `delayed` (or a delay was reported for the current step). */
  delay: { at: number; reason: string | undefined } | null;
  /** Set when the order was cancelled or delivery failed. */
  exception: { type: 'cancelled' | 'delivery-failed'; at: number; reason: string | undefined } | null;
  /** The current estimate window, or `null`. */
  eta: { from: number; to: number } | null;
  /** The hard "latest by" promise, if given. */
  latestBy: number | null;
  /** ETA revisions, oldest first (capped to the latest few). */
  revisions: readonly OrderEtaRevision[];
  /** `latestBy` (or, without it, the end of the ETA window) has passed without delivery, by the injected clock. */
  late: boolean;
  courier: OrderCourier | null;
  /** Time (server, clamped) of the latest event applied: "data from 12:40". `null` before any. */
  updatedAt: number | null;
  /** Some event's server time was in the future by more than the allowed skew and was clamped. */
  clockSkew: boolean;
  /** The last correction applied, with its reason. */
  correction: { at: number; step: string; reason: string | undefined } | null;
  connection: OrderConnection;
}
