'use client';
import { forwardRef, type ForwardedRef } from 'react';
import { useNotifications, type UseNotificationsOptions, type UseNotificationsResult } from '../../hooks/useNotifications.js';
import type { StreamChatRootAttributes } from '../StreamChat.js';
import { NotificationCenterView, type NotificationCenterDisplayProps } from './NotificationCenterView.js';

/**
 * Props of {@link NotificationCenter}: display options, the root's `aria-*`, `data-*` and global
 * attributes (StreamChat's set), and either the {@link useNotifications} options (it runs the
 * hook) or `center`, a `useNotifications` result you hold (the bell and another view share it).
 */
export type NotificationCenterProps = NotificationCenterDisplayProps &
  StreamChatRootAttributes &
  (
    | (UseNotificationsOptions & { center?: undefined })
    | ({
        /** The centre from your own `useNotifications(...)`. */
        center: UseNotificationsResult;
      } & { [K in keyof UseNotificationsOptions]?: never })
  );

const OPTION_KEYS = [
  'feed', 'url', 'clientId', 'mapEvent', 'toasts', 'storage', 'storageKey', 'maxHistory', 'clock', 'frames',
  'loadPage', 'loadCounts', 'onMarkRead', 'onArchive', 'onError',
] as const satisfies ReadonlyArray<keyof UseNotificationsOptions>;

/**
 * A bell with the unread count and the notification centre's panel over a live feed (SSE `url`
 * or a `feed`): filters, mark read, mark all read, archive, preferences, one page at a time.
 *
 * ```tsx
 * import 'react-streamkit/styles.css';
 * <NotificationCenter url="/api/notifications/stream" clientId="cliente-7" locale="es" />
 * ```
 *
 * Renders on the server without touching `window`. The ref and root attributes go to the root `<div>`.
 */
export const NotificationCenter = forwardRef<HTMLDivElement, NotificationCenterProps>(function NotificationCenter(props, ref) {
  if (props.center !== undefined) {
    const { center, ...view } = props;
    return <CenterView {...view} center={center} viewRef={ref} />;
  }
  return <OwnCenter {...props} viewRef={ref} />;
});

function OwnCenter(props: NotificationCenterProps & { viewRef: ForwardedRef<HTMLDivElement> }) {
  const options: Record<string, unknown> = {};
  const view: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if ((OPTION_KEYS as readonly string[]).includes(key)) options[key] = value;
    else view[key] = value;
  }
  const center = useNotifications(options as UseNotificationsOptions);
  return <CenterView {...(view as NotificationCenterDisplayProps & StreamChatRootAttributes)} center={center} viewRef={props.viewRef} />;
}

function CenterView({
  center,
  viewRef,
  ...view
}: NotificationCenterDisplayProps & StreamChatRootAttributes & { center: UseNotificationsResult; viewRef: ForwardedRef<HTMLDivElement> }) {
  return (
    <NotificationCenterView
      {...view}
      ref={viewRef}
      notifications={center.notifications}
      unreadCount={center.unreadCount}
      preferences={center.preferences}
      error={center.error}
      hasMore={center.hasMore}
      loadingPage={center.loadingPage}
      onMarkRead={(id) => void center.markRead(id)}
      onMarkAllRead={() => void center.markAllRead()}
      onArchive={(id) => void center.archive(id)}
      onLoadMore={() => void center.loadMore()}
      onRetry={center.retryable ? () => void center.retry() : undefined}
      onDeliveryChange={(type, delivery) => center.setPreferences({ types: { ...center.preferences.types, [type]: delivery } })}
      onMute={(type, until) => (until === null ? center.unmute(type) : center.mute(type, until))}
    />
  );
}
