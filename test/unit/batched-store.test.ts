import { expect, test } from 'vitest';
import { BatchedStore } from '../../src/core/batched-store.js';
import type { FrameSource } from '../../src/core/frames.js';

function manualFrames() {
  const pending = new Set<() => void>();
  const source: FrameSource = {
    request(callback) {
      pending.add(callback);
      return callback;
    },
    cancel(handle) {
      pending.delete(handle as () => void);
    },
  };
  return {
    source,
    get pending() {
      return pending.size;
    },
    step() {
      const callbacks = [...pending];
      pending.clear();
      for (const callback of callbacks) callback();
    },
  };
}

test('first change is published at once, later ones once per frame', () => {
  let value = 0;
  const frames = manualFrames();
  const store = new BatchedStore(() => value, frames.source);
  let calls = 0;
  store.subscribe(() => calls++);
  value = 1;
  store.invalidate();
  expect(calls).toBe(1);
  expect(store.getSnapshot()).toBe(1);
  for (value = 2; value < 50; value++) store.invalidate();
  expect(calls).toBe(1);
  expect(store.getSnapshot()).toBe(1); // stable inside the frame window
  frames.step();
  expect(calls).toBe(2);
  expect(store.getSnapshot()).toBe(50); // the loop leaves value at 50
  frames.step(); // a quiet frame closes the window
  expect(frames.pending).toBe(0);
});

test('regression: the last listener unsubscribing during a publication leaves no frame pending and no stale snapshot', () => {
  let value = 'a';
  const frames = manualFrames();
  const store = new BatchedStore(() => value, frames.source);
  const unsubscribe = store.subscribe(() => unsubscribe());
  value = 'b';
  store.invalidate();
  expect(frames.pending).toBe(0);
  value = 'c';
  store.invalidate(); // nobody listens: nothing is published…
  expect(store.getSnapshot()).toBe('c'); // …but a read is up to date
});
