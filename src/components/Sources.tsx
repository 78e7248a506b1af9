'use client';
import { forwardRef, type HTMLAttributes } from 'react';
import type { Source } from '../core/protocols/types.js';
import { cx, useChatView } from './context.js';

export interface SourcesProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  sources: readonly Source[];
  itemClassName?: string;
}

/**
 * Only web and mail links become links. A source URL comes from the stream, and a
 * `javascript:` or `data:` URL in an `href` would run or load whatever the server (or whoever
 * poisoned the retrieved document) chose.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url, typeof location !== 'undefined' ? location.href : 'http://localhost/');
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'mailto:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The documents a reply cites, as a list of links (unsafe URLs are shown as text). Extra props
 * and the ref go to the root `<div>`.
 */
export const Sources = forwardRef<HTMLDivElement, SourcesProps>(function Sources({ sources, className, itemClassName, ...rest }, ref) {
  const { labels, classNames } = useChatView();
  if (sources.length === 0) return null;
  return (
    <div {...rest} ref={ref} data-sk-sources="" className={cx(classNames.sources, className)}>
      <span data-sk-label="">{labels.sources}</span>
      <ol aria-label={labels.sources}>
        {sources.map((source, index) => {
          const href = safeHref(source.url);
          const title = source.title ?? source.url ?? source.id ?? String(index + 1);
          return (
            <li key={source.id ?? `${index}:${source.url ?? ''}`} data-sk-source="" className={cx(classNames.source, itemClassName)}>
              {href !== undefined ? (
                <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                  {title}
                </a>
              ) : (
                <span>{title}</span>
              )}
              {source.text !== undefined && <span data-sk-source-text="">{source.text}</span>}
            </li>
          );
        })}
      </ol>
    </div>
  );
});
