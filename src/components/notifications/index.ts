/** Toaster, NotificationCenter and their parts. */
export { Toaster } from './Toaster.js';
export type { ToasterProps } from './Toaster.js';
export { ToasterView } from './ToasterView.js';
export type { ToasterViewProps, ToasterDisplayProps, ToastQueueControls } from './ToasterView.js';
export { NotificationCenter } from './NotificationCenter.js';
export type { NotificationCenterProps } from './NotificationCenter.js';
export { NotificationCenterView, applyFilter } from './NotificationCenterView.js';
export type {
  NotificationCenterViewProps,
  NotificationCenterDisplayProps,
  NotificationCenterState,
  NotificationCenterActions,
  NotificationFilter,
} from './NotificationCenterView.js';
export { NotificationItem } from './NotificationItem.js';
export type { NotificationItemProps } from './NotificationItem.js';
export { NotificationPreferencesPanel, DEFAULT_MUTE_PERIODS } from './NotificationPreferencesPanel.js';
export type { NotificationPreferencesPanelProps } from './NotificationPreferencesPanel.js';
export { NotificationAnnouncer } from './NotificationAnnouncer.js';
export type { NotificationAnnouncerProps } from './NotificationAnnouncer.js';
export { matchesShortcut } from './shortcut.js';
export { announcementText, countsText, notificationText, toastText } from './view.js';
export type { NotificationClassNames, NotificationSlot, ToastText } from './view.js';
export {
  notificationEn as notificationLabelsEn,
  notificationEs as notificationLabelsEs,
  notificationDictionaries,
  resolveNotificationLabels,
} from './labels.js';
export type { NotificationLabels, NotificationLabelsOverride } from './labels.js';
