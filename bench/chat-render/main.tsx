// The page the chat render benchmark drives: a chat fed by an in-page transport, so what is
// measured is rendering and the browser's layout and paint, not a network.
//
// `?contender=streamchat` (default): <StreamChat>.
// `?contender=headless`: useChatStream rendering each message as one plain-text paragraph, what
// an app built on a headless chat hook (useChat and the like) renders: the baseline.
import { Profiler, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { messageText, StreamChat, useChatStream, type ReplyHandlers, type ReplyTransport } from '../../src/index.js';
import '../../src/styles.css';

let handlers: ReplyHandlers | null = null;
const transport: ReplyTransport = {
  send(_request, replyHandlers) {
    handlers = replyHandlers;
    replyHandlers.onOpen({ contentType: 'text/event-stream', headers: null });
    return () => {
      handlers = null;
    };
  },
};

const frame = (token: string) => ({ type: 'message', data: JSON.stringify({ content: token }) });

const bench = {
  commits: 0,
  frames: 0,
  longTasks: [] as number[],
  counting: false,
  /** Resolves once the transport has a reply to feed. */
  async ready(): Promise<void> {
    while (handlers === null) await new Promise((resolve) => setTimeout(resolve, 10));
  },
  /** Feeds `tokens` as fast as a network read loop would: `perRead` tokens per macrotask. */
  async fullSpeed(tokens: string[], perRead = 20): Promise<void> {
    for (let i = 0; i < tokens.length; i += perRead) {
      for (const token of tokens.slice(i, i + perRead)) handlers?.onFrame(frame(token));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  },
  /** Feeds `tokens` at `perSecond`, one timer per token, as a model streaming at that rate. */
  async atRate(tokens: string[], perSecond: number): Promise<void> {
    const start = performance.now();
    for (let i = 0; i < tokens.length; i++) {
      const due = start + (i * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      handlers?.onFrame(frame(tokens[i]!));
    }
  },
  finish(): void {
    const current = handlers;
    handlers = null;
    current?.onFrame({ type: 'message', data: '[DONE]' });
    current?.onEnd();
  },
  startCounting(): void {
    bench.commits = 0;
    bench.frames = 0;
    bench.longTasks = [];
    bench.counting = true;
    const tick = () => {
      if (!bench.counting) return;
      bench.frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  },
  stopCounting(): void {
    bench.counting = false;
  },
};
(window as unknown as { bench: typeof bench }).bench = bench;

new PerformanceObserver((list) => {
  if (!bench.counting) return;
  for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: false });

/** The baseline: the same hook, each message one plain-text paragraph, a plain form. */
function Headless() {
  const { messages, send } = useChatStream({ api: '/bench', transport, protocol: 'generic', persistence: false });
  const [draft, setDraft] = useState('');
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <div style={{ flex: 1, overflowY: 'auto' }}>
        {messages.map((message) => (
          <p key={message.id} style={{ whiteSpace: 'pre-wrap' }}>
            {messageText(message)}
          </p>
        ))}
      </div>
      <textarea
        aria-label="Message"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          send(draft);
          setDraft('');
        }}
      />
    </div>
  );
}

const query = new URLSearchParams(location.search);
const contender = query.get('contender') ?? 'streamchat';
// `?cursor=none` (bench: CONTENDERS=streamchat-nocursor) separates the cursor's own cost.
const cursor = query.get('cursor') === 'none' ? false : 'block';
const cursorBlink = query.get('blink') !== 'false';
createRoot(document.getElementById('root')!).render(
  <Profiler id="chat" onRender={() => (bench.counting ? bench.commits++ : undefined)}>
    {contender === 'headless' ? (
      <Headless />
    ) : (
      <StreamChat api="/bench" transport={transport} protocol="generic" cursor={cursor} cursorBlink={cursorBlink} persistence={false} />
    )}
  </Profiler>,
);
