import { useLayoutEffect, type ReactNode } from 'react';
import type { Decorator } from '@storybook/react-vite';
import { NETWORK_CONDITIONS, setNetworkConditions, type NetworkConditions } from '../src/msw/index.js';

function toConditions(value: unknown): NetworkConditions {
  return NETWORK_CONDITIONS.includes(value as NetworkConditions) ? (value as NetworkConditions) : 'normal';
}

/**
 * Makes the page itself look offline (or online again) to the hooks, as a real outage would:
 * `navigator.onLine` and the window's `offline`/`online` events. The transports hold their retries
 * while offline and retry at once on `online`, so the offline toolbar shows that state too, not
 * just failing requests.
 */
function setPageOnline(online: boolean): void {
  const wasOnline = navigator.onLine;
  if (online) {
    // Our override is an own property shadowing the prototype's getter: removing it restores the real value.
    delete (navigator as { onLine?: boolean }).onLine;
  } else {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  }
  if (navigator.onLine !== wasOnline) window.dispatchEvent(new Event(navigator.onLine ? 'online' : 'offline'));
}

function NetworkConditionsSwitch({ conditions, storyId, children }: { conditions: NetworkConditions; storyId: string; children: ReactNode }) {
  // A layout effect: it runs before any passive effect of the story, and the hooks connect in
  // passive effects, so a story's first request already plays under the chosen conditions. Set
  // again for every story (not only on a change): that starts the kit's per-URL connection
  // counts over, so a story under `flaky` drops the same way however it was reached.
  useLayoutEffect(() => {
    setNetworkConditions(conditions);
    setPageOnline(conditions !== 'offline');
  }, [conditions, storyId]);
  return children;
}

/**
 * The network toolbar: every handler and socket scenario of the mock kit (react-streamkit/msw)
 * reads the conditions per request or connection, so one switch changes every story.
 */
export const withNetworkConditions: Decorator = (Story, context) => (
  <NetworkConditionsSwitch conditions={toConditions(context.globals.network)} storyId={context.id}>
    <Story />
  </NetworkConditionsSwitch>
);
