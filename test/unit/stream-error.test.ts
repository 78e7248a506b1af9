import { describe, expect, it } from 'vitest';
import { StreamError, isStreamError } from '../../src/core/errors.js';

describe('StreamError.with', () => {
  it('copies every field and changes only the retry decision and attempt it is given', () => {
    const cause = new TypeError('socket hang up');
    const original = new StreamError('http', 'The server answered HTTP 503.', {
      status: 503,
      retryAfterMs: 30_000,
      closeCode: 1011,
      closeReason: 'restarting',
      timeoutMs: 5_000,
      detail: 'overloaded',
      attempt: 1,
      cause,
    });
    const copy = original.with({ willRetry: true, attempt: 4 });
    expect(copy).toBeInstanceOf(StreamError);
    expect(copy).not.toBe(original);
    expect(isStreamError(copy)).toBe(true);
    expect({ ...copy, message: copy.message, cause: copy.cause }).toEqual({
      ...original,
      message: 'The server answered HTTP 503.',
      cause,
      willRetry: true,
      attempt: 4,
    });
    expect(original.willRetry).toBe(false);
    expect(original.attempt).toBe(1);
    // A field left out keeps the original's value.
    expect(copy.with({ willRetry: false }).attempt).toBe(4);
    expect(Object.hasOwn(original.with({}), 'cause')).toBe(true);
  });

  it('adds no cause to an error that had none', () => {
    const copy = new StreamError('network', 'The connection failed or was interrupted.').with({ willRetry: true });
    expect(Object.hasOwn(copy, 'cause')).toBe(false);
  });
});
