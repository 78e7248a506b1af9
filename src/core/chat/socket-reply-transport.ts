import { StreamError } from '../errors.js';
import { SocketClient, type SocketClientOptions } from '../transport/socket-client.js';
import type { ReplyTransport } from './transport.js';

/** Options of the WebSocket reply transport: the socket's options, minus decoding (ours). */
export type SocketReplyOptions = Omit<SocketClientOptions<unknown>, 'decode' | 'onMessage'>;

/**
 * Chat replies over one long-lived WebSocket (seed format: send `{ message, … }`, receive
 * `{type:"chunk"}` … `{type:"done"}`). The socket is opened on the first send and kept for the
 * conversation; frames reach the protocol decoder as raw text, so WebSocket chat goes through
 * the same protocol layer as SSE.
 *
 * A reply cannot outlive its connection: if the socket drops mid-reply the reply fails with
 * the socket's error (the socket itself reconnects for the next message).
 */
export function socketReplyTransport(getOptions: () => SocketReplyOptions): ReplyTransport {
  let client: SocketClient<unknown> | null = null;
  return {
    send(request, handlers, isTerminal) {
      client ??= new SocketClient<unknown>({ ...getOptions(), decode: 'raw' });
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
    },
    dispose() {
      client?.stop();
      client = null;
    },
  };
}
