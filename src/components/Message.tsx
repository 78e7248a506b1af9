'use client';
import { forwardRef, memo, type HTMLAttributes, type ReactNode } from 'react';
import type { ChatMessage, MessagePart, ToolPart } from '../core/chat/types.js';
import type { Source } from '../core/protocols/types.js';
import { cx, useChatView } from './context.js';
import { formatTime } from './i18n.js';
import { Sources } from './Sources.js';
import { StreamingText } from './StreamingText.js';
import { ToolSteps } from './ToolSteps.js';
import { UsageFooter } from './UsageFooter.js';

export interface MessageProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  /** The message. Finished messages are immutable, so this component is memoised on it. */
  message: ChatMessage;
}

type Segment =
  | { kind: 'text' | 'reasoning'; key: string; text: string; last: boolean }
  | { kind: 'tools'; key: string; tools: ToolPart[] };

/**
 * Groups parts for display: consecutive tool calls form one list of steps; sources are shown
 * together after the text; data parts are for your own UI (see `renderContent` or build your
 * own message with the headless parts), not for the transcript.
 */
function segments(parts: readonly MessagePart[]): { segments: Segment[]; sources: Source[] } {
  const out: Segment[] = [];
  const sources: Source[] = [];
  parts.forEach((part, index) => {
    if (part.type === 'text' || part.type === 'reasoning') {
      out.push({ kind: part.type, key: `${part.type}-${index}`, text: part.text, last: false });
    } else if (part.type === 'tool') {
      const previous = out[out.length - 1];
      if (previous?.kind === 'tools') previous.tools.push(part);
      else out.push({ kind: 'tools', key: `tools-${index}`, tools: [part] });
    } else if (part.type === 'source') {
      sources.push(part.source);
    }
  });
  const last = out[out.length - 1];
  if (last !== undefined && last.kind !== 'tools') last.last = true;
  return { segments: out, sources };
}

/**
 * One message: author (visually hidden), time, reasoning, text as stable blocks with the
 * cursor at the end while streaming, tool steps, sources and (optionally) a usage footer.
 * State is in `data-role` and `data-status`. Extra props and the ref go to the root `<article>`.
 */
export const Message = memo(
  forwardRef<HTMLElement, MessageProps>(function Message({ message, className, ...rest }, ref) {
  const { labels, locale, classNames, showUsage, showTimestamps } = useChatView();
  const streaming = message.status === 'streaming';
  const { segments: parts, sources } = segments(message.parts);
  const author = message.role === 'user' ? labels.user : message.role === 'assistant' ? labels.assistant : labels.system;

  const body: ReactNode = parts.map((segment) => {
    if (segment.kind === 'tools') return <ToolSteps key={segment.key} tools={segment.tools} streaming={streaming} />;
    const text = (
      <StreamingText
        key={segment.key}
        text={segment.text}
        part={segment.kind}
        streaming={streaming && segment.last}
        className={classNames.content}
      />
    );
    if (segment.kind === 'text') return text;
    return (
      <details key={segment.key} data-sk-reasoning="" className={classNames.reasoning}>
        <summary>{streaming && segment.last ? labels.reasoningStreaming : labels.reasoning}</summary>
        {text}
      </details>
    );
  });

  return (
    <article
      {...rest}
      ref={ref}
      data-sk-message=""
      data-role={message.role}
      data-status={message.status ?? 'done'}
      className={cx(classNames.message, message.role === 'user' ? classNames.userMessage : classNames.assistantMessage, className)}
    >
      <header data-sk-message-header="" className={classNames.messageHeader}>
        <span data-sk-visually-hidden="">{author}</span>
        {showTimestamps && Number.isFinite(message.createdAt) && (
          <time dateTime={new Date(message.createdAt).toISOString()}>{formatTime(locale, message.createdAt)}</time>
        )}
      </header>
      {body}
      <Sources sources={sources} />
      {message.status === 'stopped' && <p data-sk-message-note="">{labels.stopped}</p>}
      {showUsage && message.role === 'assistant' && !streaming && <UsageFooter message={message} />}
    </article>
  );
  }),
);
