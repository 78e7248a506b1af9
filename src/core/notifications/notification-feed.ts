import type { Clock } from '../clock.js';
import { createLiveFeed, type LiveFeed, type LiveFeedOptions } from '../feed/live-feed.js';
import type { FeedEvent } from '../feed/types.js';
import { wallClock } from '../order/wall-clock.js';
import { contentDigest, defaultNotificationMapper, type NotificationMapper } from './map-notification.js';
import type { StreamNotification } from './types.js';

/** The one topic notifications travel on (a user's channel is the connection itself). */
export const NOTIFICATION_TOPIC = 'notifications';

/** A feed event carrying one notification. */
export interface NotificationEvent extends FeedEvent {
  notification: StreamNotification;
}

/** Options of {@link createNotificationFeed}: the live feed's, with notification defaults. */
export interface NotificationFeedOptions<Raw = unknown>
  extends Omit<LiveFeedOptions<NotificationEvent, NotificationEvent, Raw>, 'mapEvent' | 'reduce' | 'clock'> {
  /** Adapts a server message (default {@link defaultNotificationMapper}: seed 000's `{ mensaje, timestamp }` and the English shape). */
  mapEvent?: NotificationMapper<Raw> | undefined;
  /** This client's (or user's) id: messages targeted at another client are ignored. Without it only broadcasts are kept. */
  clientId?: string | undefined;
  /** Wall clock (epoch ms) for `createdAt` of payloads without a time, and the feed's timers. Default `Date.now`. */
  clock?: Clock | undefined;
}

/**
 * A live feed of notifications (SSE or WebSocket). Every message is mapped once; one for another
 * client is dropped there (counted as `ignored`). The feed's event id is the notification id
 * plus a digest of its content: a re-send after a reconnect is a duplicate the feed drops, an
 * update (same id, new content) goes through and replaces the notification in the store.
 */
export function createNotificationFeed<Raw = unknown>(options: NotificationFeedOptions<Raw>): LiveFeed<NotificationEvent, NotificationEvent> {
  const { mapEvent, clientId, clock = wallClock, ...rest } = options;
  const map = (mapEvent ?? defaultNotificationMapper) as NotificationMapper<Raw>;
  const context = { now: () => clock.now() };
  return createLiveFeed<NotificationEvent, NotificationEvent, Raw>({
    ...rest,
    clock,
    mapEvent: (raw) => {
      const notification = map(raw, context);
      if (notification === null || notification === undefined) return null;
      if (notification.target.kind === 'client' && notification.target.id !== clientId) return null;
      return { topic: NOTIFICATION_TOPIC, id: `${notification.id}#${contentDigest(notification)}`, notification };
    },
  });
}
