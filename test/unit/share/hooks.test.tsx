/**
 * The hooks over shared clients, as React renders them (StrictMode's double mount included):
 * two "tabs" (each its own lock manager view and channel) render useSSEStream / useSocketStream
 * with `acrossTabs`; one connection serves both, and each hook's state and callbacks are those of
 * a connection of its own.
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { acrossTabs, useSSEStream, useSocketStream } from '../../../src/index.js';
import { FakeBus, FakeLocks } from './fakes.js';
import { FakeSSEServer } from './sse-server.js';
import { FakeSocketServer } from './socket-server.js';

describe('hooks with shareAcrossTabs', () => {
  it('useSSEStream: two tabs under StrictMode, one request; each hook shows open, the last id and every event', async () => {
    const locks = new FakeLocks();
    const bus = new FakeBus();
    const server = new FakeSSEServer();
    const logs: Record<string, string[]> = { a: [], b: [] };
    function Tab({ name }: { name: string }) {
      const { status, lastEventId } = useSSEStream('http://127.0.0.1/prices', {
        isTerminal: false,
        fetch: server.fetchFor(name),
        shareAcrossTabs: acrossTabs({ identity: 'user-1', locks: locks.manager(name), BroadcastChannel: bus.channelClass(name) }),
        onEvent: (event) => logs[name]!.push(event.lastEventId),
      });
      return (
        <p>
          {name}:{status}:{lastEventId}
        </p>
      );
    }
    render(
      <StrictMode>
        <Tab name="a" />
        <Tab name="b" />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByText('b:open:')).toBeInTheDocument());
    act(() => server.emit(3));
    await waitFor(() => expect(screen.getByText('b:open:3')).toBeInTheDocument());
    expect(screen.getByText('a:open:3')).toBeInTheDocument();
    expect(server.connections).toHaveLength(1);
    expect(logs).toEqual({ a: ['1', '2', '3'], b: ['1', '2', '3'] });
  });

  it('useSocketStream: a follower tab sends and joins through the leader\'s one socket', async () => {
    const locks = new FakeLocks();
    const bus = new FakeBus();
    const server = new FakeSocketServer();
    function Tab({ name }: { name: string }) {
      const { status, send, join, rooms } = useSocketStream<{ type: string }>('ws://127.0.0.1/live', {
        WebSocket: server.socketFor(name),
        auth: { type: 'auth', token: `token-${name}` },
        shareAcrossTabs: acrossTabs({ identity: 'user-1', locks: locks.manager(name), BroadcastChannel: bus.channelClass(name) }),
      });
      useEffect(() => join(`room-${name}`), [join, name]);
      useEffect(() => {
        if (status === 'open') send({ type: 'hello-from', tab: name });
      }, [status, send, name]);
      return (
        <p>
          {name}:{status}:{rooms.join(',')}
        </p>
      );
    }
    render(
      <StrictMode>
        <Tab name="a" />
        <Tab name="b" />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByText('b:open:room-b')).toBeInTheDocument());
    await waitFor(() => expect(server.peers[0]!.frames.filter((frame) => frame['type'] === 'hello-from')).toHaveLength(2));
    expect(server.peers).toHaveLength(1);
    expect([...server.peers[0]!.rooms].sort()).toEqual(['room-a', 'room-b']);
    expect(JSON.stringify(bus.posted)).not.toContain('token-');
  });
});
