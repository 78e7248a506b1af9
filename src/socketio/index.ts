/**
 * react-streamkit/socketio: a live-feed transport over socket.io (rooms as topics, socket.io's
 * own reconnection, several servers of a cluster tried in turn). Requires `socket.io-client`
 * (a peer dependency of this entry only).
 */
export { socketIoFeedTransport } from './transport.js';
export type { SocketIoFeedOptions, SocketIoFeedTransport, SocketIoRoomsConvention } from './transport.js';
