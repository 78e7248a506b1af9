import { StreamError } from '../errors.js';

/**
 * A WebSocket frame's payload as the client hands it over: text, or bytes (`ArrayBuffer`: the
 * client asks for `binaryType = 'arraybuffer'`; a `Blob` only from sockets that ignore that).
 */
export type SocketFrameData = string | ArrayBuffer | Blob;

/** What `send` accepts on the wire after encoding. */
export type SocketWireData = string | ArrayBufferLike | ArrayBufferView | Blob;

/**
 * How inbound frames become messages:
 * - `json` (default): text frames are parsed as JSON; binary frames are passed as `ArrayBuffer`;
 * - `raw`: text frames are passed as strings and binary frames as `ArrayBuffer`, untouched;
 * - a function: your own decoder (it may throw; that is reported as a `parse` error).
 */
export type SocketDecode = 'json' | 'raw' | ((data: SocketFrameData) => unknown);

/**
 * How outbound messages become frames. Default: strings and binary go as they are, anything
 * else is `JSON.stringify`'d.
 */
export type SocketEncode = (message: unknown) => SocketWireData;

/** Decodes one frame; throws a `parse` {@link StreamError} for a malformed one. */
export function decodeFrame(data: SocketFrameData, decode: SocketDecode): unknown {
  if (decode === 'raw') return data;
  if (decode === 'json') {
    if (typeof data !== 'string') return data;
    try {
      return JSON.parse(data) as unknown;
    } catch (cause) {
      // The payload is the server's: keep it out of the message (it may carry user data).
      throw new StreamError('parse', `A message was not valid JSON (${data.length} characters).`, { cause });
    }
  }
  try {
    return decode(data);
  } catch (cause) {
    throw new StreamError('parse', 'The custom decoder rejected a message.', { cause });
  }
}

/** The default {@link SocketEncode}. */
export function encodeMessage(message: unknown): SocketWireData {
  if (typeof message === 'string') return message;
  if (message instanceof ArrayBuffer || ArrayBuffer.isView(message)) return message;
  if (typeof Blob !== 'undefined' && message instanceof Blob) return message;
  return JSON.stringify(message);
}

/** Size of a frame on the wire, for the `bytes` metric (UTF-16 length for text: cheap, close). */
export function frameSize(data: SocketFrameData): number {
  if (typeof data === 'string') return data.length;
  return data instanceof ArrayBuffer ? data.byteLength : data.size;
}

/** Brings whatever a socket implementation delivers (Node `Buffer`, typed arrays) to {@link SocketFrameData}. */
export function normalizeFrame(data: unknown): SocketFrameData {
  if (typeof data === 'string' || data instanceof ArrayBuffer) return data;
  if (ArrayBuffer.isView(data)) {
    // Copy: a view may cover only part of a larger (pooled) buffer.
    const copy = new Uint8Array(data.byteLength);
    copy.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return copy.buffer;
  }
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data;
  return String(data);
}
