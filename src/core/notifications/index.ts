/** Notifications, React-free: a store over the live feed, the toast queue and `notify()`. */
export { NOTIFICATION_IMPORTANCES } from './types.js';
export type * from './types.js';
export { defaultNotificationMapper, contentDigest, isSafeHref } from './map-notification.js';
export type { NotificationMapper, MapNotificationContext } from './map-notification.js';
export { createNotificationFeed, NOTIFICATION_TOPIC } from './notification-feed.js';
export type { NotificationEvent, NotificationFeedOptions } from './notification-feed.js';
export { createNotificationStore, DEFAULT_MAX_HISTORY } from './store.js';
export type { NotificationStore, NotificationStoreOptions, NotificationStoreStats } from './store.js';
export { createToastQueue, DEFAULT_TOAST_DURATIONS } from './toast-queue.js';
export type { ToastQueue, ToastQueueOptions, ShowToastOptions, ToastQueueStats } from './toast-queue.js';
export { DEFAULT_ANNOUNCE_INTERVAL_MS } from './announcer.js';
export { notify, createNotify, getDefaultToastQueue, setDefaultToastQueue } from './notify.js';
export type { Notify, NotifyPromiseTexts } from './notify.js';
export {
  DEFAULT_NOTIFICATION_PREFERENCES,
  localPreferenceStorage,
  memoryPreferenceStorage,
  readPreferences,
} from './preferences.js';
