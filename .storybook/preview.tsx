import { definePreview } from '@storybook/react-vite';
import addonA11y from '@storybook/addon-a11y';
import addonDocs from '@storybook/addon-docs';
import addonMsw from 'msw-storybook-addon';
import { startMockWorker } from './msw.js';
import '../src/styles.css';

export default definePreview({
  addons: [addonDocs(), addonA11y(), addonMsw(startMockWorker)],
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    // axe violations fail the story tests.
    a11y: { test: 'error' },
  },
});
