import type { StreamNotification } from '../../../src/core/notifications/types.js';

let n = 0;

/** A notification with defaults; override what the test is about. */
export function note(fields: Partial<StreamNotification> = {}): StreamNotification {
  n++;
  return {
    id: `n${n}`,
    type: 'order',
    importance: 'normal',
    title: `Title ${n}`,
    body: `Body ${n}`,
    target: { kind: 'broadcast' },
    createdAt: 1_000 + n,
    read: false,
    archived: false,
    ...fields,
  };
}
