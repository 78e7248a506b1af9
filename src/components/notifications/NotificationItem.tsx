'use client';
import { memo } from 'react';
import { isSafeHref } from '../../core/notifications/map-notification.js';
import type { StreamNotification } from '../../core/notifications/types.js';
import { formatTime } from '../i18n.js';
import type { NotificationLabels } from './labels.js';
import { notificationText } from './view.js';

export interface NotificationItemProps {
  notification: StreamNotification;
  labels: NotificationLabels;
  locale: string | undefined;
  className?: string | undefined;
  buttonClassName?: string | undefined;
  onMarkRead: (id: string) => void;
  onArchive: (id: string) => void;
}

/**
 * One row of the centre's list: importance, headline, body and time (`Intl`), its link actions,
 * and mark read / archive. Text from the server is rendered as text. Memoised: a row re-renders
 * only when its notification object changes.
 */
export const NotificationItem = memo(function NotificationItem({
  notification,
  labels,
  locale,
  className,
  buttonClassName,
  onMarkRead,
  onArchive,
}: NotificationItemProps) {
  const { title, body } = notificationText(notification, labels);
  const links = notification.actions?.filter((action) => action.href !== undefined && isSafeHref(action.href));
  return (
    <li
      data-sk-notification=""
      data-type={notification.type}
      data-importance={notification.importance}
      data-read={notification.read ? 'true' : 'false'}
      className={className}
    >
      <p data-sk-notification-title="">
        {!notification.read && <span data-sk-visually-hidden="">{`${labels.unread}: `}</span>}
        {notification.importance !== 'normal' && <span data-sk-notification-importance="">{labels.importance[notification.importance]}</span>}{' '}
        {title}
      </p>
      {body !== '' && <p data-sk-notification-body="">{body}</p>}
      <time data-sk-notification-time="" dateTime={new Date(notification.createdAt).toISOString()}>
        {formatTime(locale, notification.createdAt)}
      </time>
      <div data-sk-notification-actions="">
        {links?.map((action, index) => (
          <a key={index} href={action.href} data-sk-notification-link="">
            {action.label}
          </a>
        ))}
        {!notification.read && (
          <button type="button" data-sk-notification-button="" className={buttonClassName} aria-label={labels.markReadOf(title)} onClick={() => onMarkRead(notification.id)}>
            {labels.markRead}
          </button>
        )}
        <button type="button" data-sk-notification-button="" className={buttonClassName} aria-label={labels.archiveOf(title)} onClick={() => onArchive(notification.id)}>
          {labels.archive}
        </button>
      </div>
    </li>
  );
});
