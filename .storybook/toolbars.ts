import type { GlobalTypes } from 'storybook/internal/csf';
import type { ChatTheme } from '../src/components/theme.js';
import type { CursorSetting } from '../src/components/Cursor.js';
import type { StreamChatViewProps } from '../src/components/StreamChat.js';
import { NETWORK_CONDITIONS, type NetworkConditions } from '../src/msw/index.js';

/**
 * The toolbar menus: the network every mocked server plays over, the theme of every component,
 * and StreamChat's cursor. Their values are plain strings (globals travel through the URL); the
 * tables below turn them into what the components take.
 */

/**
 * The custom brand: a taquería's tokens on the light scheme. Text pairs keep WCAG AA contrast
 * (the accent is also link text, the user bubble carries body text), so stories stay axe clean.
 * A module constant: a theme object must keep its identity or every message re-renders.
 */
export const BRAND_THEME: ChatTheme = {
  base: 'light',
  font: "'Trebuchet MS', 'Segoe UI', system-ui, sans-serif",
  radius: '1rem',
  accent: '#9a3412',
  accentFg: '#ffffff',
  focusRing: '#c2410c',
  cursorColor: '#ea580c',
  userBg: '#ffedd5',
  userFg: '#431407',
  assistantBg: '#fff7ed',
  assistantFg: '#1c1917',
  border: '#fdba74',
};

/** Theme toolbar value → the `theme` prop. */
export const THEMES: Record<string, ChatTheme> = {
  light: 'light',
  dark: 'dark',
  system: 'system',
  brand: BRAND_THEME,
};

/** Cursor toolbar value → StreamChat's `cursor` prop. */
export const CURSORS: Record<string, CursorSetting> = {
  block: 'block',
  bar: 'bar',
  dot: 'dot',
  underscore: 'underscore',
  taco: '🌮',
  none: false,
};

type BlinkProps = Pick<StreamChatViewProps, 'cursorBlink' | 'cursorBlinkMs'>;

/** Blink toolbar value → StreamChat's `cursorBlink` / `cursorBlinkMs` props. */
export const BLINKS: Record<string, BlinkProps> = {
  blink: { cursorBlink: true, cursorBlinkMs: 1000 },
  fast: { cursorBlink: true, cursorBlinkMs: 400 },
  steady: { cursorBlink: false },
};

const NETWORK_TITLES: Record<NetworkConditions, string> = {
  normal: 'Network: normal',
  slow: 'Network: slow (3G-like)',
  flaky: 'Network: flaky (drops)',
  offline: 'Network: offline',
  buffering: 'Network: buffering proxy',
};

/** The toolbar values as the menus list them, and the defaults (today's stories unchanged). */
export const globalTypes = {
  network: {
    description: 'Network conditions every mocked SSE server and WebSocket plays over',
    toolbar: {
      title: 'Network',
      icon: 'transfer',
      items: NETWORK_CONDITIONS.map((value) => ({ value, title: NETWORK_TITLES[value] })),
      dynamicTitle: true,
    },
  },
  theme: {
    description: "Every component's `theme` prop, unless the story sets its own",
    toolbar: {
      title: 'Theme',
      icon: 'contrast',
      items: [
        { value: 'light', title: 'Theme: light' },
        { value: 'dark', title: 'Theme: dark' },
        { value: 'system', title: 'Theme: system' },
        { value: 'brand', title: 'Theme: custom brand' },
      ],
      dynamicTitle: true,
    },
  },
  cursor: {
    description: "StreamChat's streaming cursor (`cursor` prop), unless the story sets its own",
    toolbar: {
      title: 'Cursor',
      icon: 'edit',
      items: [
        { value: 'block', title: 'Cursor: ▊ block' },
        { value: 'bar', title: 'Cursor: | bar' },
        { value: 'dot', title: 'Cursor: ● dot' },
        { value: 'underscore', title: 'Cursor: _ underscore' },
        { value: 'taco', title: 'Cursor: 🌮 taco' },
        { value: 'none', title: 'Cursor: none' },
      ],
      dynamicTitle: true,
    },
  },
  cursorBlink: {
    description: "StreamChat's cursor blink (`cursorBlink`, `cursorBlinkMs`), unless the story sets its own",
    toolbar: {
      title: 'Blink',
      icon: 'lightning',
      items: [
        { value: 'blink', title: 'Blink: 1 s' },
        { value: 'fast', title: 'Blink: fast (400 ms)' },
        { value: 'steady', title: 'Blink: steady' },
      ],
      dynamicTitle: true,
    },
  },
} satisfies GlobalTypes;

export const initialGlobals = { network: 'normal', theme: 'light', cursor: 'block', cursorBlink: 'blink' };
