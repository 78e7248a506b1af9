import { setupWorker } from 'msw/browser';

// Created once per test file run: a second setupWorker() in the same page fails with
// "Failed to replace a global value at 'WebSocket'".
export const worker = setupWorker();
