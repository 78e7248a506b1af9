import type { Announcement, NotificationImportance, NotificationPreferences, StreamNotification, Toast, ToasterSnapshot } from '../../../src/core/notifications/types.js';

/** 12:00 UTC on a fixed day: notification times are epoch ms. */
export const NOON = Date.UTC(2026, 11, 1, 12, 0, 0);
export const MIN = 60_000;

export function notification(id: string, overrides: Partial<StreamNotification> = {}): StreamNotification {
  return {
    id,
    type: 'order',
    importance: 'normal',
    title: `Order ${id} is on its way`,
    body: 'Ana picked it up',
    target: { kind: 'broadcast' },
    createdAt: NOON,
    read: false,
    archived: false,
    ...overrides,
  };
}

/** `count` notifications, newest first, types and importances rotating. */
export function many(count: number): StreamNotification[] {
  const types = ['order', 'promotion', 'inventory'];
  const importances: NotificationImportance[] = ['low', 'normal', 'high', 'urgent'];
  return Array.from({ length: count }, (_, index) =>
    notification(`n${index}`, {
      type: types[index % 3]!,
      importance: importances[index % 4]!,
      title: `Item ${index}`,
      read: index % 2 === 1,
      createdAt: NOON - index * MIN,
    }),
  );
}

export function toast(item: StreamNotification, overrides: Partial<Toast> = {}): Toast {
  return {
    id: item.id,
    content: { kind: 'notification', notification: item },
    importance: item.importance,
    state: 'visible',
    politeness: item.importance === 'urgent' ? 'assertive' : 'polite',
    durationMs: item.importance === 'urgent' ? null : 5000,
    remainingMs: item.importance === 'urgent' ? null : 5000,
    paused: false,
    ...overrides,
  };
}

export function snapshot(visible: readonly Toast[], overrides: Partial<ToasterSnapshot> = {}): ToasterSnapshot {
  return { visible, waiting: 0, away: null, polite: null, assertive: null, ...overrides };
}

export function announce(seq: number, item: Toast): Announcement {
  return { seq, politeness: item.politeness, content: { kind: 'toast', toast: item } };
}

export const PREFERENCES: NotificationPreferences = {
  types: { promotion: 'silent' },
  defaultDelivery: 'toast',
  minToastImportance: 'normal',
  mutedUntil: {},
};

/** A queue double that records the Toaster's calls. */
export function recordingQueue() {
  const calls: string[] = [];
  return {
    calls,
    dismiss: (id?: string) => void calls.push(`dismiss ${id}`),
    pause: () => void calls.push('pause'),
    resume: () => void calls.push('resume'),
  };
}
