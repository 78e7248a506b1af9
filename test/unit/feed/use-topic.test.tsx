/**
 * useLiveFeed/useTopic: a component re-renders only for its own topic, and React commits at
 * most once per frame however many topics change in between.
 */
import { act, render } from '@testing-library/react';
import { Profiler, StrictMode, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { LiveFeed } from '../../../src/core/feed/live-feed.js';
import type { FeedEvent } from '../../../src/core/feed/types.js';
import { useFeedStatus, useLiveFeed, useTopic } from '../../../src/hooks/useLiveFeed.js';
import { FakeClock, ManualFrames } from '../support/fakes.js';
import { FakeFeedTransport, settle } from './support.js';

interface Ev extends FeedEvent {
  text: string;
}
type State = string[];
const reduce = (state: State | undefined, e: Ev) => [...(state ?? []), e.text];

function setup() {
  const transport = new FakeFeedTransport();
  const frames = new ManualFrames();
  const clock = new FakeClock();
  const renders: Record<string, number> = {};
  let commits = 0;
  let feedRef: LiveFeed<Ev, State> | null = null;

  function Row({ feed, topic }: { feed: LiveFeed<Ev, State>; topic: string }) {
    const { state, status } = useTopic(feed, topic);
    renders[topic] = (renders[topic] ?? 0) + 1;
    return (
      <li data-testid={topic} data-status={status}>
        {(state ?? []).join(',')}
      </li>
    );
  }
  function Status({ feed }: { feed: LiveFeed<Ev, State> }) {
    return <p data-testid="status">{useFeedStatus(feed).status}</p>;
  }
  function App({ topics }: { topics: string[] }) {
    const feed = useLiveFeed<Ev, State>({ transport: () => transport, reduce, mapEvent: (raw) => raw as Ev, frames, clock });
    feedRef = feed;
    return (
      <Profiler id="feed" onRender={() => commits++}>
        <Status feed={feed} />
        <ul>
          {topics.map((topic) => (
            <Row key={topic} feed={feed} topic={topic} />
          ))}
        </ul>
      </Profiler>
    );
  }
  return {
    transport,
    frames,
    clock,
    renders,
    commits: () => commits,
    feed: () => feedRef!,
    App,
  };
}

const wrap = (node: ReactNode, strict: boolean) => (strict ? <StrictMode>{node}</StrictMode> : node);

describe('useTopic', () => {
  it('only the changed topics re-render, and many topic changes between frames are one commit', async () => {
    const t = setup();
    const view = render(wrap(<t.App topics={['a', 'b', 'c']} />, false));
    await act(async () => {
      await settle();
      t.transport.open();
    });
    act(() => {
      t.frames.step();
      t.frames.step();
    });
    expect(view.getByTestId('status').textContent).toBe('open');
    const renders = { ...t.renders };
    const commits = t.commits();
    // Three messages, each in its own task (its own act: React would commit after each one), two topics.
    act(() => t.transport.emit({ topic: 'a', text: 'a1' }));
    act(() => t.transport.emit({ topic: 'b', text: 'b1' }));
    act(() => t.transport.emit({ topic: 'a', text: 'a2' }));
    // The first change after a quiet frame shows at once; the rest waits for the frame.
    expect(t.commits() - commits).toBe(1);
    act(() => t.frames.step());
    expect(t.commits() - commits).toBe(2);
    expect(view.getByTestId('a').textContent).toBe('a1,a2');
    expect(view.getByTestId('b').textContent).toBe('b1');
    expect(t.renders['c']).toBe(renders['c']);
    expect(t.renders['b']! - renders['b']!).toBe(1);
    expect(t.renders['a']! - renders['a']!).toBe(2);
    // 100 events in 100 tasks over two topics while a frame window is open: no commit until the frame.
    act(() => t.transport.emit({ topic: 'a', text: 'x' }));
    const before = t.commits();
    for (let i = 0; i < 100; i++) act(() => t.transport.emit({ topic: ['a', 'b'][i % 2]!, text: String(i) }));
    expect(t.commits()).toBe(before);
    act(() => t.frames.step());
    expect(t.commits()).toBe(before + 1);
    expect(t.renders['c']).toBe(renders['c']);
  });

  it('StrictMode: one subscribe per topic on the wire, none removed; unmount releases every topic and closes after the grace period', async () => {
    const t = setup();
    const view = render(wrap(<t.App topics={['a', 'b']} />, true));
    await act(async () => {
      await settle();
    });
    expect(t.transport.changes).toHaveLength(1);
    expect(t.transport.changes[0]!.added).toEqual(['a', 'b']);
    expect(t.transport.connects).toBe(1);
    view.rerender(wrap(<t.App topics={['b']} />, true));
    await act(async () => {
      await settle();
    });
    expect(t.transport.changes[1]).toMatchObject({ added: [], removed: ['a'] });
    view.unmount();
    await act(async () => {
      await settle();
    });
    // The feed closed with its component: nothing retained, no timers left.
    expect(t.feed().topicCount).toBe(0);
    expect(t.clock.pending).toBe(0);
    expect(t.transport.closes).toBe(1);
  });
});
