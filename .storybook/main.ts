import { defineMain } from '@storybook/react-vite/node';
import { msw } from 'msw/vite';

export default defineMain({
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true },
  // Change detection runs git (diff, status, rev-parse) in child processes at every page load and
  // after every file change; each spawn blocks the dev server's event loop for 50-350 ms. The
  // manager gives its stores (status, test, test-provider, checklist) a fixed 1 s, counted from
  // before its socket is even open, to receive their state from the server, and reports
  // UniversalStoreFollowerTimeoutError (and never applies the late state) when it misses it.
  // The sidebar's "new/modified" badges are not worth eating that second.
  features: { changeDetection: false },
  // The MSW service worker script is served in dev and emitted into the static build, so
  // nothing generated has to be committed.
  viteFinal(config) {
    config.plugins = [...(config.plugins ?? []), msw({ mode: 'worker-only' })];
    return config;
  },
});
