// One tab of the cross-tab tests (test/integration/cross-tab.test.ts). The query string says
// what it runs: `stream=sse|ws`, `share=1` (shareAcrossTabs with `identity`), `tab` (its name,
// sent as a header / in the socket's auth message so the server knows which tab connected),
// `token` (a secret the tab authenticates with; it must never be posted to other tabs), and
// `noapis=1` (Web Locks and BroadcastChannel removed before anything runs: the fallback).
//
// It records every BroadcastChannel message any code of this tab posts, the events its hook
// delivered, in order, and its hook state, on `window.tab`.
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { acrossTabs, useSSEStream, useSocketStream } from '../../../../src/index.js';

const params = new URLSearchParams(location.search);
const name = params.get('tab') ?? 'tab';
const token = params.get('token') ?? '';
const shared = params.get('share') === '1' ? acrossTabs({ identity: params.get('identity') ?? 'user-1', leaderTimeoutMs: 1_000 }) : undefined;

interface TabRecord {
  log: string[];
  posted: string[];
  state: Record<string, unknown>;
  sent: unknown[];
}
const record: TabRecord = { log: [], posted: [], state: {}, sent: [] };
(window as unknown as { tab: TabRecord }).tab = record;

if (params.get('noapis') === '1') {
  Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
  delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
} else {
  const post = BroadcastChannel.prototype.postMessage;
  BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
    record.posted.push(JSON.stringify(message));
    return post.call(this, message);
  };
}

function SSETab() {
  const { status, error, lastEventId, attempt } = useSSEStream('/sse', {
    isTerminal: false,
    headers: () => ({ authorization: `Bearer ${token}`, 'x-tab': name }),
    retry: { initialDelayMs: 50, maxDelayMs: 200 },
    shareAcrossTabs: shared,
    onEvent: (event) => record.log.push(event.lastEventId),
  });
  record.state = { status, error: error?.kind ?? null, lastEventId, attempt };
  return <p>{status}</p>;
}

function SocketTab() {
  const socket = useSocketStream<{ type: string; id?: string; n?: number; room?: string }>(`ws://${location.host}/ws`, {
    auth: () => ({ type: 'auth', token, tab: name }),
    retry: { initialDelayMs: 50, maxDelayMs: 200 },
    shareAcrossTabs: shared,
    onMessage: (message) => {
      if (message.type === 'event') record.log.push(`${message.room}:${message.n}`);
    },
  });
  record.state = { status: socket.status, error: socket.error?.kind ?? null, rooms: socket.rooms };
  const { join, send, request } = socket;
  useEffect(() => {
    join(`room-${name}`);
    join('room-all');
  }, [join]);
  (window as unknown as { send: typeof send; request: typeof request }).send = send;
  (window as unknown as { request: typeof request }).request = request;
  return <p>{socket.status}</p>;
}

createRoot(document.getElementById('root')!).render(params.get('stream') === 'ws' ? <SocketTab /> : <SSETab />);
