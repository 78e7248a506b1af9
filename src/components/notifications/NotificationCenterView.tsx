'use client';
import {
  forwardRef,
  memo,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type HTMLAttributes,
  type KeyboardEvent as ReactKeyboardEvent,
} from 'react';
import type { StreamError } from '../../core/errors.js';
import {
  NOTIFICATION_IMPORTANCES,
  type NotificationDelivery,
  type NotificationImportance,
  type NotificationPreferences,
  type StreamNotification,
} from '../../core/notifications/types.js';
import { cx } from '../context.js';
import { chatDictionaries, dictionaryFor, errorText, numberFormat } from '../i18n.js';
import type { ChatTheme } from '../theme.js';
import { resolveNotificationLabels, type NotificationLabels, type NotificationLabelsOverride } from './labels.js';
import { NotificationItem } from './NotificationItem.js';
import { NotificationPreferencesPanel } from './NotificationPreferencesPanel.js';
import { useRootTheme } from './useRootTheme.js';
import type { NotificationClassNames } from './view.js';

/** The centre's filters: a type (or all), an importance (or all), and read state. */
export interface NotificationFilter {
  type: string | null;
  importance: NotificationImportance | null;
  read: 'all' | 'unread' | 'read';
}

/** Display options of the NotificationCenter. */
export interface NotificationCenterDisplayProps {
  /** `'light'` (default), `'dark'`, `'system'`, or `--sk-*` tokens, as StreamChat's `theme`. */
  theme?: ChatTheme;
  /** Class names per part (`root`, `bell`, `panel`, `list`, `item` …). */
  classNames?: NotificationClassNames;
  /** The root's class name (same as `classNames.root`). */
  className?: string;
  /** Override any label (partial). */
  labels?: NotificationLabelsOverride;
  /** Language of the labels and of `Intl` times and counts. */
  locale?: string;
  /** How many items the list shows at once, and how many more "Show more" adds. Default 20. */
  pageSize?: number;
  /** The types offered in filters and preferences; default: the types of the notifications held. */
  types?: readonly string[];
  /** Open the panel on mount. Default `false`. */
  defaultOpen?: boolean;
  /** Mute periods offered per type, ms. Default 1 hour, 8 hours, 1 day. */
  mutePeriods?: readonly number[];
  /** Which edge of the bell the panel lines up with (`data-align`): `'start'` (default) or `'end'` for a bell at the page's end. */
  align?: 'start' | 'end';
}

/** The centre's data (a `useNotifications()` snapshot fits: spread it) and what it can do. */
export interface NotificationCenterState {
  /** Kept notifications, newest first. */
  notifications: readonly StreamNotification[];
  unreadCount: number;
  preferences?: NotificationPreferences | undefined;
  error?: StreamError | null | undefined;
  /** Older items can be loaded (`onLoadMore`) once every held one is shown. */
  hasMore?: boolean | undefined;
  loadingPage?: boolean | undefined;
}

export interface NotificationCenterActions {
  onMarkRead: (id: string) => void;
  onMarkAllRead: () => void;
  onArchive: (id: string) => void;
  /** Load an older page from the server (`loadPage`). */
  onLoadMore?: (() => void) | undefined;
  /** Shown with the error state. */
  onRetry?: (() => void) | undefined;
  /** Change how a type is delivered (preferences panel). */
  onDeliveryChange?: ((type: string, delivery: NotificationDelivery) => void) | undefined;
  /** Mute a type until an epoch-ms time, or unmute it (`null`). */
  onMute?: ((type: string, untilMs: number | null) => void) | undefined;
  /** Wall-clock time for mute periods, epoch ms. Default `Date.now`. */
  now?: (() => number) | undefined;
}

export interface NotificationCenterViewProps
  extends NotificationCenterDisplayProps,
    NotificationCenterState,
    NotificationCenterActions,
    Omit<HTMLAttributes<HTMLDivElement>, 'children'> {}

const ALL_READ: NotificationFilter = { type: null, importance: null, read: 'all' };
const EMPTY_SLOTS: NotificationClassNames = {};

/**
 * A bell with the unread count and a disclosure panel: filters (type, importance, read state),
 * the list a page at a time (1,000 notifications render one page of items), mark read, mark all
 * read, archive, preferences, and empty and error states. Renders on the server without touching
 * `window`. The ref and extra props go to the root `<div>`.
 */
export const NotificationCenterView = memo(
  forwardRef<HTMLDivElement, NotificationCenterViewProps>(function NotificationCenterView(props, ref) {
    const {
      notifications,
      unreadCount,
      preferences,
      error,
      hasMore = false,
      loadingPage = false,
      onMarkRead,
      onMarkAllRead,
      onArchive,
      onLoadMore,
      onRetry,
      onDeliveryChange,
      onMute,
      now,
      theme,
      classNames,
      className,
      labels: labelOverrides,
      locale,
      pageSize = 20,
      types: typeOption,
      defaultOpen = false,
      mutePeriods,
      align = 'start',
      style: rootStyle,
      ...rest
    } = props;
    const labels = useMemo(() => resolveNotificationLabels(locale, labelOverrides), [locale, labelOverrides]);
    const slots = classNames ?? EMPTY_SLOTS;
    const { scheme, style } = useRootTheme(theme, rootStyle);
    const [open, setOpen] = useState(defaultOpen);
    const [filter, setFilter] = useState<NotificationFilter>(ALL_READ);
    const [shown, setShown] = useState(pageSize);
    const [showPreferences, setShowPreferences] = useState(false);
    const panelId = useId();
    const headingId = useId();
    const bellRef = useRef<HTMLButtonElement | null>(null);
    const headingRef = useRef<HTMLHeadingElement | null>(null);
    const focusOnOpen = useRef(false);

    const types = useMemo(() => typeOption ?? typesOf(notifications), [typeOption, notifications]);
    const filtered = useMemo(() => applyFilter(notifications, filter), [notifications, filter]);
    const page = filtered.length > shown ? filtered.slice(0, shown) : filtered;

    useEffect(() => {
      // Opening by the bell moves focus into the panel (its heading), so the list is read next.
      if (open && focusOnOpen.current) headingRef.current?.focus();
      focusOnOpen.current = false;
    }, [open]);

    const toggle = useCallback(() => {
      setOpen((was) => {
        focusOnOpen.current = !was;
        return !was;
      });
    }, []);
    const close = useCallback(() => {
      setOpen(false);
      bellRef.current?.focus();
    }, []);
    const onPanelKeyDown = useCallback(
      (event: ReactKeyboardEvent) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          close();
        }
      },
      [close],
    );
    const changeFilter = useCallback(
      (change: Partial<NotificationFilter>) => {
        setFilter((was) => ({ ...was, ...change }));
        setShown(pageSize);
      },
      [pageSize],
    );

    const count = numberFormat(locale).format(unreadCount);
    const left = filtered.length - page.length;
    // The failure's words are StreamChat's (one dictionary of errors for every component family).
    const errorMessage = error === null || error === undefined ? undefined : errorText(error, dictionaryFor(chatDictionaries, locale), locale);

    return (
      <div
        {...rest}
        ref={ref}
        data-sk-root=""
        data-sk-notification-center=""
        data-sk-theme={scheme}
        data-open={open ? 'true' : undefined}
        data-align={align}
        data-unread={unreadCount}
        className={cx(slots.root, className)}
        style={style}
      >
        <button
          ref={bellRef}
          type="button"
          data-sk-bell=""
          className={cx(slots.bell)}
          aria-label={labels.bell(unreadCount, count)}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={toggle}
        >
          <span aria-hidden="true" data-sk-bell-icon="">
            🔔
          </span>
          {unreadCount > 0 && (
            <span aria-hidden="true" data-sk-bell-count="" className={cx(slots.badge)}>
              {count}
            </span>
          )}
        </button>
        <div
          id={panelId}
          role="region"
          aria-labelledby={headingId}
          hidden={!open}
          data-sk-notification-panel=""
          className={cx(slots.panel)}
          onKeyDown={onPanelKeyDown}
        >
          {open && (
            <>
              <div data-sk-notification-header="">
                <h2 id={headingId} ref={headingRef} tabIndex={-1} data-sk-notification-heading="">
                  {labels.center}
                </h2>
                <button type="button" data-sk-notification-button="" className={cx(slots.button)} disabled={unreadCount === 0} onClick={onMarkAllRead}>
                  {labels.markAllRead}
                </button>
                <button
                  type="button"
                  data-sk-notification-button=""
                  className={cx(slots.button)}
                  aria-expanded={showPreferences}
                  onClick={() => setShowPreferences((was) => !was)}
                >
                  {labels.preferences}
                </button>
              </div>
              {showPreferences && preferences !== undefined && (
                <NotificationPreferencesPanel
                  types={types}
                  preferences={preferences}
                  labels={labels}
                  locale={locale}
                  className={cx(slots.preferences)}
                  mutePeriods={mutePeriods}
                  now={now}
                  onDeliveryChange={onDeliveryChange}
                  onMute={onMute}
                />
              )}
              <Filters filter={filter} types={types} labels={labels} onChange={changeFilter} className={cx(slots.filters)} />
              {errorMessage !== undefined && (
                <div role="alert" data-sk-notification-error="" className={cx(slots.error)}>
                  <p>{labels.error(errorMessage)}</p>
                  {onRetry !== undefined && (
                    <button type="button" data-sk-notification-button="" className={cx(slots.button)} onClick={onRetry}>
                      {labels.retry}
                    </button>
                  )}
                </div>
              )}
              {page.length === 0 ? (
                errorMessage === undefined && (
                  <p data-sk-notification-empty="" className={cx(slots.empty)}>
                    {notifications.length === 0 ? labels.empty : labels.emptyFiltered}
                  </p>
                )
              ) : (
                <ul data-sk-notification-list="" aria-labelledby={headingId} className={cx(slots.list)}>
                  {page.map((notification) => (
                    <NotificationItem
                      key={notification.id}
                      notification={notification}
                      labels={labels}
                      locale={locale}
                      className={cx(slots.item)}
                      buttonClassName={cx(slots.button)}
                      onMarkRead={onMarkRead}
                      onArchive={onArchive}
                    />
                  ))}
                </ul>
              )}
              {left > 0 && (
                <button type="button" data-sk-notification-more="" className={cx(slots.button)} onClick={() => setShown((was) => was + pageSize)}>
                  {labels.showMore(numberFormat(locale).format(Math.min(pageSize, left)), numberFormat(locale).format(left))}
                </button>
              )}
              {left <= 0 && hasMore && onLoadMore !== undefined && (
                <button
                  type="button"
                  data-sk-notification-more=""
                  className={cx(slots.button)}
                  disabled={loadingPage}
                  aria-busy={loadingPage}
                  onClick={() => {
                    setShown((was) => was + pageSize);
                    onLoadMore();
                  }}
                >
                  {labels.showMore(numberFormat(locale).format(pageSize), '…')}
                </button>
              )}
            </>
          )}
        </div>
      </div>
    );
  }),
);

/** The distinct types among `notifications`, in order of first appearance. */
function typesOf(notifications: readonly StreamNotification[]): string[] {
  const seen = new Set<string>();
  for (const notification of notifications) seen.add(notification.type);
  return [...seen];
}

/** The notifications the filter lets through (one pass; the page is cut from the result). */
export function applyFilter(notifications: readonly StreamNotification[], filter: NotificationFilter): readonly StreamNotification[] {
  if (filter.type === null && filter.importance === null && filter.read === 'all') return notifications;
  return notifications.filter(
    (item) =>
      (filter.type === null || item.type === filter.type) &&
      (filter.importance === null || item.importance === filter.importance) &&
      (filter.read === 'all' || item.read === (filter.read === 'read')),
  );
}

interface FiltersProps {
  filter: NotificationFilter;
  types: readonly string[];
  labels: NotificationLabels;
  className: string | undefined;
  onChange: (change: Partial<NotificationFilter>) => void;
}

function Filters({ filter, types, labels, className, onChange }: FiltersProps) {
  const id = useId();
  return (
    <div data-sk-notification-filters="" className={className}>
      <label htmlFor={`${id}-type`}>{labels.filterType}</label>
      <select id={`${id}-type`} value={filter.type ?? ''} onChange={(event) => onChange({ type: event.target.value === '' ? null : event.target.value })}>
        <option value="">{labels.all}</option>
        {types.map((type) => (
          <option key={type} value={type}>
            {labels.typeName(type)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-importance`}>{labels.filterImportance}</label>
      <select
        id={`${id}-importance`}
        value={filter.importance ?? ''}
        onChange={(event) => onChange({ importance: event.target.value === '' ? null : (event.target.value as NotificationImportance) })}
      >
        <option value="">{labels.all}</option>
        {NOTIFICATION_IMPORTANCES.map((importance) => (
          <option key={importance} value={importance}>
            {labels.importance[importance]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-read`}>{labels.filterRead}</label>
      <select id={`${id}-read`} value={filter.read} onChange={(event) => onChange({ read: event.target.value as NotificationFilter['read'] })}>
        <option value="all">{labels.all}</option>
        <option value="unread">{labels.unread}</option>
        <option value="read">{labels.read}</option>
      </select>
    </div>
  );
}
