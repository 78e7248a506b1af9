/**
 * A keyboard shortcut such as `'Alt+T'`, `'F8'` or `'Ctrl+Shift+N'`. Letters and digits match by
 * physical key (`event.code`), so Alt+T works on layouts where Alt changes the character typed
 * (macOS types "†").
 */
export function matchesShortcut(event: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>, shortcut: string): boolean {
  const parts = shortcut.split('+').map((part) => part.trim().toLowerCase());
  const key = parts.pop() ?? '';
  const want = { alt: false, ctrl: false, meta: false, shift: false };
  for (const part of parts) {
    if (part === 'alt' || part === 'option') want.alt = true;
    else if (part === 'ctrl' || part === 'control') want.ctrl = true;
    else if (part === 'meta' || part === 'cmd' || part === 'command') want.meta = true;
    else if (part === 'shift') want.shift = true;
  }
  if (event.altKey !== want.alt || event.ctrlKey !== want.ctrl || event.metaKey !== want.meta || event.shiftKey !== want.shift) return false;
  if (/^[a-z]$/.test(key)) return event.code === `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return event.code === `Digit${key}`;
  return event.key.toLowerCase() === key;
}
