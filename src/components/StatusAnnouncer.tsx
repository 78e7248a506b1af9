'use client';
import { useEffect, useRef, useState } from 'react';
import type { ChatStatus } from '../core/chat/chat-store.js';
import type { MessageStatus } from '../core/chat/types.js';
import { useChatView } from './context.js';

export interface StatusAnnouncerProps {
  status: ChatStatus;
  /** The last reply's status: tells a completed reply from a stopped one. */
  lastReplyStatus?: MessageStatus | undefined;
  /** The error's message, when `status` is `'error'`. */
  errorMessage?: string | undefined;
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
 * a reply ("Responding…", "Response complete", "Response stopped", errors), never per token.
 */
export function StatusAnnouncer({ status, lastReplyStatus, errorMessage }: StatusAnnouncerProps) {
  const { labels } = useChatView();
  const [text, setText] = useState('');
  const previous = useRef<ChatStatus>(status);

  useEffect(() => {
    const next = announcementFor(previous.current, status, lastReplyStatus, errorMessage, labels);
    previous.current = status;
    if (next !== null) setText(next);
    // Only a change of status is news; the reply's status and error come with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status]);

  return (
    <div role="status" aria-live="polite" aria-atomic="true" data-sk-announcer="" data-sk-visually-hidden="">
      {text}
    </div>
  );
}
