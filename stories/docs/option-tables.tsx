import type { OrderTrackerDisplayProps } from '../../src/components/order/OrderTrackerView.js';
import type { ChatStoreOptions } from '../../src/core/chat/chat-store.js';
import type { LiveFeedOptions } from '../../src/core/feed/live-feed.js';
import type { NotificationStoreOptions } from '../../src/core/notifications/store.js';
import type { SocketClientOptions } from '../../src/core/transport/socket-client.js';
import type { SSEClientOptions } from '../../src/core/transport/sse-client.js';
import type { UseChatStreamOptions } from '../../src/hooks/useChatStream.js';
import type { UseLiveFeedOptions } from '../../src/hooks/useLiveFeed.js';
import type { UseNotificationsOptions } from '../../src/hooks/useNotifications.js';
import type { UseOrderTrackingOptions } from '../../src/hooks/useOrderTracking.js';
import type { UseSocketStreamOptions } from '../../src/hooks/useSocketStream.js';
import type { UseSSEStreamOptions } from '../../src/hooks/useSSEStream.js';

/*
 * Storybook's docgen tables a component's props with their TSDoc, but not a hook's options, and it
 * does not follow `Omit<…>`. These components render nothing: each takes one of the package's
 * option types as its props, so the docs pages' <ArgTypes of={…} /> tables come from the types
 * and TSDoc the package ships and cannot drift from them. A type built as `Omit<Base, …> & own`
 * is shown as two tables: its own options, and the base's (the omitted names excluded there).
 */

/** `useSSEStream`'s own options. */
export function UseSSEStreamOptionsTable(_options: UseSSEStreamOptions) {
  return <></>;
}

/** The SSE connection options `useSSEStream` passes to `SSEClient`. */
export function SSEClientOptionsTable(_options: SSEClientOptions) {
  return <></>;
}

/** `useSocketStream`'s own options. */
export function UseSocketStreamOptionsTable(_options: UseSocketStreamOptions) {
  return <></>;
}

/** The WebSocket options `useSocketStream` passes to `SocketClient`. */
export function SocketClientOptionsTable(_options: SocketClientOptions) {
  return <></>;
}

/** `useChatStream`'s own options (transport settings). */
export function UseChatStreamOptionsTable(_options: UseChatStreamOptions) {
  return <></>;
}

/** The conversation options `useChatStream` passes to `ChatStore`. */
export function ChatStoreOptionsTable(_options: ChatStoreOptions) {
  return <></>;
}

/** `useLiveFeed`'s own options. */
export function UseLiveFeedOptionsTable(_options: UseLiveFeedOptions) {
  return <></>;
}

/** The feed options `useLiveFeed` passes to `createLiveFeed`. */
export function LiveFeedOptionsTable(_options: LiveFeedOptions) {
  return <></>;
}

/** `useOrderTracking(options)`, also the tracking props of LiveOrderTracker and OrderDashboard. */
export function UseOrderTrackingOptionsTable(_options: UseOrderTrackingOptions) {
  return <></>;
}

/** The display props LiveOrderTracker and OrderDashboard share. */
export function OrderTrackerDisplayPropsTable(_props: OrderTrackerDisplayProps) {
  return <></>;
}

/** `useNotifications`'s own options. */
export function UseNotificationsOptionsTable(_options: UseNotificationsOptions) {
  return <></>;
}

/** The centre's options `useNotifications` passes to the notification store. */
export function NotificationStoreOptionsTable(_options: NotificationStoreOptions) {
  return <></>;
}
