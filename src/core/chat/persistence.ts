import { StreamError, type StreamErrorKind } from '../errors.js';
import type { ChatMessage } from './types.js';

/**
 * Where conversations are saved. Sync or async; errors are swallowed by the store (a full or
 * blocked storage must not break the chat).
 */
export interface ChatPersistence {
  load(conversationId: string): ChatMessage[] | null | Promise<ChatMessage[] | null>;
  save(conversationId: string, messages: readonly ChatMessage[]): void | Promise<void>;
  remove(conversationId: string): void | Promise<void>;
}

interface StoredError {
  kind: StreamErrorKind;
  message: string;
  status?: number | undefined;
  timeoutMs?: number | undefined;
  detail?: string | undefined;
}

/** JSON for storage: errors become plain objects (they are revived on load). */
export function serializeMessages(messages: readonly ChatMessage[]): string {
  return JSON.stringify(
    messages.map((message) =>
      message.error === undefined
        ? message
        : {
            ...message,
            error: {
              kind: message.error.kind,
              message: message.error.message,
              status: message.error.status,
              timeoutMs: message.error.timeoutMs,
              detail: message.error.detail,
            } satisfies StoredError,
          },
    ),
  );
}

export function deserializeMessages(text: string): ChatMessage[] | null {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed)) return null;
    return parsed.map((raw: ChatMessage & { error?: StoredError }) => {
      if (raw.error === undefined) return raw;
      const { kind, message, status, timeoutMs, detail } = raw.error;
      return { ...raw, error: new StreamError(kind, message, { status, timeoutMs, detail }) };
    });
  } catch {
    return null;
  }
}

/**
 * Saves conversations in `localStorage` under `prefix + conversationId`. Where there is no
 * `localStorage` (server rendering, privacy modes that throw), it does nothing.
 */
export function localStoragePersistence(prefix = 'react-streamkit:chat:'): ChatPersistence {
  const storage = (): Storage | null => {
    try {
      return typeof localStorage === 'undefined' ? null : localStorage;
    } catch {
      return null;
    }
  };
  return {
    load(id) {
      const text = storage()?.getItem(prefix + id);
      return text == null ? null : deserializeMessages(text);
    },
    save(id, messages) {
      storage()?.setItem(prefix + id, serializeMessages(messages));
    },
    remove(id) {
      storage()?.removeItem(prefix + id);
    },
  };
}
