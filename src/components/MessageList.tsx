'use client';
import { forwardRef, memo, type ComponentType, type HTMLAttributes, type ReactNode } from 'react';
import type { ChatStatus } from '../core/chat/chat-store.js';
import type { ChatMessage } from '../core/chat/types.js';
import { cx, useChatView } from './context.js';
import { Message, type MessageProps } from './Message.js';
import { useAutoScroll, type UseAutoScrollResult } from './useAutoScroll.js';

/** Components the list renders, for replacing one part of the default layout. */
export interface MessageListComponents {
  /** Renders one message. It is memoised by the list on the message object. */
  Message?: ComponentType<MessageProps>;
}

export interface MessageListProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  messages: readonly ChatMessage[];
  /** The chat's status: `submitted` shows the "writing…" indicator. Default `'ready'`. */
  status?: ChatStatus;
  /** Shown when there are no messages. Default: the `emptyTitle`/`emptyHint` labels. */
  emptyState?: ReactNode;
  /** Extra content at the end of the transcript. */
  children?: ReactNode;
  /** Replace the message view. */
  components?: MessageListComponents;
  /** An auto-scroll controller from {@link useAutoScroll}, when you need `jumpToLatest` outside. */
  autoScroll?: UseAutoScrollResult;
  /**
   * The reply has gone silent (see StreamChat's `waitingAfterMs`): show "Waiting for the
   * server…" at its end instead of leaving it looking frozen. Default `false`.
   */
  stalled?: boolean;
}

interface RowProps {
  message: ChatMessage;
  component: ComponentType<MessageProps>;
}

// Memoised on the message object: finished messages keep their identity, so while a reply
// streams only its own row renders.
const Row = memo(function Row({ message, component: View }: RowProps) {
  return <View message={message} />;
});

/** True while the reply has been asked for but shows nothing yet (no token, no step). */
export function isAwaitingFirstToken(messages: readonly ChatMessage[], status: ChatStatus): boolean {
  if (status === 'submitted') return true;
  if (status !== 'streaming') return false;
  const last = messages[messages.length - 1];
  if (last === undefined || last.role !== 'assistant') return true;
  return !last.parts.some((part) => part.type === 'tool' || ((part.type === 'text' || part.type === 'reasoning') && part.text !== ''));
}

/**
 * The transcript: a `role="log"` region that is not live (`aria-live="off"`: announcing every
 * token would drown a screen reader; StatusAnnouncer announces the boundaries instead), focusable
 * so keyboard users can scroll it, following new content until the reader scrolls up, with a
 * "jump to latest" button while they read back. Extra props and the ref go to the outer `<div>`
 * (the frame around the log and its jump button).
 */
export const MessageList = forwardRef<HTMLDivElement, MessageListProps>(function MessageList(
  { messages, status = 'ready', emptyState, children, components, autoScroll, stalled = false, className, ...rest },
  ref,
) {
  const { labels, classNames } = useChatView();
  const own = useAutoScroll();
  const scroll = autoScroll ?? own;
  const View = components?.Message ?? Message;
  const busy = status === 'submitted' || status === 'streaming';
  const waiting = isAwaitingFirstToken(messages, status) || (busy && stalled);

  return (
    <div {...rest} ref={ref} data-sk-log-frame="" className={className}>
      <div
        ref={scroll.scrollRef}
        role="log"
        aria-live="off"
        aria-label={labels.conversation}
        // Focusable so PageUp/PageDown/Home/End scroll it (and axe's scrollable-region rule).
        tabIndex={0}
        data-sk-log=""
        data-following={scroll.following ? 'true' : 'false'}
        className={classNames.log}
      >
        <div ref={scroll.contentRef} data-sk-log-content="">
          {messages.length === 0 && status === 'ready'
            ? (emptyState ?? (
                <div data-sk-empty="" className={classNames.empty}>
                  <p data-sk-empty-title="">{labels.emptyTitle}</p>
                  <p data-sk-empty-hint="">{labels.emptyHint}</p>
                </div>
              ))
            : messages.map((message) => <Row key={message.id} message={message} component={View} />)}
          {waiting && (
            <p data-sk-writing="" data-waiting={stalled ? 'true' : undefined} className={classNames.writing}>
              {stalled ? labels.waitingForServer : labels.writing}
              <span data-sk-writing-dots="" aria-hidden="true">
                <span />
                <span />
                <span />
              </span>
            </p>
          )}
          {children}
        </div>
      </div>
      {!scroll.following && (
        <button
          type="button"
          data-sk-jump=""
          className={cx(classNames.button, classNames.jumpButton)}
          onClick={() => {
            scroll.jumpToLatest();
            // The button goes away once following; keep keyboard focus in the transcript
            // rather than dropping it on the page.
            scroll.scrollRef.current?.focus({ preventScroll: true });
          }}
        >
          {labels.jumpToLatest}
        </button>
      )}
    </div>
  );
});
