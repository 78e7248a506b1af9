import { setupWorker } from 'msw/browser';
import { mockHandlers } from '../stories/mocks/handlers.js';
import { docsHandlers } from '../stories/docs/mocks.js';

// One worker for the whole preview, started once: starting a second one fails with
// "Failed to replace a global value at 'WebSocket'", and docs pages render many stories.
// Every scenario has its own URL, registered here as initial handlers, so stories on one
// docs page cannot leak handlers into each other.
let started: Promise<ReturnType<typeof setupWorker>> | undefined;

export function startMockWorker() {
  started ??= (async () => {
    const worker = setupWorker(...mockHandlers, ...docsHandlers);
    await worker.start({
      quiet: true,
      onUnhandledFrame: 'bypass',
      // Relative to the page in the static build (BASE_URL is './'), so a Storybook served from a
      // sub-path registers its own worker script; scripts/check-storybook-subpath.mjs checks it.
      serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    });
    return worker;
  })();
  return started;
}
