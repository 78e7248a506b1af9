import { StreamError } from '../errors.js';
import { LazyModule } from '../lazy.js';
import type { SocketClient, SocketClientOptions } from '../transport/socket-client.js';
import type { ReplyHandlers, ReplyRequest, ReplyTransport } from './transport.js';

type IsTerminal = Parameters<ReplyTransport['send']>[2];

/**
 * The WebSocket client, loaded when a chat first uses a `ws://` endpoint: a chat over HTTP (most
 * of them) never downloads it.
 */
const socketClientModule = new LazyModule(() => import('../transport/socket-client.js'));

/**
 * Options of the WebSocket reply transport: the socket's options, minus decoding (ours) and
 * cross-tab sharing (a chat's replies belong to the tab that asked).
 */
export type SocketReplyOptions = Omit<SocketClientOptions<unknown>, 'decode' | 'onMessage' | 'shareAcrossTabs'>;

/**
 * Chat replies over one long-lived WebSocket (seed format: send `{ message, … }`, receive
 * `{type:"chunk"}` … `{type:"done"}`). The socket is opened on the first send and kept for the
 * conversation; frames reach the protocol decoder as raw text, so WebSocket chat goes through
 * the same protocol layer as SSE.
 *
 * A reply cannot outlive its connection: if the socket drops mid-reply the reply fails with
 * the socket's error (the socket itself reconnects for the next message). The socket code is
 * loaded on demand (a chunk of its own), starting when this transport is created.
 */
export function socketReplyTransport(getOptions: () => SocketReplyOptions): ReplyTransport {
  let client: SocketClient<unknown> | null = null;
  let disposed = false;
  socketClientModule.preload();

  function start(Client: typeof SocketClient, request: ReplyRequest, handlers: ReplyHandlers, isTerminal: IsTerminal) {
    client ??= new Client<unknown>({ ...getOptions(), decode: 'raw', shareAcrossTabs: undefined });
    const socket = client;
    let active = true;
    const finish = () => {
      active = false;
      for (const remove of off) remove();
    };
    const off = [
      socket.on('message', (data) => {
        if (!active || typeof data !== 'string') return;
        const frame = { type: 'message', data };
        handlers.onFrame(frame);
        if (active && isTerminal(frame)) {
          finish();
          handlers.onEnd();
        }
      }),
      socket.on('error', (error) => {
        // A message we could not decode is the protocol's business; a closed socket is ours.
        if (!active || error.kind === 'parse') return;
        finish();
        handlers.onError(error);
      }),
    ];
    socket.start();
    handlers.onOpen({ contentType: null, headers: null });
    if (socket.send(request.body) === 'rejected') {
      finish();
      handlers.onError(new StreamError('network', 'The chat socket is closed and cannot take the message.'));
    }
    return finish;
  }

  return {
    send(request, handlers, isTerminal) {
      const loaded = socketClientModule.value;
      if (loaded !== null) return start(loaded.SocketClient, request, handlers, isTerminal);
      // First reply before the socket code arrived (it was preloaded when this transport was made).
      let finish: (() => void) | null = null;
      let cancelled = false;
      socketClientModule.load().then(
        (module) => {
          if (!cancelled && !disposed) finish = start(module.SocketClient, request, handlers, isTerminal);
        },
        (cause: unknown) => {
          if (!cancelled) handlers.onError(new StreamError('network', 'The WebSocket code could not be loaded.', { cause }));
        },
      );
      return () => {
        cancelled = true;
        finish?.();
      };
    },
    dispose() {
      disposed = true;
      client?.stop();
      client = null;
    },
  };
}
