import { render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { useSSEStream } from '../../src/index.js';
import { encodeEvent } from '../../src/msw/index.js';
import { worker } from './support/worker.js';

beforeAll(() => worker.start({ quiet: true, onUnhandledFrame: 'bypass' }));
afterAll(() => worker.stop());

const EVENTS = 2_000;

test('2,000 events in one network read: every event seen, at most one render per frame (+3)', async () => {
  // The whole stream as one body, so the events arrive in as few reads as the browser allows.
  let text = '';
  for (let i = 1; i <= EVENTS; i++) text += encodeEvent({ id: String(i), data: { token: `t${i} ` } });
  text += encodeEvent({ data: '[DONE]' });
  worker.use(http.get('/api/burst', () => new HttpResponse(text, { headers: { 'content-type': 'text/event-stream' } })));

  let frames = 0;
  let counting = true;
  const tick = () => {
    frames++;
    if (counting) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  let renders = 0;
  const seen: string[] = [];
  function Burst() {
    renders++;
    const { status, metrics } = useSSEStream('/api/burst', { onEvent: (event) => seen.push(event.lastEventId) });
    return (
      <p>
        {status} {metrics.events}
      </p>
    );
  }
  const framesBefore = frames;
  render(<Burst />);
  await waitFor(() => expect(screen.getByText(`closed ${EVENTS + 1}`)).toBeInTheDocument());
  counting = false;
  const elapsedFrames = frames - framesBefore;

  expect(seen).toHaveLength(EVENTS + 1);
  expect(seen.slice(0, EVENTS)).toEqual(Array.from({ length: EVENTS }, (_, i) => String(i + 1)));
  // Without frame batching this would be ~2,000 renders. With it: the mount, the first change
  // after a quiet frame (published at once), at most one publication per frame, and the end
  // (flushed at once, possibly in a frame that already published). The bound was frames + 2,
  // which a run that finished within very few frames on a loaded machine exceeded by that last one.
  expect(renders).toBeLessThanOrEqual(elapsedFrames + 3);
  expect(renders).toBeLessThan(100);
});
