import type { Socket } from 'socket.io-client';
import { StreamError } from '../core/errors.js';

/**
 * A failed connection attempt as a {@link StreamError}. `active` is socket.io's own verdict:
 * true for a network failure (`network`, retried unless the Manager's `reconnection` is off); false when the server refused the
 * connection in a middleware, which is where servers authenticate (`auth`, not retried).
 */
export function connectError(cause: Error, active: boolean, reconnects: boolean): StreamError {
  return active
    ? new StreamError('network', 'The socket.io connection failed', { cause, willRetry: reconnects })
    : new StreamError('auth', 'The socket.io server refused the connection', { cause, willRetry: false });
}

/**
 * A dropped connection as a {@link StreamError}; `reason` is socket.io's, kept as `closeReason`.
 * A ping timeout is an `idle-timeout`; `io server disconnect` (the server let go of this socket
 * on purpose) is not retried by socket.io, hence `willRetry: false`.
 */
export function disconnectError(reason: Socket.DisconnectReason, cause: unknown, active: boolean): StreamError {
  const kind = reason === 'ping timeout' ? 'idle-timeout' : 'network';
  const message = active ? 'The socket.io connection dropped' : 'The socket.io server disconnected this client';
  return new StreamError(kind, message, { cause, closeReason: reason, willRetry: active });
}

/** The Manager used up `reconnectionAttempts`. */
export function reconnectFailedError(): StreamError {
  return new StreamError('network', 'The socket.io connection could not be re-established', { willRetry: false });
}
