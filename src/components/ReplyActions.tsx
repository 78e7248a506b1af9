'use client';
import { forwardRef, type HTMLAttributes } from 'react';
import { cx, useChatView } from './context.js';

export interface ReplyActionsProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** Drops the last reply and asks again (the Regenerate button). */
  onRegenerate: () => void;
}

/** What can be done with a finished reply (Regenerate). Extra props and the ref go to the root `<div>`. */
export const ReplyActions = forwardRef<HTMLDivElement, ReplyActionsProps>(function ReplyActions(
  { onRegenerate, className, ...rest },
  ref,
) {
  const { labels, classNames } = useChatView();
  return (
    <div {...rest} ref={ref} data-sk-actions="" className={cx(classNames.actions, className)}>
      <button type="button" data-sk-regenerate="" className={cx(classNames.button)} onClick={onRegenerate}>
        {labels.regenerate}
      </button>
    </div>
  );
});
