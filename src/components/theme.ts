import type { CSSProperties } from 'react';

/** The colour scheme: fixed light or dark, or following the OS (`prefers-color-scheme`). */
export type ChatColorScheme = 'light' | 'dark' | 'system';

/**
 * Themable values. Each one is the CSS variable `--sk-<kebab-case name>` (`cursorColor` →
 * `--sk-cursor-color`), so the same theme can be written in CSS instead.
 */
export interface ChatThemeTokens {
  font: string;
  fontMono: string;
  radius: string;
  gap: string;
  bg: string;
  fg: string;
  muted: string;
  border: string;
  accent: string;
  accentFg: string;
  danger: string;
  success: string;
  warning: string;
  focusRing: string;
  userBg: string;
  userFg: string;
  assistantBg: string;
  assistantFg: string;
  codeBg: string;
  cursorColor: string;
  /** One blink cycle, e.g. `'800ms'`. */
  cursorBlinkMs: string;
  /** Height of the transcript area, e.g. `'32rem'`. */
  chatHeight: string;
}

/**
 * The `theme` prop: a colour scheme, or tokens (any subset) with an optional base scheme.
 *
 * ```tsx
 * <StreamChat theme="dark" />
 * <StreamChat theme={{ base: 'dark', accent: '#ff7a00', cursorColor: '#ff7a00' }} />
 * ```
 */
export type ChatTheme = ChatColorScheme | (Partial<ChatThemeTokens> & { base?: ChatColorScheme });

/** `cursorColor` → `--sk-cursor-color`. */
export function tokenVariable(name: keyof ChatThemeTokens): `--sk-${string}` {
  return `--sk-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** The root's `data-sk-theme` value and the inline custom properties for a theme. */
export function themeAttributes(theme: ChatTheme | undefined): { scheme: ChatColorScheme; style: CSSProperties | undefined } {
  if (theme === undefined) return { scheme: 'light', style: undefined };
  if (typeof theme === 'string') return { scheme: theme, style: undefined };
  const { base = 'light', ...tokens } = theme;
  const style: Record<string, string> = {};
  for (const [name, value] of Object.entries(tokens)) {
    if (typeof value === 'string' && value !== '') style[tokenVariable(name as keyof ChatThemeTokens)] = value;
  }
  return { scheme: base, style: style as CSSProperties };
}
