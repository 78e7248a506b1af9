import type { RequestHandler } from 'msw';
import { sseHandlers } from './sse-scenarios.js';
import { chatHandlers } from './chat-scenarios.js';
import { orderHandlers } from './order-scenarios.js';

/** Every mocked endpoint the stories use, one URL per scenario. */
export const mockHandlers: RequestHandler[] = [...sseHandlers, ...chatHandlers, ...orderHandlers];
