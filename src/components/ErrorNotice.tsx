'use client';
import { forwardRef, type HTMLAttributes, type ReactNode } from 'react';
import type { StreamError } from '../core/errors.js';
import { cx, useChatView } from './context.js';
import { errorText } from './i18n.js';

/** An action your app offers in place of Retry, e.g. signing in again after a 401/403. */
export interface ChatAction {
  /** The button's (or link's) text. */
  label: ReactNode;
  /** Called with the error when the button is pressed. */
  onClick?: (error: StreamError) => void;
  /** Render a link to this address instead of a button (e.g. your sign-in page). */
  href?: string;
}

export interface ErrorNoticeProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The failure to show. */
  error: StreamError;
  /** Asks again (shown as Retry for every kind but `auth`, which the same request cannot fix). */
  onRetry?: () => void;
  /**
   * What to offer for an `auth` error (401/403): your sign-in action. Without it an `auth` error
   * offers nothing: a Retry with the same credentials cannot succeed.
   */
  authAction?: ChatAction;
}

/**
 * A failed reply: the error in the chat's language (`labels.errors`, with the status and
 * durations formatted for the locale) and the one action that can help — Retry, or for an
 * `auth` error the app's own action. Extra props and the ref go to the root `<div>`.
 */
export const ErrorNotice = forwardRef<HTMLDivElement, ErrorNoticeProps>(function ErrorNotice(
  { error, onRetry, authAction, className, ...rest },
  ref,
) {
  const { labels, locale, classNames } = useChatView();
  const auth = error.kind === 'auth';
  let action: ReactNode = null;
  if (auth && authAction !== undefined) {
    action =
      authAction.href !== undefined ? (
        <a data-sk-auth-action="" className={cx(classNames.button)} href={authAction.href} onClick={() => authAction.onClick?.(error)}>
          {authAction.label}
        </a>
      ) : (
        <button type="button" data-sk-auth-action="" className={cx(classNames.button)} onClick={() => authAction.onClick?.(error)}>
          {authAction.label}
        </button>
      );
  } else if (!auth && onRetry !== undefined) {
    action = (
      <button type="button" data-sk-retry="" className={cx(classNames.button)} onClick={onRetry}>
        {labels.retry}
      </button>
    );
  }
  return (
    <div {...rest} ref={ref} data-sk-error="" data-kind={error.kind} className={cx(classNames.error, className)}>
      <p>{labels.error(errorText(error, labels, locale))}</p>
      {action}
    </div>
  );
});
