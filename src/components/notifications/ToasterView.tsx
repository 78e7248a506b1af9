'use client';
import {
  forwardRef,
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type FocusEvent,
  type HTMLAttributes,
  type KeyboardEvent as ReactKeyboardEvent,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import { isSafeHref } from '../../core/notifications/map-notification.js';
import type { NotificationAction, Toast, ToasterSnapshot } from '../../core/notifications/types.js';
import { useIsomorphicLayoutEffect } from '../../hooks/useIsomorphicLayoutEffect.js';
import { cx } from '../context.js';
import type { ChatTheme } from '../theme.js';
import { resolveNotificationLabels, type NotificationLabels, type NotificationLabelsOverride } from './labels.js';
import { NotificationAnnouncer } from './NotificationAnnouncer.js';
import { matchesShortcut } from './shortcut.js';
import { useRootTheme } from './useRootTheme.js';
import { toastText, type NotificationClassNames } from './view.js';

/** The toast queue's methods the Toaster calls (the queue behind `notify()` has them). */
export interface ToastQueueControls {
  dismiss(id: string): void;
  /** Hold every visible toast's timer (pointer over the stack, or focus inside it). */
  pause(): void;
  /** Let the timers run again. */
  resume(): void;
}

/**
 * Display options of the Toaster. Object and function props (`theme`, `classNames`, `labels`)
 * should keep their identity between your renders.
 */
export interface ToasterDisplayProps {
  /** `'light'` (default), `'dark'`, `'system'`, or `--sk-*` tokens, as StreamChat's `theme`. */
  theme?: ChatTheme;
  /** Class names per part (`root`, `toaster`, `toast`, `action`, `closeButton` …). */
  classNames?: NotificationClassNames;
  /** The root's class name (same as `classNames.root`). */
  className?: string;
  /** Override any label (partial). */
  labels?: NotificationLabelsOverride;
  /** Language of the labels (`'en'`, `'es'`; regional tags fall back) and of `Intl` formats. */
  locale?: string;
  /**
   * Keyboard shortcuts that move focus to the toasts (Escape there returns focus to where it was).
   * Default `['Alt+T', 'F8']`; the first is named in the stack's accessible name. `[]` disables it.
   */
  shortcut?: string | readonly string[];
  /** A horizontal swipe this long (CSS px) dismisses a toast. Default 64. */
  swipeThreshold?: number;
  /** Where the stack sits (`data-position`, placed by the stylesheet). Default `'bottom-end'`. */
  position?: 'top-start' | 'top-center' | 'top-end' | 'bottom-start' | 'bottom-center' | 'bottom-end';
  /** Called when a toast's action with an `id` is chosen (links just navigate). */
  onAction?: (toast: Toast, actionId: string) => void;
}

export interface ToasterViewProps extends ToasterDisplayProps, Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The queue's state (`useToasts()`): visible toasts and the latest announcements. */
  snapshot: ToasterSnapshot;
  /** The queue's `dismiss`, `pause` and `resume`. */
  queue: ToastQueueControls;
}

const DEFAULT_SHORTCUT = ['Alt+T', 'F8'] as const;

/**
 * The toast stack from a queue state you hold: {@link Toaster} without the subscription. Toasts
 * render their text as text (never HTML); the two live regions sit outside the stack and exist
 * before anything is said. The ref and extra props go to the root `<div>`.
 */
export const ToasterView = memo(
  forwardRef<HTMLDivElement, ToasterViewProps>(function ToasterView(props, ref) {
    const {
      snapshot,
      queue,
      theme,
      classNames,
      className,
      labels: labelOverrides,
      locale,
      shortcut = DEFAULT_SHORTCUT,
      swipeThreshold = 64,
      position = 'bottom-end',
      onAction,
      style: rootStyle,
      ...rest
    } = props;
    const labels = useMemo(() => resolveNotificationLabels(locale, labelOverrides), [locale, labelOverrides]);
    const slots = classNames ?? EMPTY_SLOTS;
    const { scheme, style } = useRootTheme(theme, rootStyle);
    const shortcuts = useMemo(() => (typeof shortcut === 'string' ? [shortcut] : [...shortcut]), [shortcut]);
    const stackRef = useRef<HTMLElement | null>(null);
    const returnFocus = useRef<HTMLElement | null>(null);
    const hold = useHold(queue);
    // Called as a method: a queue's methods may rely on `this`.
    const dismiss = useCallback((id: string) => queue.dismiss(id), [queue]);

    const shortcutKey = shortcuts.join('|');
    useEffect(() => {
      if (shortcuts.length === 0) return;
      const onKeyDown = (event: KeyboardEvent) => {
        if (!shortcuts.some((keys) => matchesShortcut(event, keys))) return;
        const stack = stackRef.current;
        if (stack === null) return;
        event.preventDefault();
        const active = document.activeElement;
        if (active instanceof HTMLElement && !stack.contains(active)) returnFocus.current = active;
        stack.focus();
      };
      document.addEventListener('keydown', onKeyDown);
      return () => document.removeEventListener('keydown', onKeyDown);
      // The list is compared by content: an inline array must not re-subscribe every render.
      // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [shortcutKey]);

    /** Focus leaves the stack: back to where it was before the shortcut, else nowhere. */
    const leaveStack = useCallback((focused: HTMLElement) => {
      const target = returnFocus.current;
      returnFocus.current = null;
      if (target !== null && target.isConnected) target.focus();
      else focused.blur();
    }, []);

    const onKeyDown = useCallback(
      (event: ReactKeyboardEvent<HTMLElement>) => {
        if (event.key === 'Escape') leaveStack(event.currentTarget as HTMLElement);
      },
      [leaveStack],
    );

    // A toast that leaves while focus is inside it (closed from its button, dismissed by code)
    // takes the focus with it, and React ignores focus events during a commit: no blur would
    // reach the stack, which would stay "focused" with every toast on screen no longer expiring.
    // Move focus on before the element goes — to the next toast for a keyboard user (focus
    // visible), else out of the stack — and release the hold ourselves when it leaves.
    const onFocusedToastRemoved = useCallback((item: HTMLElement) => {
      const active = document.activeElement as HTMLElement | null;
      if (active === null) return;
      const sibling = (item.nextElementSibling ?? item.previousElementSibling) as HTMLElement | null;
      const next = sibling?.querySelector<HTMLElement>('[data-sk-toast-close]');
      if (next != null && active.matches(':focus-visible')) {
        next.focus();
        return;
      }
      leaveStack(active);
      hold.release();
    }, [hold, leaveStack]);

    // The browser's own enter/leave events: React derives its onPointerLeave from pointerout on
    // the element under the pointer, and when that element was a toast that has just been
    // removed (closed with the mouse), the leave never reaches the stack, which stays paused.
    useEffect(() => {
      const stack = stackRef.current;
      if (stack === null) return;
      stack.addEventListener('pointerenter', hold.enter);
      stack.addEventListener('pointerleave', hold.leave);
      return () => {
        stack.removeEventListener('pointerenter', hold.enter);
        stack.removeEventListener('pointerleave', hold.leave);
      };
    }, [hold]);

    const visible = snapshot.visible;
    return (
      <div
        {...rest}
        ref={ref}
        data-sk-root=""
        data-sk-toaster-root=""
        data-sk-theme={scheme}
        className={cx(slots.root, className)}
        style={style}
      >
        <section
          ref={stackRef}
          tabIndex={-1}
          aria-label={labels.toasts(shortcuts[0] ?? '')}
          data-sk-toaster=""
          data-position={position}
          data-count={visible.length}
          className={cx(slots.toaster)}
          onFocus={hold.focus}
          onBlur={hold.blur}
          onKeyDown={onKeyDown}
        >
          {visible.length > 0 && (
            <ol data-sk-toast-list="">
              {visible.map((toast) => (
                <ToastItem
                  key={toast.id}
                  toast={toast}
                  labels={labels}
                  locale={locale}
                  slots={slots}
                  dismiss={dismiss}
                  swipeThreshold={swipeThreshold}
                  onAction={onAction}
                  onFocusedRemoval={onFocusedToastRemoved}
                />
              ))}
            </ol>
          )}
        </section>
        <NotificationAnnouncer polite={snapshot.polite} assertive={snapshot.assertive} labels={labels} locale={locale} />
      </div>
    );
  }),
);

const EMPTY_SLOTS: NotificationClassNames = {};

/** Pauses the queue while the pointer is over the stack or focus is inside it, and resumes when neither. */
function useHold(queue: ToastQueueControls) {
  const state = useRef({ hovered: false, focused: false });
  const queueRef = useRef(queue);
  queueRef.current = queue;
  return useMemo(() => {
    const set = (change: Partial<{ hovered: boolean; focused: boolean }>) => {
      const before = state.current.hovered || state.current.focused;
      state.current = { ...state.current, ...change };
      const after = state.current.hovered || state.current.focused;
      if (after && !before) queueRef.current.pause();
      else if (!after && before) queueRef.current.resume();
    };
    return {
      enter: () => set({ hovered: true }),
      leave: () => set({ hovered: false }),
      focus: () => set({ focused: true }),
      /** Focus left the stack without a blur event reaching it (see the Toaster's removal path). */
      release: () => set({ focused: false }),
      blur: (event: FocusEvent<HTMLElement>) => {
        // Focus moving between the toasts' buttons is still inside.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) set({ focused: false });
      },
    };
  }, []);
}

interface ToastItemProps {
  toast: Toast;
  labels: NotificationLabels;
  locale: string | undefined;
  slots: NotificationClassNames;
  dismiss: (id: string) => void;
  swipeThreshold: number;
  onAction: ((toast: Toast, actionId: string) => void) | undefined;
  /** Called while the toast is still in the DOM when it unmounts with focus inside it. */
  onFocusedRemoval: (item: HTMLElement) => void;
}

const ToastItem = memo(function ToastItem({ toast, labels, locale, slots, dismiss, swipeThreshold, onAction, onFocusedRemoval }: ToastItemProps) {
  const { title, body } = toastText(toast, labels, locale);
  const itemRef = useRef<HTMLLIElement | null>(null);
  const removal = useRef(onFocusedRemoval);
  removal.current = onFocusedRemoval;
  // A layout effect's cleanup runs before React removes the element, while focus is still there.
  useIsomorphicLayoutEffect(
    () => () => {
      const item = itemRef.current;
      if (item !== null && item.contains(document.activeElement)) removal.current(item);
    },
    [],
  );
  const swipe = useSwipe(() => dismiss(toast.id), swipeThreshold);
  const actions = toast.content.kind === 'notification' ? toast.content.notification.actions : undefined;
  const type = toast.content.kind === 'notification' ? toast.content.notification.type : toast.content.kind === 'burst' ? toast.content.type : undefined;
  return (
    <li
      ref={itemRef}
      data-sk-toast=""
      data-importance={toast.importance}
      data-kind={toast.content.kind}
      data-type={type}
      data-paused={toast.paused ? 'true' : undefined}
      data-promise={toast.promise}
      data-swiping={swipe.offset === 0 ? undefined : 'true'}
      className={cx(slots.toast)}
      style={swipe.style}
      {...swipe.handlers}
    >
      {toast.importance !== 'normal' && <span data-sk-visually-hidden="">{`${labels.importance[toast.importance]}: `}</span>}
      <p data-sk-toast-title="" className={cx(slots.toastTitle)}>
        {title}
      </p>
      {body !== '' && (
        <p data-sk-toast-body="" className={cx(slots.toastBody)}>
          {body}
        </p>
      )}
      {actions !== undefined && actions.length > 0 && (
        <div data-sk-toast-actions="">
          {actions.map((action, index) => (
            <ToastAction key={index} action={action} className={cx(slots.action)} onChoose={onAction === undefined ? undefined : (id) => onAction(toast, id)} />
          ))}
        </div>
      )}
      <button type="button" data-sk-toast-close="" className={cx(slots.closeButton)} aria-label={labels.dismiss(title)} onClick={() => dismiss(toast.id)}>
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
});

/**
 * A link (checked again here: `notify()` input is not mapped; a `javascript:` URL is refused and
 * the action not shown) or a button reported to `onChoose`.
 */
function ToastAction({ action, className, onChoose }: { action: NotificationAction; className: string | undefined; onChoose: ((id: string) => void) | undefined }) {
  if (action.href !== undefined) {
    if (!isSafeHref(action.href)) return null;
    return (
      <a href={action.href} data-sk-toast-action="" className={className}>
        {action.label}
      </a>
    );
  }
  const { id } = action;
  return (
    <button type="button" data-sk-toast-action="" className={className} onClick={() => onChoose?.(id)}>
      {action.label}
    </button>
  );
}

/** Horizontal swipe to dismiss: the toast follows the pointer, and a swipe past `threshold` px dismisses it. */
function useSwipe(onSwiped: () => void, threshold: number) {
  const [offset, setOffset] = useState(0);
  const start = useRef<{ x: number; id: number } | null>(null);
  const handlers = {
    onPointerDown: (event: ReactPointerEvent<HTMLElement>) => {
      // Buttons and links keep their clicks.
      if ((event.target as Element).closest('button, a') !== null || event.button !== 0) return;
      start.current = { x: event.clientX, id: event.pointerId };
      event.currentTarget.setPointerCapture?.(event.pointerId);
    },
    onPointerMove: (event: ReactPointerEvent<HTMLElement>) => {
      if (start.current === null || start.current.id !== event.pointerId) return;
      setOffset(event.clientX - start.current.x);
    },
    onPointerUp: (event: ReactPointerEvent<HTMLElement>) => {
      if (start.current === null || start.current.id !== event.pointerId) return;
      const moved = event.clientX - start.current.x;
      start.current = null;
      setOffset(0);
      if (Math.abs(moved) >= threshold) onSwiped();
    },
    onPointerCancel: () => {
      start.current = null;
      setOffset(0);
    },
  };
  const style = offset === 0 ? undefined : ({ '--sk-swipe-x': `${offset}px` } as CSSProperties);
  return { offset, style, handlers };
}
