'use client';
import { useCallback, useMemo, useRef, type ReactNode } from 'react';
import { useChatStream, type UseChatStreamOptions } from '../hooks/useChatStream.js';
import { ChatViewContext, cx, type ChatClassNames, type ChatViewOptions, type RenderContent } from './context.js';
import { Composer } from './Composer.js';
import { ConversationStats, type ChatStats } from './ConversationStats.js';
import type { CursorSetting } from './Cursor.js';
import { resolveLabels, type ChatLabelsOverride } from './i18n.js';
import { MessageList, type MessageListComponents } from './MessageList.js';
import { StatusAnnouncer } from './StatusAnnouncer.js';
import { themeAttributes, type ChatTheme } from './theme.js';
import { useAutoScroll } from './useAutoScroll.js';

/**
 * StreamChat's own props (display); every other prop is a {@link useChatStream} option.
 *
 * Object and function props (`theme`, `classNames`, `labels`, `renderContent`, a `cursor`
 * node) should keep their identity between your renders (module constants or `useMemo`): a new
 * one re-renders every message, which is what the memoised transcript otherwise avoids.
 */
export interface StreamChatViewProps {
  /**
   * The streaming cursor: a preset (`'block'` ▊, `'bar'` |, `'dot'` ●, `'underscore'` _), any
   * glyph string, a React node, or `false`. Default `'block'`. Shown only while a reply streams.
   */
  cursor?: CursorSetting;
  /** Blink the cursor. Default `true`. Never blinks under `prefers-reduced-motion: reduce`. */
  cursorBlink?: boolean;
  /** One blink cycle in milliseconds. Default 1000 (or `--sk-cursor-blink-ms`). */
  cursorBlinkMs?: number;
  /**
   * `'light'` (default), `'dark'`, `'system'`, or design tokens mapped to `--sk-*` variables
   * (`{ base: 'dark', accent: '#f60', cursorColor: '#f60' }`).
   */
  theme?: ChatTheme;
  /** Class names per part (`root`, `log`, `message`, `composer`, `cursor` …). */
  classNames?: ChatClassNames;
  /** The root's class name (same as `classNames.root`). */
  className?: string;
  /** Override any label (partial). */
  labels?: ChatLabelsOverride;
  /** Language of the labels (`'en'`, `'es'`; regional tags fall back) and of `Intl` formats. Default `'en'`. */
  locale?: string;
  /**
   * Renders message text, one block at a time (e.g. a markdown renderer). Default: plain text,
   * which is always safe: nothing from the stream is ever parsed as HTML. Keep it stable.
   */
  renderContent?: RenderContent;
  /** Show token usage, stop reason and duration under each finished reply. Default `false`. */
  showUsage?: boolean;
  /** Show each message's time. Default `true`. */
  showTimestamps?: boolean;
  /** Conversation figures under the transcript: `true` for the default list, or render them yourself. */
  stats?: boolean | ((stats: ChatStats) => ReactNode);
  /** Shown when the conversation is empty. */
  emptyState?: ReactNode;
  /** Replace parts of the layout (e.g. the message view). */
  components?: MessageListComponents;
  /** Disable the composer (e.g. until signed in). */
  disabled?: boolean;
  /** Focus the message box on mount. Default `false`. */
  autoFocus?: boolean;
}

/** Props of {@link StreamChat}: the hook's options plus the display options. */
export type StreamChatProps = UseChatStreamOptions & StreamChatViewProps;

/**
 * A complete streaming chat: transcript, composer, stop/regenerate/retry, announcements.
 *
 * ```tsx
 * import 'react-streamkit/styles.css';
 * <StreamChat api="/api/chat" headers={async () => ({ Authorization: `Bearer ${await token()}` })} />
 * ```
 *
 * Works unstyled (semantic HTML); with the stylesheet every value is a `--sk-*` variable and
 * every rule has zero specificity, so your classes win without `!important`.
 */
export function StreamChat(props: StreamChatProps) {
  const {
    cursor = 'block',
    cursorBlink = true,
    cursorBlinkMs,
    theme,
    classNames,
    className,
    labels: labelOverrides,
    locale,
    renderContent,
    showUsage = false,
    showTimestamps = true,
    stats,
    emptyState,
    components,
    disabled = false,
    autoFocus = false,
    ...chatOptions
  } = props;
  const chat = useChatStream(chatOptions);
  const { messages, status, error } = chat;
  const textareaRef = useRef<HTMLTextAreaElement | null>(null);
  const autoScroll = useAutoScroll();

  const labels = useMemo(() => resolveLabels(locale, labelOverrides), [locale, labelOverrides]);
  const slots = useMemo(() => classNames ?? {}, [classNames]);
  // One stable context value per set of display options: a token changes none of these, so
  // memoised messages are not woken up by the context either.
  const view = useMemo<ChatViewOptions>(
    () => ({
      labels,
      locale,
      classNames: slots,
      cursor,
      cursorBlink,
      cursorBlinkMs,
      renderContent,
      showUsage,
      showTimestamps,
    }),
    [labels, locale, slots, cursor, cursorBlink, cursorBlinkMs, renderContent, showUsage, showTimestamps],
  );
  const { scheme, style } = useMemo(() => themeAttributes(theme), [theme]);

  const { send: chatSend, stop, regenerate, retry } = chat;
  const { jumpToLatest } = autoScroll;
  const send = useCallback(
    (text: string) => {
      chatSend(text);
      // Sending is a wish to see the answer: follow it even if the reader had scrolled up.
      jumpToLatest();
    },
    [chatSend, jumpToLatest],
  );
  const focusComposer = () => textareaRef.current?.focus();

  const busy = status === 'submitted' || status === 'streaming';
  const last = messages[messages.length - 1];
  const lastReply = last?.role === 'assistant' ? last : undefined;

  return (
    <ChatViewContext.Provider value={view}>
      <div
        data-sk-root=""
        data-sk-chat=""
        data-sk-theme={scheme}
        data-status={status}
        className={cx(slots.root, className)}
        style={style}
      >
        <MessageList messages={messages} status={status} emptyState={emptyState} components={components} autoScroll={autoScroll}>
          {status === 'error' && (
            <div data-sk-error="" className={slots.error}>
              <p>{labels.error(error?.message ?? '')}</p>
              <button
                type="button"
                data-sk-retry=""
                className={cx(slots.button)}
                onClick={() => {
                  retry();
                  focusComposer();
                }}
              >
                {labels.retry}
              </button>
            </div>
          )}
          {status === 'ready' && lastReply !== undefined && (
            <div data-sk-actions="" className={slots.actions}>
              <button
                type="button"
                data-sk-regenerate=""
                className={cx(slots.button)}
                onClick={() => {
                  regenerate();
                  focusComposer();
                }}
              >
                {labels.regenerate}
              </button>
            </div>
          )}
        </MessageList>
        {stats !== undefined && stats !== false && (
          <ConversationStats messages={messages}>{typeof stats === 'function' ? stats : undefined}</ConversationStats>
        )}
        <Composer onSend={send} onStop={stop} busy={busy} disabled={disabled} textareaRef={textareaRef} autoFocus={autoFocus} />
        <StatusAnnouncer status={status} lastReplyStatus={lastReply?.status} errorMessage={error?.message} />
      </div>
    </ChatViewContext.Provider>
  );
}
