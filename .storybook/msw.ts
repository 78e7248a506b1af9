import { setupWorker } from 'msw/browser';
import { mockHandlers } from '../stories/mocks/handlers.js';

// One worker for the whole preview, started once: starting a second one fails with
// "Failed to replace a global value at 'WebSocket'", and docs pages render many stories.
// Every scenario has its own URL, registered here as initial handlers, so stories on one
// docs page cannot leak handlers into each other.
let started: Promise<ReturnType<typeof setupWorker>> | undefined;

export function startMockWorker() {
  started ??= (async () => {
    const worker = setupWorker(...mockHandlers);
    await worker.start({
      quiet: true,
      onUnhandledFrame: 'bypass',
      serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    });
    return worker;
  })();
  return started;
}
