import { useEffect, useRef, type CSSProperties } from 'react';
import { StreamChat, useChatStream, type StreamChatViewProps } from '../../src/index.js';
import { DEMO_QUESTION, docsUrls } from './mocks.js';

/** Props of the landing page's mini-demo: StreamChat's look, and what it asks. */
export interface LiveDemoProps extends Pick<StreamChatViewProps, 'theme' | 'cursor' | 'cursorBlink' | 'cursorBlinkMs' | 'locale'> {
  /** The mocked chat endpoint. */
  api?: string;
  /** Sent once when the demo mounts, so the page streams without a click. */
  question?: string;
}

// A short transcript: the demo sits at the top of the landing page. On the root's inline style
// (not the theme) so the theme toolbar can replace the theme without losing it.
const COMPACT = { '--sk-chat-height': '15rem' } as CSSProperties;

/**
 * The landing page's mini-demo: a StreamChat that asks its question as soon as it is shown, so a
 * newcomer sees a reply stream in (cursor, announcements, Regenerate) before reading a word.
 * The conversation is held with `useChatStream` and handed to `<StreamChat chat>`.
 */
export function LiveDemo({ api = docsUrls.demo, question = DEMO_QUESTION, ...view }: LiveDemoProps) {
  // The reply's events carry ids, so under a flaky network it resumes with Last-Event-ID.
  const chat = useChatStream({ api, protocol: 'generic', retry: { initialDelayMs: 300, maxDelayMs: 2_000 } });
  const send = useRef(chat.send);
  const asked = useRef(false);
  useEffect(() => {
    // Once per mount, StrictMode's second effect run included.
    if (asked.current) return;
    asked.current = true;
    send.current(question);
  }, [question]);
  return (
    <div style={{ maxWidth: 560 }}>
      <StreamChat chat={chat} showTimestamps={false} style={COMPACT} {...view} />
    </div>
  );
}
