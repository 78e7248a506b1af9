import type { NotificationDelivery, NotificationImportance } from '../../core/notifications/types.js';
import { dictionaryFor } from '../i18n.js';

/**
 * Every string the Toaster and the NotificationCenter show or announce. Functions receive values
 * already formatted for the locale; notification titles and bodies are never translated.
 */
export interface NotificationLabels {
  /** Accessible name of the toast stack, with the shortcut that focuses it: "Notifications (Alt+T)". */
  toasts: (shortcut: string) => string;
  /** Accessible name of a toast's close button. */
  dismiss: (title: string) => string;
  /** Spelled-out importance, read before a toast's title and used in filters. */
  importance: Record<NotificationImportance, string>;
  /** The bell's accessible name, with the unread count. */
  bell: (unread: number, formatted: string) => string;
  /** The centre's heading. */
  center: string;
  filterType: string;
  filterImportance: string;
  filterRead: string;
  all: string;
  unread: string;
  read: string;
  /** Visible text of a row's buttons; their accessible names add the title (`markReadOf`, `archiveOf`). */
  markRead: string;
  markReadOf: (title: string) => string;
  markAllRead: string;
  archive: string;
  archiveOf: (title: string) => string;
  /** "Show 20 more (35 left)". */
  showMore: (count: string, left: string) => string;
  empty: string;
  /** The list is empty because of the filters. */
  emptyFiltered: string;
  /** Loading the centre failed; `message` is the error's text, when there is one. */
  error: (message: string | undefined) => string;
  retry: string;
  preferences: string;
  /** Per type: the delivery selector's label. */
  delivery: (type: string) => string;
  /** The delivery choices: toast (and centre), the centre only and silently, or off. */
  deliveries: Record<NotificationDelivery, string>;
  /** Per type: the mute selector. */
  muteType: (type: string) => string;
  notMuted: string;
  /** A mute option: "Mute for 1 hr" (`duration` from `Intl`). */
  muteFor: (duration: string) => string;
  /** The type is muted until a time. */
  mutedUntil: (time: string) => string;
  /** A type's name in filters and preferences; default: the type itself. */
  typeName: (type: string) => string;
  /** "5 new orders": a burst of one type, and each line of a summary (`formatted` is the count in the locale). */
  typeCount: (type: string, count: number, formatted: string) => string;
  /** The toast shown on return to a hidden tab: "While you were away: 5 new orders, 2 new promotions". */
  away: (counts: string) => string;
  /** A notification with an empty title (the body is shown). */
  untitled: string;
}

/** A partial override of {@link NotificationLabels}. */
export type NotificationLabelsOverride = Partial<Omit<NotificationLabels, 'importance' | 'deliveries'>> & {
  importance?: Partial<NotificationLabels['importance']>;
  deliveries?: Partial<NotificationLabels['deliveries']>;
};

export const notificationEn: NotificationLabels = {
  toasts: (shortcut) => `Notifications (${shortcut})`,
  dismiss: (title) => `Dismiss: ${title}`,
  importance: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  bell: (unread, formatted) => (unread === 0 ? 'Notifications, none unread' : `Notifications, ${formatted} unread`),
  center: 'Notifications',
  filterType: 'Type',
  filterImportance: 'Importance',
  filterRead: 'Show',
  all: 'All',
  unread: 'Unread',
  read: 'Read',
  markRead: 'Mark as read',
  markReadOf: (title) => `Mark as read: ${title}`,
  markAllRead: 'Mark all as read',
  archive: 'Archive',
  archiveOf: (title) => `Archive: ${title}`,
  showMore: (count, left) => `Show ${count} more (${left} left)`,
  empty: 'No notifications yet',
  emptyFiltered: 'No notifications match these filters',
  error: (message) => (message === undefined || message === '' ? 'Notifications could not be loaded' : `Notifications could not be loaded: ${message}`),
  retry: 'Retry',
  preferences: 'Preferences',
  delivery: (type) => `${type}: how to notify`,
  deliveries: { toast: 'Pop-up and list', silent: 'List only, silently', off: 'Off' },
  muteType: (type) => `Mute ${type}`,
  notMuted: 'Not muted',
  muteFor: (duration) => `For ${duration}`,
  mutedUntil: (time) => `Muted until ${time}`,
  typeName: (type) => type,
  typeCount: (type, count, formatted) => (count === 1 ? `1 new ${type}` : `${formatted} new ${type}s`),
  away: (counts) => `While you were away: ${counts}`,
  untitled: 'Notification',
};

export const notificationEs: NotificationLabels = {
  toasts: (shortcut) => `Notificaciones (${shortcut})`,
  dismiss: (title) => `Descartar: ${title}`,
  importance: { low: 'Baja', normal: 'Normal', high: 'Alta', urgent: 'Urgente' },
  bell: (unread, formatted) => (unread === 0 ? 'Notificaciones, ninguna sin leer' : `Notificaciones, ${formatted} sin leer`),
  center: 'Notificaciones',
  filterType: 'Tipo',
  filterImportance: 'Importancia',
  filterRead: 'Mostrar',
  all: 'Todas',
  unread: 'Sin leer',
  read: 'Leídas',
  markRead: 'Marcar como leída',
  markReadOf: (title) => `Marcar como leída: ${title}`,
  markAllRead: 'Marcar todas como leídas',
  archive: 'Archivar',
  archiveOf: (title) => `Archivar: ${title}`,
  showMore: (count, left) => `Mostrar ${count} más (quedan ${left})`,
  empty: 'Aún no hay notificaciones',
  emptyFiltered: 'Ninguna notificación coincide con estos filtros',
  error: (message) =>
    message === undefined || message === '' ? 'No se pudieron cargar las notificaciones' : `No se pudieron cargar las notificaciones: ${message}`,
  retry: 'Reintentar',
  preferences: 'Preferencias',
  delivery: (type) => `${type}: cómo avisar`,
  deliveries: { toast: 'Aviso emergente y lista', silent: 'Solo en la lista, sin avisar', off: 'Desactivadas' },
  muteType: (type) => `Silenciar ${type}`,
  notMuted: 'Sin silenciar',
  muteFor: (duration) => `Durante ${duration}`,
  mutedUntil: (time) => `Silenciado hasta las ${time}`,
  typeName: (type) => type,
  typeCount: (type, count, formatted) => (count === 1 ? `1 nueva: ${type}` : `${formatted} nuevas: ${type}`),
  away: (counts) => `Mientras no estabas: ${counts}`,
  untitled: 'Notificación',
};

/** The shipped notification dictionaries, by language. */
export const notificationDictionaries: Readonly<Record<string, NotificationLabels>> & { en: NotificationLabels } = {
  en: notificationEn,
  es: notificationEs,
};

/** The notification labels for `locale` (falling back by language, then to English) with `overrides` on top. */
export function resolveNotificationLabels(locale: string | undefined, overrides?: NotificationLabelsOverride): NotificationLabels {
  const base = dictionaryFor(notificationDictionaries, locale);
  if (!overrides) return base;
  return {
    ...base,
    ...overrides,
    importance: { ...base.importance, ...overrides.importance },
    deliveries: { ...base.deliveries, ...overrides.deliveries },
  } as NotificationLabels;
}
