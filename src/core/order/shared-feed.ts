import type { LiveFeed } from '../feed/live-feed.js';
import { sseFeedTransport } from '../feed/sse-transport.js';
import type { OrderLog } from './log.js';
import { createOrderFeed } from './order-feed.js';
import type { OrderEvent } from './types.js';

interface Shared {
  feed: LiveFeed<OrderEvent, OrderLog>;
  holders: number;
}

const shared = new Map<string, Shared>();

/**
 * The one order feed for `url` (an SSE stream carrying every order, seed 000 or English shape),
 * shared by everything that asks for the same URL: 100 trackers on a page are one connection.
 * `retain()` while in use; the feed closes when its last holder releases it (a microtask later,
 * so a holder that releases and re-retains at once, like React's StrictMode, keeps it).
 */
export function sharedOrderFeed(url: string): { feed: LiveFeed<OrderEvent, OrderLog>; retain(): () => void } {
  let entry = shared.get(url);
  if (entry === undefined) {
    entry = { feed: createOrderFeed({ transport: sseFeedTransport({ client: { url } }) }), holders: 0 };
    shared.set(url, entry);
  }
  const held = entry;
  return {
    feed: held.feed,
    retain() {
      held.holders++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.holders--;
        queueMicrotask(() => {
          if (held.holders > 0 || shared.get(url) !== held) return;
          shared.delete(url);
          held.feed.close();
        });
      };
    },
  };
}
