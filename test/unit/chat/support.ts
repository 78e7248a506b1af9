import type { ReplyHandlers, ReplyRequest, ReplyTransport } from '../../../src/core/chat/transport.js';
import type { FrameSource } from '../../../src/core/frames.js';
import type { WireFrame } from '../../../src/core/protocols/types.js';
import { StreamError } from '../../../src/core/errors.js';

/**
 * An in-memory reply transport the test drives frame by frame: it records every request,
 * and ends a reply the way a real transport does (on the protocol's terminal frame).
 */
export function scriptedTransport() {
  const requests: ReplyRequest[] = [];
  let handlers: ReplyHandlers | null = null;
  let isTerminal: (frame: WireFrame) => boolean = () => false;
  let aborts = 0;
  const transport: ReplyTransport = {
    send(request, replyHandlers, terminal) {
      requests.push(request);
      handlers = replyHandlers;
      isTerminal = terminal;
      return () => {
        aborts++;
        handlers = null;
      };
    },
  };
  return {
    transport,
    requests,
    get aborts() {
      return aborts;
    },
    open(contentType = 'text/event-stream') {
      handlers?.onOpen({ contentType, headers: new Headers({ 'content-type': contentType }) });
    },
    frame(data: unknown, type = 'message') {
      const frame: WireFrame = { type, data: typeof data === 'string' ? data : JSON.stringify(data) };
      const current = handlers;
      current?.onFrame(frame);
      if (current && isTerminal(frame)) {
        handlers = null;
        current.onEnd();
      }
    },
    fail(kind: 'truncated' | 'network' = 'truncated') {
      const current = handlers;
      handlers = null;
      current?.onError(new StreamError(kind, `scripted ${kind}`));
    },
  };
}

/** A frame source the test steps by hand, counting frames requested. */
export function manualFrames() {
  let pending: (() => void) | null = null;
  return {
    source: {
      request(callback) {
        pending = callback;
        return 1;
      },
      cancel() {
        pending = null;
      },
    } satisfies FrameSource,
    /** Runs the pending frame callback; returns whether there was one. */
    step() {
      const callback = pending;
      pending = null;
      callback?.();
      return callback !== null;
    },
  };
}
