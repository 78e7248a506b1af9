// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import { chatHandler } from '../../../src/msw/index.js';

export const chatMocks = [
  chatHandler('/api/chat', 'anthropic', {
    text: '¡Claro! Tus 3 tacos al pastor salen en 12 minutos. 🌮',
    reasoning: 'The customer wants 3 tacos al pastor.',
    toolCalls: [{ name: 'place_order', input: { dish: 'taco al pastor', qty: 3 }, output: { orderId: 'A-042' }, delayMs: 800 }],
    usage: { inputTokens: 187, outputTokens: 64 },
  }, { delayMs: 40 }),
  chatHandler('/api/chat/busy', 'openai', { text: 'Un momento… ', error: { message: 'Overloaded', code: 'server_error' } }),
  chatHandler('/api/chat/echo', 'ai-sdk', ({ connection }) => ({ text: `Respuesta ${connection}` })),
];

export {};
