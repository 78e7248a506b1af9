/**
 * Connection status shared by every transport:
 * - `idle`: not started (or a `null` url);
 * - `connecting`: first attempt in flight;
 * - `open`: connected and streaming;
 * - `reconnecting`: waiting to retry, or a retry in flight;
 * - `closed`: ended normally, stopped, or paused while the page is hidden;
 * - `error`: gave up; `error` says why.
 */
export type StreamStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed' | 'error';
