import { forwardRef, type CSSProperties, type HTMLAttributes, type ReactNode } from 'react';

/** The built-in cursor glyphs. */
export const CURSOR_PRESETS = {
  block: '▊',
  bar: '|',
  dot: '●',
  underscore: '_',
} as const;

export type CursorPreset = keyof typeof CURSOR_PRESETS;

/**
 * What the streaming cursor looks like: a preset name, any glyph (`'▌'`, `'🌮'`), a React node
 * (an SVG, a spinner), or `false` for none.
 */
export type CursorSetting = CursorPreset | (string & {}) | ReactNode | false;

export interface CursorProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'children'> {
  /** Preset, glyph, node, or `false`. Default `'block'`. */
  cursor?: CursorSetting;
  /** Blink. Default `true`; never blinks under `prefers-reduced-motion: reduce`. */
  blink?: boolean;
  /** One blink cycle in milliseconds. Default from `--sk-cursor-blink-ms` (1000). */
  blinkMs?: number;
}

function isPreset(value: string): value is CursorPreset {
  return Object.prototype.hasOwnProperty.call(CURSOR_PRESETS, value);
}

/**
 * The streaming cursor. Hidden from assistive technology: it is decoration, and a screen reader
 * reading "black rectangle" after every sentence helps no one. Its colour is
 * `--sk-cursor-color`; the blink is a CSS animation the reduced-motion media query removes.
 */
export const Cursor = forwardRef<HTMLSpanElement, CursorProps>(function Cursor({ cursor = 'block', blink = true, blinkMs, className, style: ownStyle, ...rest }, ref) {
  if (cursor === false || cursor === null || cursor === undefined || cursor === true || cursor === '') return null;
  const preset = typeof cursor === 'string' && isPreset(cursor) ? cursor : undefined;
  const glyph = preset !== undefined ? CURSOR_PRESETS[preset] : (cursor as ReactNode);
  const style =
    blinkMs !== undefined ? ({ '--sk-cursor-blink-ms': `${Math.max(1, blinkMs)}ms`, ...ownStyle } as CSSProperties) : ownStyle;
  return (
    <span
      {...rest}
      ref={ref}
      aria-hidden="true"
      data-sk-cursor=""
      data-blink={blink ? 'true' : 'false'}
      data-preset={preset ?? 'custom'}
      className={className}
      style={style}
    >
      {glyph}
    </span>
  );
});
