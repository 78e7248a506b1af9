/**
 * The bits of the page a transport reacts to: network reachability and tab visibility.
 * Injected so tests can go offline or hide the tab; the default reads the browser's
 * `navigator`/`window`/`document` lazily, and on a server it is always online and visible.
 */
export interface StreamEnvironment {
  isOnline(): boolean;
  /** Calls back when the browser comes back online. Returns an unsubscribe function. */
  onOnline(callback: () => void): () => void;
  isHidden(): boolean;
  /** Calls back when the page becomes hidden or visible. Returns an unsubscribe function. */
  onVisibilityChange(callback: () => void): () => void;
}

export const browserEnvironment: StreamEnvironment = {
  isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false),
  onOnline(callback) {
    if (typeof window === 'undefined') return () => {};
    window.addEventListener('online', callback);
    return () => window.removeEventListener('online', callback);
  },
  isHidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  onVisibilityChange(callback) {
    if (typeof document === 'undefined') return () => {};
    document.addEventListener('visibilitychange', callback);
    return () => document.removeEventListener('visibilitychange', callback);
  },
};
