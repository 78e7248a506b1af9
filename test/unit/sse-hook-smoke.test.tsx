import { render, screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { useSSEStream } from '../../src/index.js';
import { sseResponse } from '../../src/msw/index.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function Probe() {
  const { status, metrics } = useSSEStream('http://api.test/feed');
  return (
    <p>
      {status}:{metrics.events}
    </p>
  );
}

test('useSSEStream streams from an MSW handler', async () => {
  server.use(http.get('http://api.test/feed', () => sseResponse([{ data: 'a' }, { data: 'b' }, { data: '[DONE]' }])));
  render(<Probe />);
  await waitFor(() => expect(screen.getByText('closed:3')).toBeInTheDocument());
});
