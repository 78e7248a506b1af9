'use client';
import { forwardRef, useMemo, type HTMLAttributes, type ReactNode } from 'react';
import type { ChatMessage } from '../core/chat/types.js';
import { cx, useChatView } from './context.js';
import { formatDuration, numberFormat } from './i18n.js';

/** Figures about a conversation. */
export interface ChatStats {
  /** Messages the user sent. */
  userMessages: number;
  /** Assistant replies (streaming one included). */
  replies: number;
  /** Characters of text in the whole conversation. */
  characters: number;
  /** Characters of text per reply, rounded (0 without replies). */
  averageReplyLength: number;
  /** From the first message to the end of the last one, in ms. */
  sessionMs: number;
}

/** Text length without concatenating: O(parts), not O(characters). */
function textLength(message: ChatMessage): number {
  let length = 0;
  for (const part of message.parts) if (part.type === 'text') length += part.text.length;
  return length;
}

/** Computes {@link ChatStats}. */
export function conversationStats(messages: readonly ChatMessage[]): ChatStats {
  let userMessages = 0;
  let replies = 0;
  let characters = 0;
  let replyCharacters = 0;
  let start = Infinity;
  let end = -Infinity;
  for (const message of messages) {
    const length = textLength(message);
    characters += length;
    if (message.role === 'user') userMessages++;
    if (message.role === 'assistant') {
      replies++;
      replyCharacters += length;
    }
    if (Number.isFinite(message.createdAt)) {
      start = Math.min(start, message.createdAt);
      end = Math.max(end, message.createdAt + (message.metrics?.durationMs ?? 0));
    }
  }
  return {
    userMessages,
    replies,
    characters,
    averageReplyLength: replies === 0 ? 0 : Math.round(replyCharacters / replies),
    sessionMs: end >= start ? end - start : 0,
  };
}

/** {@link conversationStats}, memoised on the messages array. */
export function useConversationStats(messages: readonly ChatMessage[]): ChatStats {
  return useMemo(() => conversationStats(messages), [messages]);
}

export interface ConversationStatsProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  messages: readonly ChatMessage[];
  /** Render the figures yourself; default: a description list. */
  children?: (stats: ChatStats) => ReactNode;
}

/**
 * Conversation figures: your messages, replies, characters, average reply length, session time.
 * Extra props and the ref go to the root `<section>` (not used when you render the figures).
 */
export const ConversationStats = forwardRef<HTMLElement, ConversationStatsProps>(function ConversationStats(
  { messages, children, className, ...rest },
  ref,
) {
  const { labels, locale, classNames } = useChatView();
  const stats = useConversationStats(messages);
  if (children) return <>{children(stats)}</>;
  const format = numberFormat(locale);
  const rows: Array<[key: string, label: string, value: string]> = [
    ['user-messages', labels.statsUserMessages, format.format(stats.userMessages)],
    ['replies', labels.statsReplies, format.format(stats.replies)],
    ['characters', labels.statsCharacters, format.format(stats.characters)],
    ['average-length', labels.statsAverageLength, format.format(stats.averageReplyLength)],
    ['session-time', labels.statsSessionTime, formatDuration(locale, stats.sessionMs)],
  ];
  return (
    <section {...rest} ref={ref} data-sk-stats="" aria-label={labels.stats} className={cx(classNames.stats, className)}>
      <dl>
        {rows.map(([key, label, value]) => (
          <div key={key} data-sk-stat={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
});
