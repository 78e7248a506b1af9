import { defineMain } from '@storybook/react-vite/node';
import { msw } from 'msw/vite';

export default defineMain({
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true },
  // The MSW service worker script is served in dev and emitted into the static build, so
  // nothing generated has to be committed.
  viteFinal(config) {
    config.plugins = [...(config.plugins ?? []), msw({ mode: 'worker-only' })];
    return config;
  },
});
