/**
 * notify() from anywhere: the module-level default queue (replaceable), update and dismiss by id
 * (also while waiting), and notify.promise's three phases.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createNotify, getDefaultToastQueue, notify, setDefaultToastQueue } from '../../../src/core/notifications/notify.js';
import { createToastQueue } from '../../../src/core/notifications/toast-queue.js';
import { FakeClock, FakeEnvironment, ManualFrames } from '../support/fakes.js';

function fakeQueue(maxVisible = 3) {
  const clock = new FakeClock();
  const queue = createToastQueue({ clock, environment: new FakeEnvironment(), frames: new ManualFrames(), maxVisible });
  const visible = () => {
    queue.flush();
    return queue.getSnapshot().visible;
  };
  return { clock, queue, visible };
}

afterEach(() => setDefaultToastQueue(null));

describe('notify()', () => {
  it('goes to the default queue without a provider; the default can be replaced', () => {
    const { queue, visible } = fakeQueue();
    setDefaultToastQueue(queue);
    expect(getDefaultToastQueue()).toBe(queue);
    const id = notify('Guardado');
    expect(visible().map((t) => t.id)).toEqual([id]);
    const content = visible()[0]!.content;
    expect(content.kind === 'notification' && [content.notification.title, content.notification.type, content.notification.importance]).toEqual(['Guardado', 'general', 'normal']);
  });

  it('updates a waiting toast field by field, and dismisses one by id', () => {
    const { queue, visible } = fakeQueue(1);
    const n = createNotify(() => queue);
    n({ id: 'first', title: 'First' });
    n({ id: 'second', title: 'Second', body: 'kept' });
    expect(n.update('second', { title: 'Second, changed' })).toBe(true);
    n.dismiss('first');
    const content = visible()[0]!.content;
    expect(content.kind === 'notification' && [content.notification.title, content.notification.body]).toEqual(['Second, changed', 'kept']);
    n.dismiss();
    expect(visible()).toEqual([]);
    expect(n.update('second', { title: 'gone' })).toBe(false);
  });

  it('notify.promise: a loading toast that stays, then success (timed) or error', async () => {
    const { queue, visible, clock } = fakeQueue();
    const n = createNotify(() => queue);
    let resolve!: (value: number) => void;
    const pending = n.promise(new Promise<number>((r) => (resolve = r)), { loading: 'Saving…', success: (v) => `Saved ${v}`, error: 'Failed' });
    expect(visible()[0]).toMatchObject({ promise: 'loading', durationMs: null });
    clock.advance(60_000);
    expect(visible()).toHaveLength(1);
    resolve(3);
    expect(await pending).toBe(3);
    await Promise.resolve();
    const done = visible()[0]!;
    expect(done.promise).toBe('success');
    expect(done.content.kind === 'notification' && done.content.notification.title).toBe('Saved 3');
    clock.advance(5_000);
    expect(visible()).toHaveLength(0);

    const failing = n.promise(Promise.reject(new Error('x')), { loading: 'Saving…', success: 'Saved', error: (e) => `Failed: ${(e as Error).message}` });
    await expect(failing).rejects.toThrow('x');
    await Promise.resolve();
    const failed = visible()[0]!;
    expect(failed).toMatchObject({ promise: 'error', importance: 'high' });
    expect(failed.content.kind === 'notification' && failed.content.notification.title).toBe('Failed: x');
  });
});
