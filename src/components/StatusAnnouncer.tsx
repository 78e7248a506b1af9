'use client';
import { forwardRef, memo, useEffect, useRef, useState, type HTMLAttributes } from 'react';
import type { ChatStatus } from '../core/chat/chat-store.js';
import type { MessageStatus } from '../core/chat/types.js';
import { useChatView } from './context.js';

export interface StatusAnnouncerProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  status: ChatStatus;
  /** The last reply's status: tells a completed reply from a stopped one. */
  lastReplyStatus?: MessageStatus | undefined;
  /** The error's text (already localised), when `status` is `'error'`. */
  errorMessage?: string | undefined;
  /**
   * The reply has gone silent (see StreamChat's `waitingAfterMs`): "Waiting for the server…" is
   * announced once per reply, however often the reply pauses.
   */
  stalled?: boolean;
}

/** What to say when the chat moves from `previous` to `next`; `null` keeps the current text. */
export function announcementFor(
  previous: ChatStatus,
  next: ChatStatus,
  lastReplyStatus: MessageStatus | undefined,
  errorMessage: string | undefined,
  labels: { responding: string; responseComplete: string; responseStopped: string; error: (message: string) => string },
): string | null {
  const busy = (status: ChatStatus) => status === 'submitted' || status === 'streaming';
  if (busy(next)) return busy(previous) ? null : labels.responding;
  if (next === 'error') return previous === 'error' ? null : labels.error(errorMessage ?? '');
  if (next === 'ready' && busy(previous)) return lastReplyStatus === 'stopped' ? labels.responseStopped : labels.responseComplete;
  return null;
}

/**
 * The one polite status region of a chat: always mounted (a live region that appears together
 * with its text is often not announced), visually hidden, and changed only at the boundaries of
 * a reply ("Responding…", "Response complete", "Response stopped", errors, and once "Waiting
 * for the server…" when a reply goes silent), never per token. Extra props and the ref go to the
 * region's `<div>`.
 */
export const StatusAnnouncer = memo(
  forwardRef<HTMLDivElement, StatusAnnouncerProps>(function StatusAnnouncer(
  { status, lastReplyStatus, errorMessage, stalled = false, ...rest },
  ref,
) {
  const { labels } = useChatView();
  const [text, setText] = useState('');
  const previous = useRef<ChatStatus>(status);
  const announcedStall = useRef(false);

  useEffect(() => {
    const next = announcementFor(previous.current, status, lastReplyStatus, errorMessage, labels);
    previous.current = status;
    if (status !== 'submitted' && status !== 'streaming') announcedStall.current = false;
    if (next !== null) setText(next);
    // Only a change of status is news; the reply's status and error come with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status]);

  useEffect(() => {
    if (!stalled || announcedStall.current) return;
    announcedStall.current = true;
    setText(labels.waitingForServer);
    // Announced when the silence starts, not again when the labels change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stalled]);

  return <LiveRegion {...rest} ref={ref} text={text} />;
  }),
);

export interface LiveRegionProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** What the region says now; a change is what screen readers announce. */
  text: string;
  /** `'assertive'` (role `alert`) interrupts: keep it for failures the reader must hear at once. */
  politeness?: 'polite' | 'assertive';
}

/**
 * A visually hidden live region every component's announcer renders: mount it once and keep it
 * mounted (a region that appears together with its text is often not announced), change `text`
 * only when something is news.
 */
export const LiveRegion = forwardRef<HTMLDivElement, LiveRegionProps>(function LiveRegion(
  { text, politeness = 'polite', ...rest },
  ref,
) {
  return (
    <div
      {...rest}
      ref={ref}
      role={politeness === 'assertive' ? 'alert' : 'status'}
      aria-live={politeness}
      aria-atomic="true"
      data-sk-announcer={politeness === 'assertive' ? 'assertive' : ''}
      data-sk-visually-hidden=""
    >
      {text}
    </div>
  );
});
