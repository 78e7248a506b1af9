const encoder = new TextEncoder();

/**
 * `text` as a header value: its UTF-8 bytes, one char per byte (a "byte string"). `fetch` throws on
 * a header value outside Latin-1, and the browser's EventSource sends `Last-Event-ID` as UTF-8
 * bytes, so an id like `café` reaches the server as `63 61 66 c3 a9` either way. Plain ASCII, the
 * common case, is returned as is.
 */
export function headerByteString(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let out = '';
  for (const byte of encoder.encode(text)) out += String.fromCharCode(byte);
  return out;
}
