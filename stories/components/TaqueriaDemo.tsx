import { useEffect, useId, useMemo, useRef, useState, type CSSProperties } from 'react';
import {
  createOrderFeed,
  createToastQueue,
  LiveOrderTracker,
  memoryPreferenceStorage,
  NotificationCenter,
  sseFeedTransport,
  StreamChat,
  Toaster,
  useChatStream,
  type ChatMessage,
  type ChatTheme,
  type Clock,
  type LiveFeed,
  type OrderEvent,
  type OrderLog,
  type StreamChatViewProps,
} from '../../src/index.js';
import { CHAT_PROTOCOL, SAMPLE_ORDER, TAQUERIA_CLIENT, taqueriaUrls, type TaqueriaLocale } from '../mocks/taqueria.js';

/** The demo's chat cursor: StreamChat's own props, set by the Cursor and Blink toolbars. */
export type TaqueriaCursorProps = Pick<StreamChatViewProps, 'cursor' | 'cursorBlink' | 'cursorBlinkMs'>;

/** Props of {@link TaqueriaDemo}. */
export interface TaqueriaDemoProps extends TaqueriaCursorProps {
  /** Where the story's backend lives: the `base` given to `taqueriaBackend`. */
  base: string;
  /** The customer's language: the page, the components and the kitchen's replies. Default `es`. */
  locale?: TaqueriaLocale;
  /** Every component's theme. Default `light`. */
  theme?: ChatTheme;
  /**
   * The clock an order's tracker tells time by: the backend's `clockFor`, so a 35-minute order
   * that plays in seconds still reads as 35 minutes. Default: the real clock.
   */
  orderClock?: ((orderId: string) => Clock | undefined) | undefined;
}

const WORDS = {
  es: {
    title: 'Taquería Doña Carmen',
    tagline: 'Pide por chat y sigue tu pedido en vivo.',
    chat: 'Pedir por chat',
    order: 'Tu pedido',
    noOrder: 'Aún no hay pedido: cuando el asistente lo cree, lo verás avanzar aquí.',
    tryThis: 'Escribe lo que se te antoje, o prueba:',
  },
  en: {
    title: 'Taquería Doña Carmen',
    tagline: 'Order by chat and follow your order live.',
    chat: 'Order by chat',
    order: 'Your order',
    noOrder: 'No order yet: once the assistant places it, you will see it move here.',
    tryThis: 'Type whatever you fancy, or try:',
  },
} as const;

/** The id in a tool result that placed an order (`crear_pedido` / `place_order`: `{ orderId }`). */
function orderIdOf(output: unknown): string | null {
  const id = typeof output === 'object' && output !== null ? (output as { orderId?: unknown }).orderId : undefined;
  return typeof id === 'string' ? id : null;
}

/** The latest order the assistant placed in the conversation, or `null`. */
function latestOrderId(messages: readonly ChatMessage[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    for (const part of messages[i]!.parts) {
      if (part.type === 'tool' && part.state === 'output-available') {
        const id = orderIdOf(part.output);
        if (id !== null) return id;
      }
    }
  }
  return null;
}

/**
 * The order's own feed, told by the order's clock: it stamps each event's arrival, and a time
 * ahead of the clock by more than a few seconds would be clamped as server clock skew. Closed
 * when the order changes and when the demo goes.
 */
function useOrderFeed(url: string | null, clock: Clock | undefined): LiveFeed<OrderEvent, OrderLog> | null {
  const [own, setOwn] = useState<{ url: string; feed: LiveFeed<OrderEvent, OrderLog> } | null>(null);
  useEffect(() => {
    if (url === null) return;
    const feed = createOrderFeed({ transport: sseFeedTransport({ client: { url } }), ...(clock ? { clock } : {}) });
    setOwn({ url, feed });
    return () => feed.close();
  }, [url, clock]);
  // Never the previous order's (closed) feed for a new order.
  return own !== null && own.url === url ? own.feed : null;
}

const layout: CSSProperties = { display: 'grid', gap: '1rem', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 22rem), 1fr))', alignItems: 'start' };
const header: CSSProperties = { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '1rem', flexWrap: 'wrap' };
/** The page around the components follows their scheme: dark, or the system's (the browser's own canvas colours). */
const dark: CSSProperties = { background: '#15171c', color: '#f1f1f1', colorScheme: 'dark' };
const system: CSSProperties = { background: 'Canvas', color: 'CanvasText', colorScheme: 'light dark' };

/**
 * The taquería, whole: a customer orders through the assistant (StreamChat over useChatStream),
 * the order the assistant places appears in a LiveOrderTracker, and the kitchen's notifications
 * toast (Toaster) and land in the bell (NotificationCenter). Everything talks to the story's
 * mocked backend (`stories/mocks/taqueria.ts`); the page holds its own toast queue and in-memory
 * preferences, so a story never inherits another's state.
 */
export function TaqueriaDemo({ base, locale = 'es', theme = 'light', orderClock, ...cursor }: TaqueriaDemoProps) {
  const urls = useMemo(() => taqueriaUrls(base), [base]);
  const words = WORDS[locale];
  const [queue] = useState(() => createToastQueue());
  const [storage] = useState(() => memoryPreferenceStorage());
  const body = useMemo(() => ({ locale }), [locale]);
  const chat = useChatStream({ api: urls.chat, protocol: CHAT_PROTOCOL, body });
  const orderId = useMemo(() => latestOrderId(chat.messages), [chat.messages]);
  const clock = orderId === null ? undefined : orderClock?.(orderId);
  const feed = useOrderFeed(orderId === null ? null : urls.orderEvents(orderId), clock);
  const tracker = useRef<HTMLDivElement>(null);
  // Unique per instance: a docs page renders both languages' demos side by side.
  const ids = useId();
  const scheme = typeof theme === 'object' ? theme.base : theme;

  return (
    <div data-taqueria="" style={{ display: 'grid', gap: '1rem', padding: '1rem', borderRadius: '0.75rem', ...(scheme === 'dark' ? dark : scheme === 'system' ? system : {}) }}>
      <header style={header}>
        <div>
          <h2 style={{ margin: 0 }}>{words.title}</h2>
          <p style={{ margin: 0 }}>{words.tagline}</p>
        </div>
        <NotificationCenter url={urls.notifications} clientId={TAQUERIA_CLIENT} toasts={queue} storage={storage} locale={locale} theme={theme} align="end" />
      </header>
      <div style={layout}>
        <section aria-labelledby={`${ids}-chat`}>
          <h3 id={`${ids}-chat`}>{words.chat}</h3>
          <StreamChat
            {...cursor}
            chat={chat}
            locale={locale}
            theme={theme}
            emptyState={
              <div style={{ display: 'grid', gap: '0.5rem', justifyItems: 'start' }}>
                <p style={{ margin: 0 }}>{words.tryThis}</p>
                <button type="button" onClick={() => chat.send(SAMPLE_ORDER[locale])}>
                  {SAMPLE_ORDER[locale]}
                </button>
              </div>
            }
          />
        </section>
        <section aria-labelledby={`${ids}-order`}>
          <h3 id={`${ids}-order`}>{words.order}</h3>
          {orderId === null || feed === null ? (
            <p data-taqueria-no-order="">{words.noOrder}</p>
          ) : (
            <LiveOrderTracker
              ref={tracker}
              tabIndex={-1}
              orderId={orderId}
              feed={feed}
              locale={locale}
              theme={theme}
              clock={clock}
              // Announce an estimate that moves by 5 minutes of the order's time or more.
              significantEtaChangeMs={5 * 60_000}
            />
          )}
        </section>
      </div>
      <Toaster
        queue={queue}
        locale={locale}
        theme={theme}
        // An order update's "Track order" action brings the tracker into focus.
        onAction={(_toast, actionId) => actionId.startsWith('track:') && tracker.current?.focus()}
      />
    </div>
  );
}
