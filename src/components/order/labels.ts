import type { OrderStepState } from '../../core/order/types.js';
import { dictionaryFor, en as chatEn, es as chatEs, type ChatLabels } from '../i18n.js';

/**
 * Every string LiveOrderTracker and its parts show or announce (step names come from the step
 * configuration, per locale). Functions receive values already formatted for the locale.
 */
export interface OrderLabels {
  /** Accessible name of a tracker: "Order 1042". */
  order: (orderId: string) => string;
  /** Headings of the summary's three answers. */
  now: string;
  courier: string;
  arrival: string;
  /** Accessible name of the step list. */
  timeline: string;
  /** Each step's state, spelled out for screen readers. */
  stepStates: Record<OrderStepState, string>;
  /** Before any step arrived. */
  waiting: string;
  /** Shown while the order's first data loads. */
  loading: string;
  /** The current step while a delay is reported. */
  delayed: (step: string, reason: string | undefined) => string;
  delivered: (time: string) => string;
  cancelled: (reason: string | undefined) => string;
  deliveryFailed: (reason: string | undefined) => string;
  /** "Arrives 12:40–12:50" (or one time when the window is a single estimate). */
  arrives: (from: string, to: string) => string;
  latestBy: (time: string) => string;
  /** The estimate has passed without delivery. */
  late: string;
  /** The latest ETA revision: "Was 12:30, now 12:45: heavy traffic". */
  revised: (was: string, now: string, reason: string | undefined) => string;
  /** No estimate yet. */
  noEstimate: string;
  noCourier: string;
  /** A courier without a name. */
  courierUnnamed: string;
  /** "Ana is 60% of the way". */
  courierProgress: (name: string, percent: string) => string;
  /** A courier with a position but no route progress, or no position yet. */
  courierOnTheWay: (name: string) => string;
  /** The timer shown when there is no position: "assigned 4 min ago". */
  courierAssigned: (relative: string) => string;
  courierReassigned: (name: string, previous: string | undefined, reason: string | undefined) => string;
  /** Accessible name of the route progress bar. */
  routeProgress: string;
  /** "updated 40 sec ago". */
  positionUpdated: (relative: string) => string;
  /** The position is older than the stale time. */
  positionStale: string;
  /** Connection badge. */
  connectionLive: string;
  connectionConnecting: string;
  connectionReconnecting: (dataFrom: string | undefined) => string;
  connectionOffline: (dataFrom: string | undefined) => string;
  /** The snapshot failed: what is shown may be out of date (`error` is the error's text). */
  connectionStale: (error: string | undefined, dataFrom: string | undefined) => string;
  /** Announced when the estimate changes significantly. */
  etaChanged: (window: string, reason: string | undefined) => string;
  /** Announced when a correction moved the order back. */
  corrected: (step: string, reason: string | undefined) => string;
  /** Server times ran ahead of ours and were clamped. */
  clockSkew: string;
  /** Failures, in this language (shared with StreamChat's dictionaries). */
  errors: ChatLabels['errors'];
}

/** A partial override of {@link OrderLabels}; nested dictionaries may be partial too. */
export type OrderLabelsOverride = Partial<Omit<OrderLabels, 'stepStates' | 'errors'>> & {
  stepStates?: Partial<OrderLabels['stepStates']>;
  errors?: Partial<OrderLabels['errors']>;
};

const because = (reason: string | undefined, sep = ': ') => (reason === undefined || reason === '' ? '' : `${sep}${reason}`);

export const orderEn: OrderLabels = {
  order: (id) => `Order ${id}`,
  now: 'Now',
  courier: 'Courier',
  arrival: 'Arrival',
  timeline: 'Order progress',
  stepStates: { done: 'done', current: 'in progress', upcoming: 'upcoming', skipped: 'skipped' },
  waiting: 'Waiting for the restaurant to confirm',
  loading: 'Loading your order…',
  delayed: (step, reason) => `${step}, delayed${because(reason)}`,
  delivered: (time) => `Delivered at ${time}`,
  cancelled: (reason) => `Order cancelled${because(reason)}`,
  deliveryFailed: (reason) => `Delivery failed${because(reason)}`,
  arrives: (from, to) => (from === to ? `Arrives around ${from}` : `Arrives ${from}–${to}`),
  latestBy: (time) => `latest by ${time}`,
  late: 'Running late',
  revised: (was, now, reason) => `Was ${was}, now ${now}${because(reason)}`,
  noEstimate: 'No estimate yet',
  noCourier: 'No courier assigned yet',
  courierUnnamed: 'Your courier',
  courierProgress: (name, percent) => `${name} is ${percent} of the way`,
  courierOnTheWay: (name) => `${name} has your order`,
  courierAssigned: (relative) => `assigned ${relative}`,
  courierReassigned: (name, previous, reason) =>
    `New courier: ${name}` + (previous === undefined ? '' : ` (was ${previous})`) + because(reason, '. '),
  routeProgress: 'Route progress',
  positionUpdated: (relative) => `updated ${relative}`,
  positionStale: 'Position may be out of date',
  connectionLive: 'Live',
  connectionConnecting: 'Connecting…',
  connectionReconnecting: (from) => (from === undefined ? 'Reconnecting…' : `Reconnecting, data from ${from}`),
  connectionOffline: (from) => (from === undefined ? 'Offline' : `Offline, data from ${from}`),
  connectionStale: (error, from) =>
    (from === undefined ? 'May be out of date' : `May be out of date, data from ${from}`) + because(error, '. '),
  etaChanged: (window, reason) => `New estimate: ${window}${because(reason, '. ')}`,
  corrected: (step, reason) => `Update: back to ${step}${because(reason, '. ')}`,
  clockSkew: 'Times from the server were ahead of this device and were adjusted',
  errors: chatEn.errors,
};

export const orderEs: OrderLabels = {
  order: (id) => `Pedido ${id}`,
  now: 'Ahora',
  courier: 'Repartidor',
  arrival: 'Llegada',
  timeline: 'Progreso del pedido',
  stepStates: { done: 'hecho', current: 'en curso', upcoming: 'pendiente', skipped: 'omitido' },
  waiting: 'Esperando a que el restaurante confirme',
  loading: 'Cargando tu pedido…',
  delayed: (step, reason) => `${step}, con retraso${because(reason)}`,
  delivered: (time) => `Entregado a las ${time}`,
  cancelled: (reason) => `Pedido cancelado${because(reason)}`,
  deliveryFailed: (reason) => `La entrega falló${because(reason)}`,
  arrives: (from, to) => (from === to ? `Llega hacia las ${from}` : `Llega entre las ${from} y las ${to}`),
  latestBy: (time) => `a más tardar a las ${time}`,
  late: 'Va con retraso',
  revised: (was, now, reason) => `Eran las ${was}, ahora las ${now}${because(reason)}`,
  noEstimate: 'Aún sin estimación',
  noCourier: 'Aún sin repartidor asignado',
  courierUnnamed: 'Tu repartidor',
  courierProgress: (name, percent) => `${name} lleva el ${percent} del trayecto`,
  courierOnTheWay: (name) => `${name} lleva tu pedido`,
  courierAssigned: (relative) => `asignado ${relative}`,
  courierReassigned: (name, previous, reason) =>
    `Nuevo repartidor: ${name}` + (previous === undefined ? '' : ` (antes ${previous})`) + because(reason, '. '),
  routeProgress: 'Progreso de la ruta',
  positionUpdated: (relative) => `actualizado ${relative}`,
  positionStale: 'La ubicación puede estar desactualizada',
  connectionLive: 'En vivo',
  connectionConnecting: 'Conectando…',
  connectionReconnecting: (from) => (from === undefined ? 'Reconectando…' : `Reconectando, datos de las ${from}`),
  connectionOffline: (from) => (from === undefined ? 'Sin conexión' : `Sin conexión, datos de las ${from}`),
  connectionStale: (error, from) =>
    (from === undefined ? 'Puede estar desactualizado' : `Puede estar desactualizado, datos de las ${from}`) + because(error, '. '),
  etaChanged: (window, reason) => `Nueva estimación: ${window}${because(reason, '. ')}`,
  corrected: (step, reason) => `Actualización: de vuelta a ${step}${because(reason, '. ')}`,
  clockSkew: 'Las horas del servidor iban por delante de este dispositivo y se ajustaron',
  errors: chatEs.errors,
};

/** The shipped order dictionaries, by language. */
export const orderDictionaries: Readonly<Record<string, OrderLabels>> & { en: OrderLabels } = { en: orderEn, es: orderEs };

/** The order labels for `locale` (falling back by language, then to English) with `overrides` on top. */
export function resolveOrderLabels(locale: string | undefined, overrides?: OrderLabelsOverride): OrderLabels {
  const base = dictionaryFor(orderDictionaries, locale);
  if (!overrides) return base;
  return {
    ...base,
    ...overrides,
    stepStates: { ...base.stepStates, ...overrides.stepStates },
    errors: { ...base.errors, ...overrides.errors },
  } as OrderLabels;
}

/** A step's name in `locale` (by language, then English, then its id). */
export function stepName(label: Readonly<Record<string, string>>, id: string, locale: string | undefined): string {
  const language = (locale ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  return label[locale ?? ''] ?? label[language] ?? label['en'] ?? id;
}
