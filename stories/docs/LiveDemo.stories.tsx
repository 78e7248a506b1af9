import { expect, waitFor, within } from 'storybook/test';
import preview from '../../.storybook/preview.js';
import { LiveDemo } from './LiveDemo.js';
import { DEMO_QUESTION, docsUrls } from './mocks.js';

/**
 * The landing page's mini-demo: a StreamChat that asks as soon as it is shown and streams its
 * reply from a mocked server. The toolbars above (network, theme, cursor) apply to it.
 */
const meta = preview.meta({
  title: 'Showroom/Live demo',
  component: LiveDemo,
  tags: ['!autodocs'],
  args: { api: docsUrls.demo, question: DEMO_QUESTION, theme: 'light', cursor: 'block', cursorBlink: true, cursorBlinkMs: 1000, locale: 'en' },
  argTypes: {
    api: { control: false },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'system'] },
    cursor: { control: 'select', options: ['block', 'bar', 'dot', 'underscore', '🌮'] },
    cursorBlink: { control: 'boolean' },
    cursorBlinkMs: { control: { type: 'range', min: 200, max: 2000, step: 100 } },
    locale: { control: 'inline-radio', options: ['en', 'es'] },
  },
});
export default meta;

/** The question goes out on mount; the reply streams in word by word and finishes. */
export const TacoChat = meta.story({
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(DEMO_QUESTION)).toBeInTheDocument();
    const reply = () => canvasElement.querySelector('[data-sk-message][data-role="assistant"]');
    await waitFor(() => expect(reply()).toHaveAttribute('data-status', 'done'), { timeout: 10_000 });
    await expect(reply()).toHaveTextContent('Three tacos al pastor coming up');
    await expect(canvas.getByRole('button', { name: 'Regenerate' })).toBeInTheDocument();
  },
});
