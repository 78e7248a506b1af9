/**
 * The toast queue's timing and bookkeeping on a fake clock and a fake tab: maxVisible and the
 * waiting line, per-importance durations, timers that stop while hovered or the tab is hidden,
 * "while you were away", burst coalescing, rate-limited announcements, bounded memory.
 */
import { describe, expect, it } from 'vitest';
import { createToastQueue, type ToastQueueOptions } from '../../../src/core/notifications/toast-queue.js';
import { FakeClock, FakeEnvironment, ManualFrames } from '../support/fakes.js';
import { note } from './support.js';

function setup(options: ToastQueueOptions = {}) {
  const clock = new FakeClock();
  const environment = new FakeEnvironment();
  const frames = new ManualFrames();
  const queue = createToastQueue({ clock, environment, frames, ...options });
  let publications = 0;
  queue.subscribe(() => publications++);
  // Reading publishes what is pending (a component reads at its next frame).
  const snap = () => {
    queue.flush();
    return queue.getSnapshot();
  };
  const ids = () => snap().visible.map((t) => t.id);
  return { clock, environment, frames, queue, ids, snap, publications: () => publications };
}

describe('toast queue', () => {
  it('shows maxVisible toasts; the rest wait and move up as toasts expire', () => {
    const { queue, clock, ids, snap } = setup({ maxVisible: 2 });
    for (let i = 1; i <= 4; i++) queue.show(note({ id: `t${i}`, type: `type${i}` }));
    expect(ids()).toEqual(['t1', 't2']);
    expect(snap().waiting).toBe(2);
    clock.advance(4_999);
    expect(ids()).toEqual(['t1', 't2']);
    clock.advance(1);
    expect(ids()).toEqual(['t3', 't4']);
    expect(snap().waiting).toBe(0);
    // Waiting time does not count: t3 and t4 got their full 5 s from when they became visible.
    clock.advance(4_999);
    expect(ids()).toEqual(['t3', 't4']);
    clock.advance(1);
    expect(ids()).toEqual([]);
    expect(queue.stats().held).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('updates and removes toasts while they wait', () => {
    const { queue, ids, snap } = setup({ maxVisible: 1 });
    queue.show(note({ id: 'a', type: 'x' }));
    queue.show(note({ id: 'b', type: 'y', title: 'old' }));
    queue.show(note({ id: 'c', type: 'z' }));
    expect(queue.update('b', { title: 'new' })).toBe(true);
    queue.dismiss('c');
    expect(snap().waiting).toBe(1);
    queue.dismiss('a');
    expect(ids()).toEqual(['b']);
    const content = snap().visible[0]!.content;
    expect(content.kind === 'notification' && content.notification.title).toBe('new');
    expect(queue.update('gone', { title: 'x' })).toBe(false);
  });

  it('importance sets duration and politeness; urgent stays until dismissed and jumps the line', () => {
    const { queue, clock, ids, snap } = setup({ maxVisible: 1 });
    queue.show(note({ id: 'n', type: 'a' }));
    queue.show(note({ id: 'h', type: 'b', importance: 'high' }));
    queue.show(note({ id: 'u', type: 'c', importance: 'urgent' }));
    clock.advance(5_000);
    expect(ids()).toEqual(['u']);
    const urgent = snap().visible[0]!;
    expect(urgent.politeness).toBe('assertive');
    expect(urgent.durationMs).toBeNull();
    clock.advance(600_000);
    expect(ids()).toEqual(['u']);
    queue.dismiss('u');
    expect(ids()).toEqual(['h']);
    expect(snap().visible[0]!.politeness).toBe('polite');
    clock.advance(7_999);
    expect(ids()).toEqual(['h']);
    clock.advance(1);
    expect(ids()).toEqual([]);
  });

  it('the timer pauses on hover/focus and resumes with the time that was left', () => {
    const { queue, clock, ids, snap } = setup();
    queue.show(note({ id: 'a' }));
    clock.advance(3_000);
    queue.pause('a');
    expect(snap().visible[0]!.paused).toBe(true);
    expect(snap().visible[0]!.remainingMs).toBe(2_000);
    clock.advance(60_000);
    expect(ids()).toEqual(['a']);
    queue.resume('a');
    clock.advance(1_999);
    expect(ids()).toEqual(['a']);
    clock.advance(1);
    expect(ids()).toEqual([]);
  });

  it('the timer runs only while the tab is visible', () => {
    const { queue, clock, environment, ids, snap } = setup();
    queue.show(note({ id: 'a' }));
    clock.advance(4_000);
    environment.setHidden(true);
    clock.advance(3_600_000);
    expect(ids()).toEqual(['a']);
    expect(snap().visible[0]!.paused).toBe(true);
    environment.setHidden(false);
    clock.advance(999);
    expect(ids()).toEqual(['a']);
    clock.advance(1);
    expect(ids()).toEqual([]);
  });

  it('a toast that moves up or is resumed while the tab is hidden does not start its timer', () => {
    const { queue, clock, environment, ids } = setup({ maxVisible: 1 });
    queue.show(note({ id: 'a', type: 'x' }));
    queue.show(note({ id: 'b', type: 'y' }));
    environment.setHidden(true);
    queue.pause('a');
    queue.resume('a');
    clock.advance(60_000);
    expect(ids()).toEqual(['a']);
    queue.dismiss('a');
    expect(ids()).toEqual(['b']);
    clock.advance(60_000);
    expect(ids()).toEqual(['b']);
    environment.setHidden(false);
    clock.advance(4_999);
    expect(ids()).toEqual(['b']);
    clock.advance(1);
    expect(ids()).toEqual([]);
  });

  it('summarises what arrived while the tab was hidden in one toast on return', () => {
    const { queue, environment, ids, snap } = setup({ maxVisible: 3 });
    environment.setHidden(true);
    for (let i = 0; i < 5; i++) queue.show(note({ type: 'order' }));
    queue.show(note({ type: 'promotion' }));
    queue.show(note({ type: 'promotion', importance: 'high' }));
    expect(ids()).toEqual([]);
    expect(snap().away).toEqual({
      counts: [
        { type: 'order', count: 5 },
        { type: 'promotion', count: 2 },
      ],
      total: 7,
      importance: 'high',
    });
    environment.setHidden(false);
    const snapshot = snap();
    expect(snapshot.away).toBeNull();
    expect(snapshot.visible).toHaveLength(1);
    const content = snapshot.visible[0]!.content;
    expect(content.kind).toBe('away');
    expect(content.kind === 'away' && content.summary.total).toBe(7);
    expect(queue.stats().summarised).toBe(7);
    // An urgent one is never folded away: it waits on screen for the user.
    environment.setHidden(true);
    queue.show(note({ id: 'alarm', importance: 'urgent' }));
    expect(ids()).toContain('alarm');
  });

  it('coalesces a burst of one type into one "N new" toast; other types and notify()-style toasts stay apart', () => {
    const { queue, clock, ids, snap } = setup();
    queue.show(note({ id: 'o1', type: 'order' }), { coalesce: true });
    clock.advance(100);
    queue.show(note({ id: 'o2', type: 'order' }), { coalesce: true });
    queue.show(note({ id: 'p1', type: 'promotion' }), { coalesce: true });
    for (let i = 3; i <= 5; i++) queue.show(note({ id: `o${i}`, type: 'order' }), { coalesce: true });
    queue.show(note({ id: 'manual', type: 'order' }));
    const visible = snap().visible;
    expect(visible).toHaveLength(3);
    const burst = visible[0]!.content;
    expect(burst.kind === 'burst' && [burst.type, burst.count, burst.latest.id]).toEqual(['order', 5, 'o5']);
    expect(ids().slice(1)).toEqual(['p1', 'manual']);
    // The burst re-keyed: a later update of o1 is a new toast, not a reset of the count.
    expect(queue.has('o1')).toBe(false);
    // Outside the window a new burst starts.
    queue.dismiss();
    clock.advance(3_001);
    queue.show(note({ id: 'o6', type: 'order' }), { coalesce: true });
    clock.advance(3_001);
    queue.show(note({ id: 'o7', type: 'order' }), { coalesce: true });
    expect(ids()).toEqual(['o6', 'o7']);
  });

  it('rate-limits announcements and coalesces those within an interval into counts', () => {
    const { queue, clock, snap } = setup({ maxVisible: 10 });
    queue.show(note({ id: 'a', type: 'order' }));
    const first = snap().polite!;
    expect(first.content.kind === 'toast' && first.content.toast.id).toBe('a');
    queue.show(note({ type: 'order' }));
    queue.show(note({ type: 'order' }));
    queue.show(note({ type: 'promotion' }));
    expect(snap().polite).toBe(first);
    clock.advance(1_000);
    const second = snap().polite!;
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(second.content).toEqual({
      kind: 'counts',
      counts: [
        { type: 'order', count: 2 },
        { type: 'promotion', count: 1 },
      ],
      total: 3,
    });
    queue.show(note({ id: 'u', importance: 'urgent' }));
    const assertive = snap().assertive!;
    expect(assertive.politeness).toBe('assertive');
    expect(assertive.content.kind === 'toast' && assertive.content.toast.id).toBe('u');
  });

  it('a 1,000-notification burst stays bounded: toasts held, publications, announcements', () => {
    const { queue, frames, clock, snap } = setup({ maxVisible: 3, maxWaiting: 20 });
    for (let i = 0; i < 1_000; i++) {
      queue.show(note({ type: `type${i % 50}` }));
      if (i % 100 === 99) frames.step();
    }
    frames.step();
    const snapshot = snap();
    expect(snapshot.visible).toHaveLength(3);
    expect(snapshot.waiting).toBe(20);
    expect(queue.stats().held).toBe(23);
    expect(queue.stats().evicted).toBe(977);
    // One publication at the first change, then at most one per frame: 11 frames stepped.
    expect(queue.stats().published).toBeLessThanOrEqual(12);
    // Dismissing everything releases everything.
    queue.dismiss();
    clock.advance(10_000);
    expect(queue.stats().held).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('coalesces a 1,000 burst of one type into one toast', () => {
    const { queue, snap } = setup();
    for (let i = 0; i < 1_000; i++) queue.show(note({ type: 'order' }), { coalesce: true });
    const visible = snap().visible;
    expect(visible).toHaveLength(1);
    expect(visible[0]!.content.kind === 'burst' && visible[0]!.content.count).toBe(1_000);
    expect(queue.stats().held).toBe(1);
  });

  it('reports every shown notification to onShow listeners, with its origin', () => {
    const { queue, environment } = setup({ maxVisible: 1, maxWaiting: 0 });
    const seen: string[] = [];
    queue.onShow((n, origin) => seen.push(`${n.id}:${String(origin)}`));
    queue.show(note({ id: 'a' }), { origin: 'me' });
    queue.show(note({ id: 'b' }));
    environment.setHidden(true);
    queue.show(note({ id: 'c' }));
    expect(seen).toEqual(['a:me', 'b:undefined', 'c:undefined']);
  });
});
