/** createOrderReplay: a recorded order played at a chosen speed on a fake clock; pause, seek, speed. */
import { describe, expect, it } from 'vitest';
import { createOrderReplay } from '../../../src/core/order/replay.js';
import { FakeClock } from '../support/fakes.js';
import { FULL_LIFE, MIN, T0 } from './support.js';

describe('order replay', () => {
  it('plays events at their recorded times, speed times faster than the clock', () => {
    const clock = new FakeClock();
    const replay = createOrderReplay(FULL_LIFE, { clock, speed: 60 });
    const seen: string[] = [];
    replay.subscribe(() => seen.push(replay.getSnapshot().state.currentStep ?? '-'));
    expect(replay.getSnapshot()).toMatchObject({ playing: false, position: 0, duration: 35 * MIN, applied: 2 });
    expect(replay.getSnapshot().state.currentStep).toBe('received');
    replay.play();
    clock.advance(2_000); // 2 s at 60x = the recording's minute 2
    expect(replay.getSnapshot().state.currentStep).toBe('preparing');
    clock.advance(13_000 - 1); // just before minute 15
    expect(replay.getSnapshot().state.currentStep).toBe('preparing');
    clock.advance(1);
    expect(replay.getSnapshot().state.currentStep).toBe('ready');
    clock.advance(60_000);
    expect(replay.getSnapshot()).toMatchObject({ playing: false, position: 35 * MIN, applied: FULL_LIFE.length });
    expect(replay.getSnapshot().state.status).toBe('delivered');
    expect(clock.pending).toBe(0);
    expect(seen).toContain('on-the-way');
  });

  it('pause holds the position; play resumes from it', () => {
    const clock = new FakeClock();
    const replay = createOrderReplay(FULL_LIFE, { clock, speed: 60, autoplay: true });
    clock.advance(16_000);
    replay.pause();
    expect(replay.getSnapshot()).toMatchObject({ playing: false, position: 16 * MIN });
    clock.advance(600_000);
    expect(replay.getSnapshot().position).toBe(16 * MIN);
    expect(replay.getSnapshot().state.courier).toMatchObject({ name: 'Luis' });
    replay.play();
    clock.advance(3_000);
    expect(replay.getSnapshot().state.courier).toMatchObject({ name: 'Ana', previous: { name: 'Luis' } });
  });

  it('seek backwards rebuilds the state; seek forwards applies what it passes; speed changes keep the position', () => {
    const clock = new FakeClock();
    const replay = createOrderReplay(FULL_LIFE, { clock });
    replay.seek(30 * MIN);
    expect(replay.getSnapshot().state.currentStep).toBe('on-the-way');
    replay.seek(3 * MIN);
    expect(replay.getSnapshot().state).toMatchObject({ currentStep: 'preparing', courier: null });
    expect(replay.getSnapshot().state.revisions).toHaveLength(1);
    replay.play();
    clock.advance(60_000);
    replay.setSpeed(10);
    expect(replay.getSnapshot()).toMatchObject({ position: 4 * MIN, speed: 10 });
    clock.advance(66_000); // 11 min of recording at 10x
    expect(replay.getSnapshot().position).toBe(15 * MIN);
    expect(replay.getSnapshot().state.currentStep).toBe('ready');
    replay.seek(-5);
    expect(replay.getSnapshot().position).toBe(0);
    replay.destroy();
    expect(clock.pending).toBe(0);
  });

  it('turns late on the recording timeline with no event (replay time, not wall time)', () => {
    const clock = new FakeClock();
    const late = [FULL_LIFE[0]!, FULL_LIFE[1]!, { ...FULL_LIFE[2]!, at: T0 + 80 * MIN }];
    const replay = createOrderReplay(late, { clock, speed: 60, autoplay: true });
    clock.advance(55_000);
    expect(replay.getSnapshot().state.late).toBe(false);
    clock.advance(1_000);
    expect(replay.getSnapshot().state.late).toBe(true);
  });
});
