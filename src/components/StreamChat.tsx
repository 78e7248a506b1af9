'use client';
import { forwardRef, memo, useCallback, useMemo, useRef, type AriaAttributes, type CSSProperties, type ForwardedRef, type HTMLAttributes, type ReactNode } from 'react';
import type { ChatStore } from '../core/chat/chat-store.js';
import type { Clock } from '../core/clock.js';
import { useChatStore, type UseChatStreamOptions, type UseChatStreamResult } from '../hooks/useChatStream.js';
import { ChatViewContext, cx, type ChatClassNames, type ChatViewOptions, type RenderContent } from './context.js';
import { Composer } from './Composer.js';
import { ConversationStats, type ChatStats } from './ConversationStats.js';
import type { CursorSetting } from './Cursor.js';
import { ErrorNotice, type ChatAction } from './ErrorNotice.js';
import { errorText, resolveLabels, type ChatLabelsOverride } from './i18n.js';
import { MessageList, type MessageListComponents } from './MessageList.js';
import { ReplyActions } from './ReplyActions.js';
import { StatusAnnouncer } from './StatusAnnouncer.js';
import { themeAttributes, type ChatTheme } from './theme.js';
import { useAutoScroll } from './useAutoScroll.js';
import { usePacedSnapshot } from './usePacedSnapshot.js';
import { useServerSilence } from './useServerSilence.js';

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
  /**
   * Blink the cursor. Default `true`: like a text caret, it holds still while text arrives and
   * blinks once the reply pauses for half a second. Never blinks under
   * `prefers-reduced-motion: reduce`.
   */
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
  /**
   * What a 401/403 (`auth` error) offers instead of Retry, which the same credentials cannot
   * fix: e.g. `{ label: 'Sign in', onClick: () => signIn() }`, or `{ label, href: '/login' }`.
   * Without it an `auth` error offers no action.
   */
  authAction?: ChatAction;
  /**
   * After this much silence (no token, no step) while a reply is asked for or streaming, show and
   * announce "Waiting for the server…", so a stalled reply does not look frozen until the
   * transport's `idleTimeoutMs` (default 60 s) ends it. Milliseconds; default 5000; `0` or
   * `Infinity` never shows it.
   */
  waitingAfterMs?: number;
  /**
   * The shortest time between two updates of a streaming reply's text, in milliseconds. Default
   * 50 (20 updates a second, more than anyone reads). StreamChat lengthens it on a loaded main
   * thread (up to 250 ms) and never delays the first token, the end of a reply or an error; `0`
   * shows every update the chat publishes (at most one per frame).
   */
  textUpdateMs?: number;
  /** The clock for `waitingAfterMs` and `textUpdateMs` (tests drive time with a fake one). Default: the platform's. */
  clock?: Clock;
}

/**
 * The attributes StreamChat passes to its root `<div>` besides its own: `aria-*`, `data-*` and a
 * few global ones. Other names are the hook's options (`id` is the conversation's id); for more,
 * use the ref.
 */
export type StreamChatRootAttributes = AriaAttributes &
  Pick<HTMLAttributes<HTMLDivElement>, 'role' | 'title' | 'style' | 'dir' | 'lang' | 'hidden' | 'tabIndex' | 'translate'> & {
    [data: `data-${string}`]: string | number | boolean | undefined;
  };

/**
 * Props of {@link StreamChat}: the display options, and either the hook's options (StreamChat
 * runs {@link useChatStream} itself) or `chat`, a `useChatStream` result you hold, so other parts
 * of your app can read and drive the same conversation.
 */
export type StreamChatProps = StreamChatViewProps &
  StreamChatRootAttributes &
  (
    | (UseChatStreamOptions & { chat?: undefined })
    | ({
        /**
         * A conversation from your own `useChatStream(...)`: StreamChat shows and drives it
         * instead of running its own (its options are then the hook's, not StreamChat's).
         */
        chat: UseChatStreamResult;
      } & { [K in keyof UseChatStreamOptions]?: never })
  );

const ROOT_ATTRIBUTES = new Set(['role', 'title', 'style', 'dir', 'lang', 'hidden', 'tabIndex', 'translate']);

/** Splits StreamChat's remaining props into root attributes and the hook's options. */
function splitRootAttributes(props: Record<string, unknown>): { root: Record<string, unknown>; options: Record<string, unknown> } {
  const root: Record<string, unknown> = {};
  const options: Record<string, unknown> = {};
  for (const key in props) {
    if (ROOT_ATTRIBUTES.has(key) || key.startsWith('aria-') || key.startsWith('data-')) root[key] = props[key];
    else options[key] = props[key];
  }
  return { root, options };
}

const DEFAULT_WAITING_AFTER_MS = 5000;

/**
 * A complete streaming chat: transcript, composer, stop/regenerate/retry, announcements.
 *
 * ```tsx
 * import 'react-streamkit/styles.css';
 * <StreamChat api="/api/chat" headers={async () => ({ Authorization: `Bearer ${await token()}` })} />
 * // or drive a conversation you hold: const chat = useChatStream({ api: '/api/chat' }); <StreamChat chat={chat} />
 * ```
 *
 * Works unstyled (semantic HTML); with the stylesheet every value is a `--sk-*` variable and
 * every rule has zero specificity, so your classes win without `!important`. The ref and the
 * {@link StreamChatRootAttributes} go to the root `<div>`.
 */
export const StreamChat = forwardRef<HTMLDivElement, StreamChatProps>(function StreamChat(props, ref) {
  // Two components, so the hook runs only when StreamChat owns the conversation. Switching
  // between `chat` and options remounts the view.
  if (props.chat === undefined) return <OwnChat {...props} viewRef={ref} />;
  const { chat, ...rest } = props;
  return <ChatView {...(rest as StreamChatViewProps & StreamChatRootAttributes)} store={chat.store} viewRef={ref} />;
});

type ViewRef = ForwardedRef<HTMLDivElement>;

function OwnChat(props: StreamChatProps & { viewRef: ViewRef }) {
  const { view, viewRef, root } = splitProps(props);
  // The store without a subscription: the view below reads it at its own pace, so this component
  // does not re-render (and React does not commit) for every update of a streaming reply.
  const store = useChatStore(root.options as unknown as UseChatStreamOptions);
  return <ChatView {...view} {...root.root} store={store} viewRef={viewRef} />;
}

const VIEW_KEYS = [
  'cursor', 'cursorBlink', 'cursorBlinkMs', 'theme', 'classNames', 'className', 'labels', 'locale', 'renderContent',
  'showUsage', 'showTimestamps', 'stats', 'emptyState', 'components', 'disabled', 'autoFocus', 'authAction',
  'waitingAfterMs', 'textUpdateMs', 'clock',
] as const satisfies ReadonlyArray<keyof StreamChatViewProps>;

function splitProps(props: StreamChatProps & { viewRef: ViewRef }) {
  const { viewRef, chat: _chat, ...others } = props as StreamChatProps & { viewRef: ViewRef; chat?: unknown };
  const view: Record<string, unknown> = {};
  const remaining: Record<string, unknown> = { ...others };
  for (const key of VIEW_KEYS) {
    if (key in remaining) {
      view[key] = remaining[key];
      delete remaining[key];
    }
  }
  return { view: view as StreamChatViewProps, viewRef, root: splitRootAttributes(remaining) };
}

const DEFAULT_TEXT_UPDATE_MS = 50;
/** How long the reply must pause before the cursor starts blinking. */
const CURSOR_REST_MS = 500;

type ChatViewProps = StreamChatViewProps & StreamChatRootAttributes & { store: ChatStore; viewRef: ViewRef };

const ChatView = memo(function ChatView(props: ChatViewProps) {
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
    authAction,
    waitingAfterMs = DEFAULT_WAITING_AFTER_MS,
    textUpdateMs = DEFAULT_TEXT_UPDATE_MS,
    clock,
    store,
    viewRef,
    style: rootStyle,
    ...rootAttributes
  } = props;
  const { messages, status, error } = usePacedSnapshot(store, textUpdateMs, clock);
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
  const { scheme, style: themeStyle } = useMemo(() => themeAttributes(theme), [theme]);
  const style = useMemo<CSSProperties | undefined>(
    () => (rootStyle === undefined ? themeStyle : { ...themeStyle, ...rootStyle }),
    [themeStyle, rootStyle],
  );

  const { send: chatSend, stop, regenerate, retry } = store;
  const { jumpToLatest } = autoScroll;
  const send = useCallback(
    (text: string) => {
      chatSend(text);
      // Sending is a wish to see the answer: follow it even if the reader had scrolled up.
      jumpToLatest();
    },
    [chatSend, jumpToLatest],
  );
  const focusComposer = useCallback(() => textareaRef.current?.focus(), []);

  const busy = status === 'submitted' || status === 'streaming';
  const stalled = useServerSilence(busy, messages, waitingAfterMs, clock);
  // The cursor holds still while text arrives and blinks once the reply pauses, as a text caret
  // does. A blink animation is serviced by the main thread at every frame (about a fifth of a
  // long reply's main-thread time in the chat benchmark); a still cursor costs nothing.
  // No timer at all when there is no blinking cursor.
  const blinks = cursor !== false && cursorBlink;
  const resting = useServerSilence(busy, messages, blinks ? CURSOR_REST_MS : 0, clock);
  const last = messages[messages.length - 1];
  const lastReply = last?.role === 'assistant' ? last : undefined;
  const errorMessage = status === 'error' && error !== null ? errorText(error, labels, locale) : undefined;
  const replyStatus = lastReply?.status;
  // The notices at the end of the transcript, as one memoised value: while a reply streams it
  // stays the same, so the list is not re-rendered for it.
  const notices = useMemo(
    () => (
      <>
        {status === 'error' && error !== null && (
          <ErrorNotice
            error={error}
            authAction={authAction}
            onRetry={() => {
              retry();
              focusComposer();
            }}
          />
        )}
        {status === 'ready' && replyStatus !== undefined && (
          <ReplyActions
            onRegenerate={() => {
              regenerate();
              focusComposer();
            }}
          />
        )}
      </>
    ),
    [status, error, authAction, retry, regenerate, focusComposer, replyStatus],
  );

  return (
    <ChatViewContext.Provider value={view}>
      <div
        {...rootAttributes}
        ref={viewRef}
        data-sk-root=""
        data-sk-chat=""
        data-sk-theme={scheme}
        data-status={status}
        data-waiting={stalled ? 'true' : undefined}
        data-typing={blinks && busy && !resting ? 'true' : undefined}
        className={cx(slots.root, className)}
        style={style}
      >
        <MessageList
          messages={messages}
          status={status}
          emptyState={emptyState}
          components={components}
          autoScroll={autoScroll}
          stalled={stalled}
        >
          {notices}
        </MessageList>
        {stats !== undefined && stats !== false && (
          <ConversationStats messages={messages}>{typeof stats === 'function' ? stats : undefined}</ConversationStats>
        )}
        <Composer onSend={send} onStop={stop} busy={busy} disabled={disabled} textareaRef={textareaRef} autoFocus={autoFocus} />
        <StatusAnnouncer status={status} lastReplyStatus={lastReply?.status} errorMessage={errorMessage} stalled={stalled} />
      </div>
    </ChatViewContext.Provider>
  );
});
