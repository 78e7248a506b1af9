import type { Announcement, StreamNotification, Toast, TypeCount } from '../../core/notifications/types.js';
import { numberFormat } from '../i18n.js';
import type { NotificationLabels } from './labels.js';

/** Parts of the Toaster and NotificationCenter that take a class name (`classNames` prop). */
export type NotificationSlot =
  | 'root'
  | 'toaster'
  | 'toast'
  | 'toastTitle'
  | 'toastBody'
  | 'action'
  | 'closeButton'
  | 'bell'
  | 'badge'
  | 'panel'
  | 'filters'
  | 'list'
  | 'item'
  | 'button'
  | 'preferences'
  | 'empty'
  | 'error';

/** Class names per part. Defaults are zero-specificity, so these always win. */
export type NotificationClassNames = Partial<Record<NotificationSlot, string>>;

/** What a toast shows, as text in the labels' language: a headline and an optional body. */
export interface ToastText {
  title: string;
  body: string;
}

/** "5 new orders, 2 new promotions" from counts per type. */
export function countsText(counts: readonly TypeCount[], labels: NotificationLabels, locale: string | undefined): string {
  return counts.map(({ type, count }) => labels.typeCount(labels.typeName(type), count, numberFormat(locale).format(count))).join(', ');
}

/** A notification's headline and body (an empty title shows the body as the headline). */
export function notificationText(notification: StreamNotification, labels: NotificationLabels): ToastText {
  if (notification.title !== '') return { title: notification.title, body: notification.body };
  return notification.body !== '' ? { title: notification.body, body: '' } : { title: labels.untitled, body: '' };
}

/** What a toast says: one notification, a burst of one type, or the summary shown on return to the tab. */
export function toastText(toast: Toast, labels: NotificationLabels, locale: string | undefined): ToastText {
  const { content } = toast;
  if (content.kind === 'notification') return notificationText(content.notification, labels);
  if (content.kind === 'burst') {
    return { title: countsText([{ type: content.type, count: content.count }], labels, locale), body: notificationText(content.latest, labels).title };
  }
  return { title: labels.away(countsText(content.summary.counts, labels, locale)), body: '' };
}

/** The text of an announcement: the toast's headline and body, or counts per type when several arrived at once. */
export function announcementText(announcement: Announcement, labels: NotificationLabels, locale: string | undefined): string {
  if (announcement.content.kind === 'counts') return countsText(announcement.content.counts, labels, locale);
  const { title, body } = toastText(announcement.content.toast, labels, locale);
  return body === '' ? title : `${title}. ${body}`;
}
