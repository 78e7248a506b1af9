'use client';
import { forwardRef, memo, useId, useRef, useState, type FormEvent, type HTMLAttributes, type KeyboardEvent, type RefObject } from 'react';
import { cx, useChatView } from './context.js';

export interface ComposerProps extends Omit<HTMLAttributes<HTMLFormElement>, 'children' | 'onSubmit'> {
  /** Called with the text when the user sends (Enter, or the send button). */
  onSend: (text: string) => void;
  /** Called by the stop button. */
  onStop?: () => void;
  /** A reply is on its way: the send button becomes a stop button and Enter does not send. */
  busy?: boolean;
  /** Disables the whole composer. */
  disabled?: boolean;
  /** Focus the text area on mount. */
  autoFocus?: boolean;
  /** The text area, e.g. to focus it from outside. */
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
}

/**
 * The message box. Enter sends, Shift+Enter adds a line, and Enter while an input method is
 * composing (Japanese, Chinese, Korean …) confirms the composition instead of sending: the
 * browser marks that keydown `isComposing` (and, in Safari, keyCode 229 after
 * compositionend), so both are checked, plus our own composition flag.
 *
 * Focus stays in the text area after sending and after stopping, so a keyboard user can keep
 * typing. Extra props and the ref go to the root `<form>`. Memoised: a streaming reply does not
 * re-render it (keep `onSend`/`onStop` stable).
 */
export const Composer = memo(
  forwardRef<HTMLFormElement, ComposerProps>(function Composer(
  { onSend, onStop, busy = false, disabled = false, autoFocus = false, textareaRef, className, ...rest },
  formRef,
) {
  const { labels, classNames } = useChatView();
  const [value, setValue] = useState('');
  const ownRef = useRef<HTMLTextAreaElement | null>(null);
  const ref = textareaRef ?? ownRef;
  const composing = useRef(false);
  const hintId = useId();
  const inputId = useId();

  const send = () => {
    if (busy || disabled || value.trim() === '') return;
    onSend(value);
    setValue('');
    ref.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey) return;
    if (event.nativeEvent.isComposing || event.keyCode === 229 || composing.current) return;
    event.preventDefault();
    send();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    send();
  };

  return (
    <form {...rest} ref={formRef} data-sk-composer="" data-busy={busy ? 'true' : 'false'} className={cx(classNames.composer, className)} onSubmit={onSubmit}>
      <label htmlFor={inputId} data-sk-visually-hidden="">
        {labels.composerLabel}
      </label>
      <textarea
        id={inputId}
        ref={ref}
        data-sk-textarea=""
        className={classNames.textarea}
        rows={1}
        value={value}
        placeholder={labels.placeholder}
        disabled={disabled}
        autoFocus={autoFocus}
        aria-describedby={hintId}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={onKeyDown}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={() => {
          composing.current = false;
        }}
      />
      {busy ? (
        <button
          type="button"
          data-sk-stop=""
          className={cx(classNames.button, classNames.stopButton)}
          disabled={disabled}
          onClick={() => {
            onStop?.();
            // The stop button is about to turn back into the send button: keep focus typing.
            ref.current?.focus();
          }}
        >
          {labels.stop}
        </button>
      ) : (
        <button
          type="submit"
          data-sk-send=""
          className={cx(classNames.button, classNames.sendButton)}
          disabled={disabled || value.trim() === ''}
        >
          {labels.send}
        </button>
      )}
      <p id={hintId} data-sk-composer-hint="">
        {labels.composerHint}
      </p>
    </form>
  );
  }),
);
