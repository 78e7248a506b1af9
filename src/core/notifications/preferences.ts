import type { NotificationPreferences, PreferenceStorage } from './types.js';

/** The preferences before the user changed anything: everything toasts from `normal` up, nothing muted. */
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = Object.freeze({
  types: Object.freeze({}),
  defaultDelivery: 'toast',
  minToastImportance: 'normal',
  mutedUntil: Object.freeze({}),
});

/**
 * The `localStorage` of the window `target()` returns, as a {@link PreferenceStorage}, with other
 * tabs' changes from that window's `storage` event. Looked up at call time; where there is none
 * (a server, a locked-down iframe) reads give `null` and writes are dropped, so nothing breaks.
 */
export function windowPreferenceStorage(target: () => Window | undefined): PreferenceStorage {
  const storage = (): Storage | undefined => {
    try {
      return target()?.localStorage;
    } catch {
      return undefined;
    }
  };
  return {
    getItem(key) {
      try {
        return storage()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    setItem(key, value) {
      try {
        storage()?.setItem(key, value);
      } catch {
        // Quota or privacy mode: preferences then last for this page only.
      }
    },
    subscribe(callback) {
      const win = target();
      if (win === undefined) return () => {};
      const listener = (event: StorageEvent) => callback(event.key);
      win.addEventListener('storage', listener);
      return () => win.removeEventListener('storage', listener);
    },
  };
}

/** This page's `localStorage` (see {@link windowPreferenceStorage}): the default of the notification store. */
export const localPreferenceStorage: PreferenceStorage = windowPreferenceStorage(() =>
  typeof window === 'undefined' ? undefined : window,
);

/** A {@link PreferenceStorage} in memory; `share()` gives another "tab" on the same data whose writes the others hear. */
export function memoryPreferenceStorage(): PreferenceStorage & { share(): PreferenceStorage } {
  const data = new Map<string, string>();
  const tabs = new Set<{ listeners: Set<(key: string | null) => void> }>();
  const tab = () => {
    const own = { listeners: new Set<(key: string | null) => void>() };
    tabs.add(own);
    return {
      getItem: (key: string) => data.get(key) ?? null,
      setItem(key: string, value: string) {
        data.set(key, value);
        // As the `storage` event: every other tab hears it, the writer does not.
        for (const other of tabs) if (other !== own) for (const listener of other.listeners) listener(key);
      },
      subscribe(callback: (key: string | null) => void) {
        own.listeners.add(callback);
        return () => own.listeners.delete(callback);
      },
    };
  };
  return { ...tab(), share: tab };
}

/** Reads stored preferences, falling back to the defaults for anything missing or unreadable. */
export function readPreferences(storage: PreferenceStorage, key: string): NotificationPreferences {
  const stored = readJson(storage, key);
  if (typeof stored !== 'object' || stored === null) return DEFAULT_NOTIFICATION_PREFERENCES;
  const value = stored as Partial<NotificationPreferences>;
  return {
    types: isRecord(value.types) ? value.types : DEFAULT_NOTIFICATION_PREFERENCES.types,
    defaultDelivery: value.defaultDelivery ?? DEFAULT_NOTIFICATION_PREFERENCES.defaultDelivery,
    minToastImportance: value.minToastImportance ?? DEFAULT_NOTIFICATION_PREFERENCES.minToastImportance,
    mutedUntil: isRecord(value.mutedUntil) ? value.mutedUntil : DEFAULT_NOTIFICATION_PREFERENCES.mutedUntil,
  };
}

/** Parsed JSON at `key`, or `undefined` when missing or unreadable (another version wrote it, a user edited it). */
export function readJson(storage: PreferenceStorage, key: string): unknown {
  const text = storage.getItem(key);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord<T>(value: unknown): value is Readonly<Record<string, T>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
