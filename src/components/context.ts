'use client';
import { createContext, useContext, type ReactNode } from 'react';
import type { TextBlock } from './blocks.js';
import type { CursorSetting } from './Cursor.js';
import { en, type ChatLabels } from './i18n.js';

/** Parts of StreamChat that take a class name (`classNames` prop), e.g. Tailwind utilities. */
export type ChatSlot =
  | 'root'
  | 'log'
  | 'message'
  | 'userMessage'
  | 'assistantMessage'
  | 'messageHeader'
  | 'content'
  | 'block'
  | 'codeBlock'
  | 'cursor'
  | 'reasoning'
  | 'tools'
  | 'tool'
  | 'sources'
  | 'source'
  | 'usage'
  | 'empty'
  | 'writing'
  | 'error'
  | 'actions'
  | 'button'
  | 'jumpButton'
  | 'composer'
  | 'textarea'
  | 'sendButton'
  | 'stopButton'
  | 'stats';

/** Class names per part. Defaults are zero-specificity, so these always win. */
export type ChatClassNames = Partial<Record<ChatSlot, string>>;

/** What {@link RenderContent} is told about the block it renders. */
export interface ContentInfo {
  block: TextBlock;
  /** True for the last block of a reply that is still streaming (it will change again). */
  streaming: boolean;
  /** Answer text or reasoning. */
  part: 'text' | 'reasoning';
}

/**
 * Renders one block of message text, e.g. with a markdown renderer:
 * `(text) => <Markdown>{text}</Markdown>`. Called per block: a finished block is rendered
 * once and never again (keep the function's identity stable, e.g. define it outside your
 * component, or finished blocks re-render when it changes). While streaming, the cursor is
 * placed right after the block your renderer returns.
 */
export type RenderContent = (text: string, info: ContentInfo) => ReactNode;

/** Display options shared by every message (through context, so message props stay minimal). */
export interface ChatViewOptions {
  labels: ChatLabels;
  /** BCP 47 locale for `Intl` formatting. */
  locale: string | undefined;
  classNames: ChatClassNames;
  cursor: CursorSetting;
  cursorBlink: boolean;
  cursorBlinkMs: number | undefined;
  renderContent: RenderContent | undefined;
  showUsage: boolean;
  showTimestamps: boolean;
}

export const defaultViewOptions: ChatViewOptions = {
  labels: en,
  locale: undefined,
  classNames: {},
  cursor: 'block',
  cursorBlink: true,
  cursorBlinkMs: undefined,
  renderContent: undefined,
  showUsage: false,
  showTimestamps: true,
};

/** Provides {@link ChatViewOptions} to the headless parts (StreamChat does this for you). */
export const ChatViewContext = createContext<ChatViewOptions>(defaultViewOptions);

export function useChatView(): ChatViewOptions {
  return useContext(ChatViewContext);
}

/** Joins class names, skipping empty ones. */
export function cx(...names: Array<string | undefined | false>): string | undefined {
  const joined = names.filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}
