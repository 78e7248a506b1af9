// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { createNotificationFeed, notify, sseFeedTransport, useNotifications } from '../../../src/index.js';

const feed = createNotificationFeed({ transport: sseFeedTransport({ client: { url: '/api/notifications' } }), clientId: 'cliente-1' });

export function Bell() {
  const centre = useNotifications({ feed, onMarkRead: (ids) => fetch('/api/read', { method: 'POST', body: JSON.stringify(ids) }).then(() => {}) });
  return (
    <button type="button" aria-label={`Notifications, ${centre.unreadCount} unread`} onClick={() => void centre.markAllRead()}>
      {centre.unreadCount}
    </button>
  );
}

// From anywhere, no provider: the same queue live notifications go through.
export const saved = () => notify({ title: 'Saved', importance: 'low' });

export {};
