'use client';
/**
 * react-streamkit: React hooks and components for streaming UIs.
 *
 * Everything React-free (clients, errors, the chat store, protocol adapters) lives in
 * `./core/index.ts`, published as `react-streamkit/core` for server code; this entry re-exports it
 * beside the hooks and components. Only what the README documents is exported: internal helpers
 * stay importable by path inside the repository but are not public API.
 */
export * from './core/index.js';

export { useSSEStream } from './hooks/useSSEStream.js';
export type { UseSSEStreamOptions, UseSSEStreamResult } from './hooks/useSSEStream.js';
export { useSocketStream } from './hooks/useSocketStream.js';
export type { UseSocketStreamOptions, UseSocketStreamResult } from './hooks/useSocketStream.js';
export { useChatStream } from './hooks/useChatStream.js';
export type { UseChatStreamOptions, UseChatStreamResult } from './hooks/useChatStream.js';
export { useLiveFeed, useTopic, useFeedStatus } from './hooks/useLiveFeed.js';
export type { UseLiveFeedOptions, UseTopicOptions } from './hooks/useLiveFeed.js';
export { useOrderTracking } from './hooks/useOrderTracking.js';
export type { UseOrderTrackingOptions } from './hooks/useOrderTracking.js';
export { useOrderReplay } from './hooks/useOrderReplay.js';
export type { UseOrderReplayResult } from './hooks/useOrderReplay.js';
export { useNotifications } from './hooks/useNotifications.js';
export type { UseNotificationsOptions, UseNotificationsResult } from './hooks/useNotifications.js';
export { useToasts } from './hooks/useToasts.js';
export type { UseToastsResult } from './hooks/useToasts.js';

// Chat UI: StreamChat and its headless parts (README "Headless parts"), labels and theming.
export { StreamChat } from './components/StreamChat.js';
export type { StreamChatProps, StreamChatViewProps, StreamChatRootAttributes } from './components/StreamChat.js';
export { ErrorNotice } from './components/ErrorNotice.js';
export type { ErrorNoticeProps, ChatAction } from './components/ErrorNotice.js';
export { ReplyActions } from './components/ReplyActions.js';
export type { ReplyActionsProps } from './components/ReplyActions.js';
export { MessageList } from './components/MessageList.js';
export type { MessageListProps, MessageListComponents } from './components/MessageList.js';
export { Message } from './components/Message.js';
export type { MessageProps } from './components/Message.js';
export { StreamingText } from './components/StreamingText.js';
export type { StreamingTextProps } from './components/StreamingText.js';
export { Cursor, CURSOR_PRESETS } from './components/Cursor.js';
export type { CursorProps, CursorPreset, CursorSetting } from './components/Cursor.js';
export { Composer } from './components/Composer.js';
export type { ComposerProps } from './components/Composer.js';
export { StatusAnnouncer } from './components/StatusAnnouncer.js';
export type { StatusAnnouncerProps } from './components/StatusAnnouncer.js';
export { ToolSteps } from './components/ToolSteps.js';
export type { ToolStepsProps } from './components/ToolSteps.js';
export { Sources } from './components/Sources.js';
export type { SourcesProps } from './components/Sources.js';
export { UsageFooter } from './components/UsageFooter.js';
export type { UsageFooterProps } from './components/UsageFooter.js';
export { ConversationStats, useConversationStats } from './components/ConversationStats.js';
export type { ConversationStatsProps, ChatStats } from './components/ConversationStats.js';
export { useAutoScroll } from './components/useAutoScroll.js';
export type { UseAutoScrollOptions, UseAutoScrollResult } from './components/useAutoScroll.js';
export { splitBlocks, codeBody } from './components/blocks.js';
export type { TextBlock, TextBlockKind, BlockSplit } from './components/blocks.js';
export type { ChatViewOptions, ChatClassNames, ChatSlot, RenderContent, ContentInfo } from './components/context.js';
export { chatDictionaries, resolveLabels } from './components/i18n.js';
export type { ChatLabels, ChatLabelsOverride, ErrorLabelDetails } from './components/i18n.js';
export { themeAttributes } from './components/theme.js';
export type { ChatTheme, ChatThemeTokens, ChatColorScheme } from './components/theme.js';

// Order tracking UI: LiveOrderTracker, OrderDashboard and their parts (README "LiveOrderTracker").
export { LiveOrderTracker } from './components/order/LiveOrderTracker.js';
export type { LiveOrderTrackerProps } from './components/order/LiveOrderTracker.js';
export { OrderDashboard } from './components/order/OrderDashboard.js';
export type { OrderDashboardProps } from './components/order/OrderDashboard.js';
export { OrderTrackerView } from './components/order/OrderTrackerView.js';
export type { OrderTrackerViewProps, OrderTrackerDisplayProps } from './components/order/OrderTrackerView.js';
export { OrderSummary } from './components/order/OrderSummary.js';
export type { OrderSummaryProps } from './components/order/OrderSummary.js';
export { OrderTimeline } from './components/order/OrderTimeline.js';
export type { OrderTimelineProps } from './components/order/OrderTimeline.js';
export { OrderCourierStatus } from './components/order/OrderCourierStatus.js';
export type { OrderCourierStatusProps, RenderCourierMap } from './components/order/OrderCourierStatus.js';
export { OrderConnectionBadge } from './components/order/OrderConnectionBadge.js';
export type { OrderConnectionBadgeProps } from './components/order/OrderConnectionBadge.js';
export { OrderAnnouncer } from './components/order/OrderAnnouncer.js';
export type { OrderAnnouncerProps } from './components/order/OrderAnnouncer.js';
export { OrderViewContext } from './components/order/context.js';
export type { OrderViewOptions, OrderClassNames, OrderSlot } from './components/order/context.js';
export { orderDictionaries, resolveOrderLabels } from './components/order/labels.js';
export type { OrderLabels, OrderLabelsOverride } from './components/order/labels.js';

// Notification UI: Toaster and NotificationCenter, their views and labels (README "Toaster and NotificationCenter").
export { Toaster } from './components/notifications/Toaster.js';
export type { ToasterProps } from './components/notifications/Toaster.js';
export { ToasterView } from './components/notifications/ToasterView.js';
export type { ToasterViewProps, ToasterDisplayProps, ToastQueueControls } from './components/notifications/ToasterView.js';
export { NotificationCenter } from './components/notifications/NotificationCenter.js';
export type { NotificationCenterProps } from './components/notifications/NotificationCenter.js';
export { NotificationCenterView } from './components/notifications/NotificationCenterView.js';
export type {
  NotificationCenterViewProps,
  NotificationCenterDisplayProps,
  NotificationCenterState,
  NotificationCenterActions,
  NotificationFilter,
} from './components/notifications/NotificationCenterView.js';
export type { NotificationClassNames, NotificationSlot } from './components/notifications/view.js';
export { notificationDictionaries, resolveNotificationLabels } from './components/notifications/labels.js';
export type { NotificationLabels, NotificationLabelsOverride } from './components/notifications/labels.js';
