'use client';
import { forwardRef, type HTMLAttributes } from 'react';
import type { ToolPart } from '../core/chat/types.js';
import { cx, useChatView } from './context.js';

export interface ToolStepsProps extends Omit<HTMLAttributes<HTMLOListElement>, 'children'> {
  /** The tool parts to show, in order. */
  tools: readonly ToolPart[];
  /**
   * The reply is still streaming. Once it is not, a call without a result is no longer
   * "running": it was requested from your app (client-side tools) and is shown as such.
   * Default `true`.
   */
  streaming?: boolean;
  itemClassName?: string;
}

/** JSON for people: strings as they are, anything else pretty-printed. */
function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Tool and agent steps as they start and finish: one list item per call, its state in
 * `data-state` (`input-streaming`, `input-available`, `output-available`, `output-error`) and
 * in words, its input and output behind a disclosure. Everything is rendered as text. Extra props
 * and the ref go to the root `<ol>`.
 */
export const ToolSteps = forwardRef<HTMLOListElement, ToolStepsProps>(function ToolSteps(
  { tools, streaming = true, className, itemClassName, ...rest },
  ref,
) {
  const { labels, classNames } = useChatView();
  if (tools.length === 0) return null;
  return (
    <ol {...rest} ref={ref} data-sk-tools="" aria-label={labels.tools} className={cx(classNames.tools, className)}>
      {tools.map((tool) => {
        const pending = tool.state === 'input-streaming' || tool.state === 'input-available';
        const running = pending && streaming;
        const input = tool.input !== undefined ? show(tool.input) : tool.inputText;
        return (
          <li
            key={tool.toolCallId}
            data-sk-tool=""
            data-state={tool.state}
            data-running={running ? 'true' : 'false'}
            className={cx(classNames.tool, itemClassName)}
          >
            <details>
              <summary>
                <span data-sk-tool-icon="" aria-hidden="true" />
                <code data-sk-tool-name="">{tool.toolName}</code>{' '}
                <span data-sk-tool-state="">{pending && !streaming ? labels.toolRequested : labels.toolStates[tool.state]}</span>
              </summary>
              {input !== '' && (
                <div data-sk-tool-io="">
                  <span data-sk-label="">{labels.toolInput}</span>
                  <pre>
                    <code>{input}</code>
                  </pre>
                </div>
              )}
              {tool.state === 'output-available' && tool.output !== undefined && (
                <div data-sk-tool-io="">
                  <span data-sk-label="">{labels.toolOutput}</span>
                  <pre>
                    <code>{show(tool.output)}</code>
                  </pre>
                </div>
              )}
              {tool.state === 'output-error' && tool.errorText !== undefined && (
                <div data-sk-tool-io="" data-error="">
                  <span data-sk-label="">{labels.toolOutput}</span>
                  <pre>
                    <code>{tool.errorText}</code>
                  </pre>
                </div>
              )}
            </details>
          </li>
        );
      })}
    </ol>
  );
});
