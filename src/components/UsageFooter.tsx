'use client';
import { forwardRef, type HTMLAttributes } from 'react';
import type { ChatMessage } from '../core/chat/types.js';
import { cx, useChatView } from './context.js';
import { formatDuration, numberFormat } from './i18n.js';

export interface UsageFooterProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  message: Pick<ChatMessage, 'usage' | 'finishReason' | 'rawFinishReason' | 'metrics'>;
}

/**
 * Token usage and why the reply stopped (normalised, with the provider's own word), plus the
 * reply's duration. Renders nothing when the provider reported none of these. Extra props and
 * the ref go to the root `<footer>`.
 */
export const UsageFooter = forwardRef<HTMLElement, UsageFooterProps>(function UsageFooter({ message, className, ...rest }, ref) {
  const { labels, locale, classNames } = useChatView();
  const { usage, finishReason, rawFinishReason, metrics } = message;
  const format = numberFormat(locale);
  const items: Array<[key: string, label: string, value: string]> = [];
  if (usage?.inputTokens !== undefined) items.push(['input', labels.inputTokens, format.format(usage.inputTokens)]);
  if (usage?.outputTokens !== undefined) items.push(['output', labels.outputTokens, format.format(usage.outputTokens)]);
  if (usage?.totalTokens !== undefined) items.push(['total', labels.totalTokens, format.format(usage.totalTokens)]);
  if (finishReason !== undefined) {
    const reason = labels.finishReasons[finishReason];
    items.push(['reason', labels.stopReason, rawFinishReason !== undefined && rawFinishReason !== finishReason ? `${reason} (${rawFinishReason})` : reason]);
  }
  if (metrics?.durationMs != null) items.push(['duration', labels.duration, formatDuration(locale, metrics.durationMs)]);
  if (items.length === 0) return null;
  return (
    <footer {...rest} ref={ref} data-sk-usage="" className={cx(classNames.usage, className)}>
      <span data-sk-visually-hidden="">{labels.usage}</span>
      <dl>
        {items.map(([key, label, value]) => (
          <div key={key} data-sk-usage-item={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </footer>
  );
});
