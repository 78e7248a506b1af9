import { definePreview } from '@storybook/react-vite';
import addonA11y from '@storybook/addon-a11y';
import addonDocs from '@storybook/addon-docs';
import addonMsw from 'msw-storybook-addon';
import { startMockWorker } from './msw.js';
import { argsFromGlobals } from './global-args.js';
import { withNetworkConditions } from './network.js';
import { BLINKS, CURSORS, THEMES, globalTypes, initialGlobals } from './toolbars.js';
import '../src/styles.css';

export default definePreview({
  addons: [addonDocs(), addonA11y(), addonMsw(startMockWorker)],
  tags: ['autodocs'],
  globalTypes,
  initialGlobals,
  decorators: [
    // Theme and cursor set the components' own props (so the docs' code snippets show them);
    // the network wraps the story so its first request already plays under the conditions.
    argsFromGlobals((globals) => ({ theme: THEMES[globals.theme as string] })),
    argsFromGlobals((globals) => ({ cursor: CURSORS[globals.cursor as string], ...BLINKS[globals.cursorBlink as string] })),
    withNetworkConditions,
  ],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    // axe violations fail the story tests.
    a11y: { test: 'error' },
    options: {
      // A newcomer's path: the landing page, the demo, then the components, hooks and recipes.
      storySort: {
        order: ['Introduction', 'Demo', 'Components', 'Hooks', 'Recipes', 'Mock kit', 'Showroom'],
      },
    },
  },
});
