import { systemClock, type Clock, type TimerHandle } from '../clock.js';
import { SSEClient, type SSEClientOptions, type SSEEvent, type SSEOpenInfo } from '../transport/sse-client.js';
import type { StreamStatus } from '../transport/status.js';
import type { FeedTopicChange, FeedTransport, FeedTransportSink } from './transport.js';

/** Default {@link SSEFeedTransportOptions.debounceMs}. */
export const DEFAULT_TOPIC_URL_DEBOUNCE_MS = 50;

/** Options of {@link sseFeedTransport}. */
export interface SSEFeedTransportOptions {
  /**
   * The client carrying the stream, or the options to create one (then `isTerminal: false` is
   * the default: a feed never ends). A client you pass should not treat feed events as the end
   * of the stream (create it with `isTerminal: false`).
   */
  client: SSEClient | SSEClientOptions;
  /**
   * For servers that filter by topic: the stream URL for the current topic set (sorted). A
   * change reconnects after `debounceMs`, resuming from the last event id. Without it, one
   * stream carries every topic and the feed routes events itself.
   */
  url?: (topics: readonly string[]) => string | URL;
  /** How long topic changes are collected before the URL changes. Default 50 ms. */
  debounceMs?: number;
  /**
   * Whether a reconnect continued where the previous connection stopped. Default: the stream
   * carried event ids, so the reconnect sent `Last-Event-ID`. Return false (e.g. from a response
   * header) when the server could not resume: every topic then reloads its snapshot.
   */
  resumed?: (info: SSEOpenInfo, lastEventId: string) => boolean;
  /** Injectable time source for the debounce. Default: the platform clock. */
  clock?: Clock;
}

/**
 * A {@link FeedTransport} over one {@link SSEClient} stream: reconnect, resume, auth and
 * liveness are the client's. Every SSE event is handed to the feed, which routes it by topic.
 */
export function sseFeedTransport(options: SSEFeedTransportOptions): FeedTransport<SSEEvent> & { readonly client: SSEClient } {
  const client = options.client instanceof SSEClient ? options.client : new SSEClient({ isTerminal: false, ...options.client });
  const clock = options.clock ?? systemClock;
  let sink: FeedTransportSink<SSEEvent> | null = null;
  let release: (() => void) | null = null;
  let lastEventId = '';
  let everOpened = false;
  let isOpen = false;
  let status: StreamStatus = 'idle';
  let topicUrl = '';
  let debounce: TimerHandle | null = null;
  let topics: readonly string[] = [];

  const applyUrl = (): void => {
    debounce = null;
    if (options.url === undefined || topics.length === 0) return;
    const next = String(options.url(topics));
    if (next === topicUrl) {
      if (isOpen) sink?.live();
      return;
    }
    topicUrl = next;
    client.setOptions({ url: next });
    if (release !== null) {
      // A new URL needs a new request; the client keeps its last event id, so it resumes.
      client.stop();
      client.start();
    }
  };

  return {
    client,
    attach(next) {
      sink = next;
      const offs = [
        client.on('event', (event) => {
          lastEventId = event.lastEventId;
          sink?.message(event);
        }),
        client.on('open', (info) => {
          const resumed = everOpened && (options.resumed ? options.resumed(info, lastEventId) : lastEventId !== '');
          everOpened = true;
          isOpen = true;
          sink?.open({ resumed });
        }),
        client.on('error', (error) => {
          isOpen = false;
          sink?.error(error);
        }),
        client.subscribe(() => {
          const snapshot = client.getSnapshot();
          if (snapshot.status !== 'open') isOpen = false;
          if (snapshot.status === status) return;
          status = snapshot.status;
          sink?.status(snapshot.status, snapshot.error);
        }),
      ];
      return () => {
        sink = null;
        for (const off of offs) off();
        if (debounce !== null) clock.clearTimeout(debounce);
        debounce = null;
      };
    },
    connect() {
      if (release !== null) return;
      if (debounce !== null) {
        clock.clearTimeout(debounce);
        applyUrl();
      }
      release = client.retain();
      client.start();
    },
    close() {
      if (debounce !== null) clock.clearTimeout(debounce);
      debounce = null;
      isOpen = false;
      release?.();
      release = null;
    },
    setTopics(change: FeedTopicChange) {
      if (options.url === undefined) {
        // One stream carries every topic: a new topic is live as soon as the stream is.
        if (isOpen) sink?.live();
        return;
      }
      topics = [...change.topics].sort();
      if (release === null) {
        // Not connected yet: the first request uses the current set directly.
        applyUrl();
        return;
      }
      if (debounce === null) debounce = clock.setTimeout(applyUrl, options.debounceMs ?? DEFAULT_TOPIC_URL_DEBOUNCE_MS);
    },
  };
}
