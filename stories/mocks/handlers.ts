import type { RequestHandler } from 'msw';
import { sseHandlers } from './sse-scenarios.js';

/** Every mocked endpoint the stories use, one URL per scenario. */
export const mockHandlers: RequestHandler[] = [...sseHandlers];
