'use client';
import { useMemo, type CSSProperties } from 'react';
import { themeAttributes, type ChatTheme } from '../theme.js';

/**
 * The root's `data-sk-theme` value and style: the theme's `--sk-*` variables, with the caller's own
 * `style` on top. Both notification roots use it, so a theme reads the same on each.
 */
export function useRootTheme(theme: ChatTheme | undefined, rootStyle: CSSProperties | undefined): { scheme: string; style: CSSProperties | undefined } {
  const { scheme, style: themeStyle } = useMemo(() => themeAttributes(theme), [theme]);
  const style = useMemo<CSSProperties | undefined>(
    () => (rootStyle === undefined ? themeStyle : { ...themeStyle, ...rootStyle }),
    [themeStyle, rootStyle],
  );
  return { scheme, style };
}
