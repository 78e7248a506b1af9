import { StreamError } from './errors.js';

/** A value, or a function (sync or async) called to get it on every connection attempt. */
export type Resolvable<T> = T | (() => T | Promise<T>);

/** The value of a {@link Resolvable}. */
export async function resolve<T>(value: Resolvable<T>): Promise<T> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : value;
}

/**
 * Runs `build`, which calls functions the app passed (headers, body, auth …); anything they throw
 * becomes a `callback` error naming `what`, so it is not mistaken for a refusal by the server.
 */
export async function callingUserCode<T>(what: string, build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (cause) {
    throw new StreamError('callback', `The ${what} function you passed threw, so no request was sent.`, { cause });
  }
}
