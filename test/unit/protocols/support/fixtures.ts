/**
 * Fixture bytes → frames, the way the transports produce them: SSE bodies through SSEDecoder
 * (however the bytes are cut into network reads), plain text bodies as one frame per read,
 * WebSocket transcripts as one frame per line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { SSEDecoder } from '../../../../src/core/transport/sse-events.js';
import type { ChatStreamEvent, ProtocolAdapter, WireFrame } from '../../../../src/core/protocols/types.js';

// Relative to the repository root (vitest's root): under jsdom, import.meta.url is not a file URL.
const FIXTURES = join(process.cwd(), 'test/fixtures/protocols');

/** The raw bytes of a fixture file. */
export function fixtureBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, file)));
}

/** Cuts `bytes` at the given offsets (sorted, deduplicated, inside the array). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let previous = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= previous || cut >= bytes.length) continue;
    chunks.push(bytes.slice(previous, cut));
    previous = cut;
  }
  chunks.push(bytes.slice(previous));
  return chunks;
}

/** Random cut points for a body of `length` bytes (including cuts inside multi-byte characters). */
export function arbitraryCuts(length: number): fc.Arbitrary<number[]> {
  return fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: 60 });
}

/** SSE body chunks → the frames SSEDecoder dispatches. */
export function sseFrames(chunks: readonly Uint8Array[]): WireFrame[] {
  const frames: WireFrame[] = [];
  const decoder = new SSEDecoder({
    onEvent: (event) => frames.push({ type: event.type, data: event.data }),
    onId: () => {},
    onRetry: () => {},
  });
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return frames;
}

/** Plain text body chunks → one frame per non-empty decoded read (UTF-8 decoded in streaming mode). */
export function textFrames(chunks: readonly Uint8Array[]): WireFrame[] {
  const decoder = new TextDecoder();
  const frames: WireFrame[] = [];
  for (const chunk of chunks) {
    const data = decoder.decode(chunk, { stream: true });
    if (data !== '') frames.push({ type: 'message', data });
  }
  const tail = decoder.decode();
  if (tail !== '') frames.push({ type: 'message', data: tail });
  return frames;
}

/** A WebSocket transcript (one message per line) → frames. */
export function jsonlFrames(bytes: Uint8Array): WireFrame[] {
  return new TextDecoder()
    .decode(bytes)
    .split('\n')
    .filter((line) => line !== '')
    .map((data) => ({ type: 'message', data }));
}

/** The frames of a fixture file cut at `cuts` (cuts are ignored for WebSocket transcripts). */
export function fixtureFrames(file: string, cuts: readonly number[] = []): WireFrame[] {
  const bytes = fixtureBytes(file);
  if (file.endsWith('.jsonl')) return jsonlFrames(bytes);
  const chunks = splitAt(bytes, cuts);
  return file.endsWith('.txt') ? textFrames(chunks) : sseFrames(chunks);
}

/** Runs frames through a fresh decoder of `adapter`: every event, and which frames were terminal. */
export function decodeFrames(adapter: ProtocolAdapter, frames: readonly WireFrame[]): { events: ChatStreamEvent[]; terminal: boolean[] } {
  const decoder = adapter.createDecoder();
  const events: ChatStreamEvent[] = [];
  const terminal: boolean[] = [];
  for (const frame of frames) {
    decoder.decode(frame, (event) => events.push(event));
    terminal.push(decoder.isTerminal(frame));
  }
  return { events, terminal };
}

/** A frame whose data is `payload` as JSON (or the string itself). */
export function frame(type: string, payload: unknown): WireFrame {
  return { type, data: typeof payload === 'string' ? payload : JSON.stringify(payload) };
}

/** Events of a fresh decoder of `adapter` over `frames`. */
export function eventsOf(adapter: ProtocolAdapter, frames: readonly WireFrame[]): ChatStreamEvent[] {
  return decodeFrames(adapter, frames).events;
}
