import Markdown, { type Components } from 'react-markdown';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import preview from '../.storybook/preview.js';
import { codeBody, StreamChat, type RenderContent } from '../src/index.js';
import { markdownHandlers, recipeUrls } from './mocks/recipes.js';

/**
 * Recipe: markdown in `<StreamChat>` with react-markdown (a devDependency of these stories; the
 * library itself renders plain text and ships no markdown parser).
 *
 * ```tsx
 * import Markdown from 'react-markdown';
 * import { codeBody, StreamChat, type RenderContent } from 'react-streamkit';
 *
 * // Module level: a stable function, so finished blocks are rendered once and never again.
 * const renderMarkdown: RenderContent = (text, { block }) =>
 *   block.kind === 'code' ? (
 *     <pre data-sk-code-block=""><code data-language={block.lang || undefined}>{codeBody(block)}</code></pre>
 *   ) : (
 *     <Markdown components={components}>{text}</Markdown>
 *   );
 *
 * <StreamChat api="/api/chat" renderContent={renderMarkdown} />
 * ```
 *
 * Why it is safe while streaming:
 * - StreamChat hands the renderer one block at a time (paragraphs, lists, fenced code), so a
 *   token re-parses only the open block, and a finished block is never parsed again.
 * - A fenced block is recognised from its opening fence line: while its closing fence has not
 *   arrived it is already a code block (`codeBody` drops the fence lines), never paragraphs of
 *   backticks; the cursor goes after it, not into the code.
 * - A list item cut mid-line is a list item with the words received so far.
 * - react-markdown never renders raw HTML without `rehype-raw` (do not add it for model
 *   output): `<script>` and `<img onerror>` stay visible text.
 * - Its default `urlTransform` empties `javascript:` (and other unsafe) URLs; the `a` override
 *   below renders a link with an empty address as plain text, so it is not clickable at all.
 */

/** Links open in a new tab; a link whose address react-markdown refused is plain text. */
const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    ) : (
      <span data-refused-link="">{children}</span>
    ),
  // A model's images could be tracking pixels: show their description instead.
  img: ({ alt }) => <span data-image-alt="">{alt}</span>,
};

const renderMarkdown: RenderContent = (text, { block }) =>
  block.kind === 'code' ? (
    <pre data-sk-code-block="">
      <code data-language={block.lang || undefined}>{codeBody(block)}</code>
    </pre>
  ) : (
    <Markdown components={components}>{text}</Markdown>
  );

const meta = preview.meta({
  title: 'Recipes/Markdown',
  component: StreamChat,
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 640 }}>
        <Story />
      </div>
    ),
  ],
  args: { api: recipeUrls.markdown, renderContent: renderMarkdown, theme: 'light', locale: 'es', retry: false, waitingAfterMs: 0 },
  argTypes: {
    api: { control: 'select', options: Object.values(recipeUrls).filter((url) => url.includes('markdown')) },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    renderContent: { table: { disable: true } },
  },
  beforeEach: ({ msw }) => {
    msw.use(...markdownHandlers());
  },
});
export default meta;

const LONG = { timeout: 10_000 };

const reply = (root: HTMLElement) => root.querySelector<HTMLElement>('[data-sk-message][data-role="assistant"]');
const ask = (root: HTMLElement) => userEvent.type(within(root).getByRole('textbox'), '¿Qué pedí?{Enter}');
const items = (root: HTMLElement, list: 'ul' | 'ol') => [...root.querySelectorAll(`${list} > li`)].map((li) => li.textContent?.trim());

/**
 * The stream stops inside the code block (its closing fence never came): it is already a code
 * block with the two lines received, no backticks shown, and the cursor after it, not in the code.
 */
export const HalfReceivedCodeBlock = meta.story({
  args: { api: recipeUrls.markdownHalfFence },
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    const openCode = () => reply(canvasElement)?.querySelector('[data-sk-block][data-open="true"] pre[data-sk-code-block] code');
    await waitFor(() => expect(openCode()?.textContent).toContain('feed.addEventListener'), LONG);
    await expect(openCode()!.textContent).toMatch(/^const feed = new EventSource\("\/api\/orders\/A-042"\);\nfeed\.addEventListener\("status",\s*$/);
    await expect(reply(canvasElement)).toHaveAttribute('data-status', 'streaming');
    await expect(reply(canvasElement)!.textContent).not.toContain('```');
    const cursor = reply(canvasElement)!.querySelector('[data-sk-cursor]');
    await expect(cursor).not.toBeNull();
    await expect(cursor!.closest('pre')).toBeNull();
    // Everything before the fence is finished markdown.
    await expect(items(reply(canvasElement)!, 'ul')).toHaveLength(3);
  },
});

/**
 * A reply with a list, a numbered list, a code block, raw HTML and a `javascript:` link, streamed
 * word by word: lists and code render as such, the HTML stays text, the bad link is not a link.
 */
export const StreamingMarkdown = meta.story({
  args: { api: recipeUrls.markdown },
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await waitFor(() => expect(reply(canvasElement)).toHaveAttribute('data-status', 'done'), LONG);
    const answer = reply(canvasElement)!;
    await expect(answer.querySelector('strong')).toHaveTextContent('Tu pedido');
    await expect(items(answer, 'ul')).toEqual(['3 tacos al pastor', '2 quesadillas de flor de calabaza', '1 agua de horchata']);
    await expect(items(answer, 'ol')).toEqual(['Abre la página de seguimiento', 'Espera el aviso En camino']);
    const code = answer.querySelector('pre[data-sk-code-block] code')!;
    await expect(code).toHaveAttribute('data-language', 'ts');
    await expect(code.textContent).toMatch(/^const feed = new EventSource\("\/api\/orders\/A-042"\);\n/);
    await expect(code.textContent).not.toContain('```');
    // Raw HTML is text: visible as typed, and no element was made from it.
    await expect(answer).toHaveTextContent('<script>window.__mdXss = 1</script>');
    await expect(answer).toHaveTextContent('<img src=x onerror="window.__mdXss = 2">');
    await expect(answer.querySelectorAll('script, img, iframe')).toHaveLength(0);
    // One real link; the javascript: one is plain text.
    const links = within(answer).getAllByRole('link');
    await expect(links.map((link) => link.textContent)).toEqual(['seguimiento']);
    await expect(links[0]).toHaveAttribute('href', 'https://taqueria.example/pedidos/A-042');
    await expect(answer.querySelector('[data-refused-link]')).toHaveTextContent('enlace peligroso');
    await expect((window as { __mdXss?: unknown }).__mdXss).toBeUndefined();
  },
});

/** The stream stops in the middle of a list item: the item shows the words received so far. */
export const HalfReceivedListItem = meta.story({
  args: { api: recipeUrls.markdownHalfList },
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await waitFor(() => expect(items(reply(canvasElement) ?? canvasElement, 'ul')).toEqual(['3 tacos al pastor', '2 quesadillas']), LONG);
    await expect(reply(canvasElement)!.querySelector('[data-sk-block][data-open="true"] ul')).not.toBeNull();
    await expect(reply(canvasElement)!.textContent).not.toMatch(/^\s*-/m);
  },
});

/** Dark scheme: the same renderer inside the themed chat. */
export const Dark = meta.story({
  args: { api: recipeUrls.markdown, theme: 'dark' },
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await waitFor(() => expect(reply(canvasElement)).toHaveAttribute('data-status', 'done'), LONG);
    await expect(reply(canvasElement)!.querySelectorAll('ul > li')).toHaveLength(3);
  },
});
