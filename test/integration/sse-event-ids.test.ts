/**
 * Event ids outside ASCII survive a reconnect: `Last-Event-ID` goes out as the id's UTF-8 bytes,
 * as the browser's EventSource sends it, read here byte for byte by a real node:http server.
 */
import { expect, test, vi } from 'vitest';
import { SSEClient } from '../../src/core/transport/sse-client.js';
import type { SSEEvent } from '../../src/core/transport/sse-events.js';
import type { StreamError } from '../../src/core/errors.js';
import { cleanupAfterEach, openEventStream, SSEServer } from './support/sse-server.js';

const cleanup = cleanupAfterEach();

/** The raw bytes of a request header, as they came off the wire (node keeps them as latin1). */
function rawHeaderBytes(rawHeaders: string[], name: string): number[] | null {
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (rawHeaders[index]!.toLowerCase() === name) return [...Buffer.from(rawHeaders[index + 1]!, 'latin1')];
  }
  return null;
}

test.each([
  ['café', [0x63, 0x61, 0x66, 0xc3, 0xa9]],
  ['🌮-7', [0xf0, 0x9f, 0x8c, 0xae, 0x2d, 0x37]],
  // An invalid UTF-8 byte in the id line decodes to U+FFFD, which goes back out as EF BF BD.
  [Buffer.from([0x61, 0xff]), [0x61, 0xef, 0xbf, 0xbd]],
] as const)('id %s: the reconnect resumes, sending its UTF-8 bytes', async (id, expected) => {
  const seen: Array<number[] | null> = [];
  const server = cleanup.server(
    new SSEServer((req, res) => {
      seen.push(rawHeaderBytes(req.rawHeaders, 'last-event-id'));
      openEventStream(res);
      if (seen.length === 1) {
        res.write(Buffer.concat([Buffer.from('id: '), Buffer.from(id), Buffer.from('\ndata: first\n\n')]));
        // Reset the connection once the event is out.
        setTimeout(() => res.destroy(), 5);
      } else {
        res.end('data: second\n\nevent: end\ndata: \n\n');
      }
    }),
  );
  await server.start();
  const events: SSEEvent[] = [];
  const errors: StreamError[] = [];
  const client = cleanup.client(
    new SSEClient({
      url: server.url,
      retry: { initialDelayMs: 1, maxDelayMs: 5 },
      onEvent: (event) => events.push(event),
      onError: (error) => errors.push(error),
    }),
  );
  client.start();
  await vi.waitFor(() => expect(client.getSnapshot().status).toBe('closed'));
  expect(errors.map((error) => error.kind)).toEqual(['network']);
  expect(events.map((event) => event.data)).toEqual(['first', 'second', '']);
  const decodedId = typeof id === 'string' ? id : 'a\uFFFD';
  expect(events[0]!.lastEventId).toBe(decodedId);
  expect(seen).toEqual([null, expected]);
});
