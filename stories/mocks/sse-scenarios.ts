import { http, HttpResponse } from 'msw';
import { sseHandler, type ScriptedEvent } from '../../src/msw/index.js';

/** A taquería order moving through its steps: the feed the SSE stories stream. */
export const orderEvents: ScriptedEvent[] = [
  { id: '1', event: 'status', data: { order: 'PED-123456', step: 'received', text: 'Order received' } },
  { id: '2', event: 'status', data: { order: 'PED-123456', step: 'preparing', text: 'Preparing 3 tacos al pastor' } },
  { comment: 'keep-alive' },
  { id: '3', event: 'status', data: { order: 'PED-123456', step: 'ready', text: 'Food is ready' } },
  { id: '4', event: 'status', data: { order: 'PED-123456', step: 'courier_assigned', text: 'Courier Luis assigned' } },
  { id: '5', event: 'status', data: { order: 'PED-123456', step: 'on_the_way', text: 'On the way, ETA 12 min' } },
  { id: '6', event: 'status', data: { order: 'PED-123456', step: 'delivered', text: 'Delivered' } },
  { id: '7', event: 'end', data: { status: 'completed' } },
];

/** Story URLs; each scenario has its own so stories on one docs page never share a handler. */
export const sseUrls = {
  streaming: '/api/sse/streaming',
  slowFirstByte: '/api/sse/slow-first-byte',
  drop: '/api/sse/drop',
  truncated: '/api/sse/truncated',
  stalled: '/api/sse/stalled',
  unauthorized: '/api/sse/401',
  forbidden: '/api/sse/403',
  notFound: '/api/sse/404',
  rateLimited: '/api/sse/429',
  serverError: '/api/sse/500',
  htmlPage: '/api/sse/html-200',
  noContent: '/api/sse/204',
  wrongType: '/api/sse/json',
} as const;

const status = (code: number, headers?: Record<string, string>) => () =>
  new HttpResponse(`{"error":"status ${code}"}`, { status: code, headers: { 'content-type': 'application/json', ...headers } });

export const sseHandlers = [
  sseHandler(sseUrls.streaming, orderEvents, { delayMs: 350 }),
  sseHandler(sseUrls.slowFirstByte, orderEvents, { delayMs: 200, firstByteDelayMs: 2_000 }),
  // A fresh connection breaks after 3 entries; the retry carries Last-Event-ID and resumes
  // after it. Keyed on the header (not a counter) so every viewing of the story drops once.
  sseHandler(
    sseUrls.drop,
    ({ lastEventId }) => (lastEventId === '' ? { entries: orderEvents, options: { dropAfter: 3 } } : orderEvents),
    { delayMs: 300 },
  ),
  sseHandler(sseUrls.truncated, orderEvents, { delayMs: 200, endAfter: 3 }),
  sseHandler(sseUrls.stalled, orderEvents, { delayMs: 200, stallAfter: 2 }),
  http.get(sseUrls.unauthorized, status(401)),
  http.get(sseUrls.forbidden, status(403)),
  http.get(sseUrls.notFound, status(404)),
  http.get(sseUrls.rateLimited, status(429, { 'retry-after': '1' })),
  http.get(sseUrls.serverError, status(500)),
  http.get(
    sseUrls.htmlPage,
    () => new HttpResponse('<!doctype html><title>Login</title><h1>Please sign in</h1>', { headers: { 'content-type': 'text/html' } }),
  ),
  http.get(sseUrls.noContent, () => new HttpResponse(null, { status: 204 })),
  http.get(sseUrls.wrongType, () => HttpResponse.json({ message: 'not a stream' })),
];
