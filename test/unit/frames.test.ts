import { afterEach, describe, expect, test, vi } from 'vitest';
import { BatchedStore } from '../../src/core/batched-store.js';
import { platformFrames } from '../../src/core/frames.js';

/** A hand-driven requestAnimationFrame: `frame()` runs what was requested so far. */
function manualAnimationFrames() {
  let callbacks: FrameRequestCallback[] = [];
  const request = vi.fn((callback: FrameRequestCallback) => {
    callbacks.push(callback);
    return callbacks.length;
  });
  vi.stubGlobal('requestAnimationFrame', request);
  vi.stubGlobal('cancelAnimationFrame', vi.fn());
  return {
    request,
    frame() {
      const due = callbacks;
      callbacks = [];
      for (const callback of due) callback(0);
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('platformFrames: one animation frame for every store', () => {
  test('requests from several sources in one frame share one requestAnimationFrame and run in one task', () => {
    const raf = manualAnimationFrames();
    const a = platformFrames();
    const b = platformFrames();
    const ran: string[] = [];
    a.request(() => ran.push('a'));
    b.request(() => ran.push('b'));
    a.request(() => ran.push('a2'));
    expect(raf.request).toHaveBeenCalledTimes(1);
    raf.frame();
    expect(ran).toEqual(['a', 'b', 'a2']);
    // A request made during the frame waits for the next one.
    a.request(() => {
      ran.push('next');
      b.request(() => ran.push('after next'));
    });
    raf.frame();
    expect(ran.slice(3)).toEqual(['next']);
    raf.frame();
    expect(ran.slice(4)).toEqual(['after next']);
  });

  test('a cancelled request does not run; the others still do', () => {
    const raf = manualAnimationFrames();
    const frames = platformFrames();
    const ran: string[] = [];
    const handle = frames.request(() => ran.push('cancelled'));
    frames.request(() => ran.push('kept'));
    frames.cancel(handle);
    raf.frame();
    expect(ran).toEqual(['kept']);
  });

  test('one throwing callback does not starve the rest of their frame; the error is still reported', async () => {
    const raf = manualAnimationFrames();
    const frames = platformFrames();
    const ran: string[] = [];
    const reported = new Promise<unknown>((resolve) => {
      const original = globalThis.queueMicrotask;
      vi.stubGlobal('queueMicrotask', (task: () => void) =>
        original(() => {
          try {
            task();
          } catch (error) {
            resolve(error);
          }
        }),
      );
    });
    frames.request(() => {
      throw new Error('boom');
    });
    frames.request(() => ran.push('second'));
    raf.frame();
    expect(ran).toEqual(['second']);
    await expect(reported).resolves.toHaveProperty('message', 'boom');
  });

  test('two batched stores that change in the same frames publish in the same frame callback', () => {
    const raf = manualAnimationFrames();
    let valueA = 0;
    let valueB = 0;
    const storeA = new BatchedStore(() => valueA, platformFrames());
    const storeB = new BatchedStore(() => valueB, platformFrames());
    const log: string[] = [];
    storeA.subscribe(() => log.push(`A${storeA.getSnapshot()}`));
    storeB.subscribe(() => log.push(`B${storeB.getSnapshot()}`));
    valueA = 1;
    storeA.invalidate();
    valueB = 1;
    storeB.invalidate();
    valueA = 2;
    storeA.invalidate();
    valueB = 2;
    storeB.invalidate();
    expect(log).toEqual(['A1', 'B1']);
    // Both frame windows are one browser frame callback.
    expect(raf.request).toHaveBeenCalledTimes(1);
    raf.frame();
    expect(log).toEqual(['A1', 'B1', 'A2', 'B2']);
  });
});
