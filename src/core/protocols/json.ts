/**
 * Reading untrusted JSON frames. Servers are not ours: any field may be missing or of another
 * type, so adapters read through these guards instead of casting.
 */

/** A decoded JSON object (never an array or null). */
export type JsonObject = Record<string, unknown>;

/**
 * Parses a frame's text as a JSON object. Returns `undefined` for malformed JSON and for JSON
 * that is not an object (a bare string, number, array or null): adapters skip such frames
 * rather than fail the whole reply over one bad frame.
 */
export function parseJsonObject(text: string): JsonObject | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isJsonObject(value) ? value : undefined;
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a string, else `undefined`. */
export function stringField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value when it is a finite number, else `undefined`. */
export function numberField(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The value when it is an object, else `undefined`. */
export function objectField(value: unknown): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

/** The value when it is an array, else `undefined`. */
export function arrayField(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}
