import { BatchedStore } from '../batched-store.js';
import { systemClock, type Clock } from '../clock.js';
import { ConnectionDemand } from '../demand.js';
import { StreamError } from '../errors.js';
import { platformFrames, type FrameSource } from '../frames.js';
import type { ChatStreamEvent, ProtocolAdapter, ProtocolDecoder, ProtocolName, WireFrame } from '../protocols/types.js';
import { localStoragePersistence, type ChatPersistence } from './persistence.js';
import { ReplyBuilder } from './reply-builder.js';
import type { ReplyContext, ReplyRequest, ReplyTransport } from './transport.js';
import { messageText, type ChatMessage } from './types.js';
import { LazyModule } from '../lazy.js';

/**
 * The protocol names and detection, loaded on demand: an app that passes an adapter object never
 * downloads the other adapters. One loader for every store (the module is the same).
 */
const protocolRegistry = new LazyModule(() => import('../protocols/registry.js'));

/**
 * `ready`: idle, you may send; `submitted`: sent, nothing received yet (show "writing…");
 * `streaming`: the reply is arriving; `error`: the last reply failed (`error` says why).
 */
export type ChatStatus = 'ready' | 'submitted' | 'streaming' | 'error';

/** What the chat store publishes (at most once per frame while a reply streams). */
export interface ChatSnapshot {
  /** The conversation. Finished messages keep their identity while a new one streams. */
  messages: readonly ChatMessage[];
  status: ChatStatus;
  error: StreamError | null;
}

/** What a request builder receives: the whole conversation so far. */
export interface ChatRequestContext {
  conversationId: string | undefined;
  /** Every message so far, the new user message last. */
  messages: readonly ChatMessage[];
  /** The `body` option's extra fields. */
  body: Record<string, unknown> | undefined;
}

/** Options of {@link ChatStore} (and of useChatStream). */
export interface ChatStoreOptions {
  /** How replies travel: an SSE/HTTP or WebSocket transport built by useChatStream, or your own. */
  transport: ReplyTransport;
  /**
   * The wire format: a built-in name (`'anthropic'`, `'openai'`, `'ai-sdk'` …) or an adapter
   * object (`anthropicProtocol`, or your own {@link ProtocolAdapter}). Default: detected per reply.
   * Names and detection load the built-in adapters on demand (a separate chunk for bundlers); an
   * adapter object never loads them.
   */
  protocol?: ProtocolName | ProtocolAdapter | undefined;
  /** Extra fields merged into the default request body. */
  body?: Record<string, unknown> | undefined;
  /**
   * Builds the request from the whole history. Default body:
   * `{ id, messages: [{ id, role, content, parts }], message: <last user text>, ...body }`.
   */
  prepareRequest?: ((context: ChatRequestContext) => ReplyRequest | Promise<ReplyRequest>) | undefined;
  /**
   * Conversation id: the persistence key and `id` in the default body. Changing it switches
   * conversations: a reply still streaming is stopped (its text saved under the old id), and the
   * new id's saved conversation is loaded (or `initialMessages`, or nothing).
   */
  id?: string | undefined;
  /** Messages to start with (ignored when persistence has a saved conversation for `id`); also when `id` changes. */
  initialMessages?: readonly ChatMessage[] | undefined;
  /** Where conversations with an `id` are saved. Default: localStorage. `false` disables. */
  persistence?: ChatPersistence | false | undefined;
  /** Message ids. Default: `crypto.randomUUID()`. */
  generateId?: (() => string) | undefined;
  /** A reply finished (done, stopped or error). */
  onFinish?: ((message: ChatMessage) => void) | undefined;
  /** A reply failed (never called for `aborted`: a stop is not a failure). */
  onError?: ((error: StreamError) => void) | undefined;
  clock?: Clock | undefined;
  frames?: FrameSource | undefined;
}

let fallbackId = 0;
const defaultId = () =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `m${Date.now().toString(36)}${(fallbackId++).toString(36)}`;

/**
 * A conversation with a streaming assistant, React-free. Per-delta work is O(delta) (see
 * ReplyBuilder); subscribers hear about changes at most once per frame.
 */
export class ChatStore {
  private options: ChatStoreOptions;
  private messages: readonly ChatMessage[];
  private status: ChatStatus = 'ready';
  private error: StreamError | null = null;
  private reply: ReplyBuilder | null = null;
  private abortReply: (() => void) | null = null;
  /** Bumped per request and by stop(): late frames from an older request are ignored. */
  private turn = 0;
  /** Bumped when `id` changes: a load of the previous conversation that answers late is ignored. */
  private conversation = 0;
  private readonly clock: Clock;
  private readonly store: BatchedStore<ChatSnapshot>;
  // The last holder leaving stops the reply and closes long-lived transports (a WebSocket).
  private readonly demand = new ConnectionDemand(() => {
    this.stop();
    this.options.transport.dispose?.();
  });

  constructor(options: ChatStoreOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.messages = options.initialMessages ?? [];
    this.store = new BatchedStore(() => this.buildSnapshot(), options.frames ?? platformFrames(this.clock));
    this.restore();
    this.prepareProtocol();
  }

  readonly getSnapshot = (): ChatSnapshot => this.store.getSnapshot();
  readonly subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  /**
   * Replaces options (a new token function, another protocol); they apply from the next request.
   * Two are the conversation's identity and apply at once: a new `id` switches conversations (see
   * {@link ChatStoreOptions.id}), and a new `transport` replacing one with long-lived resources
   * (a WebSocket) stops the reply it carries and disposes it.
   */
  setOptions(options: Partial<ChatStoreOptions>): void {
    const previous = this.options;
    const replacing = options.transport !== undefined && options.transport !== previous.transport && previous.transport.dispose !== undefined;
    const switching = 'id' in options && options.id !== previous.id;
    // Stopped under the old options, so the partial reply is saved under the old id.
    if (replacing || switching) this.stop();
    if (replacing) previous.transport.dispose!();
    this.options = { ...previous, ...options };
    if (switching) this.openConversation();
    if ('protocol' in options) this.prepareProtocol();
    // Published now, not at the next frame: the old conversation or reply must not linger on screen.
    if (replacing || switching) this.store.flush();
  }

  /** Held while a component uses the store; the last release (deferred a microtask) stops a reply. */
  retain(): () => void {
    return this.demand.retain();
  }

  /** Sends a user message and streams the reply. A reply still streaming is stopped first. */
  readonly send = (text: string): void => {
    if (text.trim() === '') return;
    this.stop();
    const user: ChatMessage = {
      id: this.newId(),
      role: 'user',
      parts: [{ type: 'text', text }],
      createdAt: Date.now(),
    };
    this.messages = [...this.messages, user];
    this.persist();
    void this.request();
  };

  /** Stops the reply, keeping exactly the text received so far (the message becomes `stopped`). */
  readonly stop = (): void => {
    if (this.status !== 'submitted' && this.status !== 'streaming') return;
    this.turn++;
    this.abortReply?.();
    this.abortReply = null;
    if (this.reply) this.finishReply('stopped', null);
    else this.setStatus('ready', null);
    // The user pressed Stop: show it now, not at the end of an open frame window.
    this.store.flush();
  };

  /** Drops the last reply and asks again with the same history. */
  readonly regenerate = (): void => {
    this.stop();
    let end = this.messages.length;
    while (end > 0 && this.messages[end - 1]!.role !== 'user') end--;
    if (end === 0) return;
    this.messages = this.messages.slice(0, end);
    void this.request();
  };

  /** After an error: asks again for the failed reply (same as regenerate). */
  readonly retry = (): void => this.regenerate();

  /** Empties the conversation (and its saved copy). */
  readonly clear = (): void => {
    this.stop();
    this.messages = [];
    this.setStatus('ready', null);
    const { persistence, id } = this.options;
    if (id !== undefined && persistence !== false) void Promise.resolve((persistence ?? localStoragePersistence()).remove(id)).catch(() => {});
  };

  /** Replaces the conversation (e.g. loaded from your own backend). */
  readonly setMessages = (messages: readonly ChatMessage[]): void => {
    this.stop();
    this.messages = messages;
    this.store.invalidate();
    this.persist();
  };

  /**
   * Starts loading the protocol registry when the `protocol` option is a name or absent, so it is
   * usually there by the first request; an adapter object needs none of it.
   */
  private prepareProtocol(): void {
    if (typeof this.options.protocol !== 'object') protocolRegistry.preload();
  }

  private async request(): Promise<void> {
    const turn = ++this.turn;
    this.setStatus('submitted', null);
    const startedAt = this.clock.now();
    const conversationId = this.options.id;
    const context: ChatRequestContext = { conversationId, messages: this.messages, body: this.options.body };
    let request: ReplyRequest;
    try {
      request = this.options.prepareRequest ? await this.options.prepareRequest(context) : defaultRequest(context);
    } catch (cause) {
      if (turn === this.turn) this.fail(new StreamError('callback', 'The prepareRequest function threw.', { cause }));
      return;
    }
    if (turn !== this.turn) return;

    const { protocol } = this.options;
    let registry = protocolRegistry.value;
    if (typeof protocol !== 'object' && registry === null) {
      try {
        registry = await protocolRegistry.load();
      } catch (cause) {
        if (turn === this.turn) this.fail(new StreamError('network', 'The chat protocol decoders could not be loaded.', { cause }));
        return;
      }
      if (turn !== this.turn) return;
    }

    let decoder: ProtocolDecoder | null =
      typeof protocol === 'object' ? protocol.createDecoder() : protocol !== undefined ? registry!.getProtocol(protocol).createDecoder() : null;
    let providerError: StreamError | null = null;
    // The server's name for this reply (a `start` event's id), for transports that resume it.
    let replyId: string | undefined;
    const emit = (event: ChatStreamEvent) => {
      if (turn !== this.turn) return;
      const now = this.clock.now();
      this.reply ??= new ReplyBuilder(this.newId(), startedAt, Date.now());
      if (event.type === 'start' && event.messageId !== undefined) replyId ??= event.messageId;
      if (event.type === 'error' && providerError === null) {
        providerError = new StreamError('provider', `The model provider reported an error: ${event.message}`, {
          detail: event.message,
          cause: event.code,
        });
      }
      this.reply.apply(event, now);
      if (this.status === 'submitted') this.status = 'streaming';
      this.store.invalidate();
    };
    const choose = (frame: WireFrame | undefined, contentType: string | null, headers: Headers | null) => {
      const { detectProtocol, getProtocol } = registry!;
      const name =
        detectProtocol({
          ...(contentType !== null ? { contentType } : {}),
          ...(headers !== null ? { headers } : {}),
          ...(frame !== undefined ? { firstFrame: frame } : {}),
        }) ?? (frame !== undefined ? 'generic' : undefined);
      return name === undefined ? null : getProtocol(name).createDecoder();
    };
    let openInfo: { contentType: string | null; headers: Headers | null } = { contentType: null, headers: null };
    const reply: ReplyContext = {
      conversationId,
      get replyId() {
        return replyId;
      },
    };

    this.abortReply = this.options.transport.send(
      request,
      {
        onOpen: (info) => {
          if (turn !== this.turn) return;
          openInfo = info;
          decoder ??= choose(undefined, info.contentType, info.headers);
        },
        onFrame: (frame) => {
          if (turn !== this.turn) return;
          decoder ??= choose(frame, openInfo.contentType, openInfo.headers);
          decoder!.decode(frame, emit);
        },
        onEnd: () => {
          if (turn !== this.turn) return;
          this.abortReply = null;
          this.finishReply(providerError ? 'error' : 'done', providerError);
        },
        onError: (error) => {
          if (turn !== this.turn) return;
          this.abortReply = null;
          // The transport was stopped under us (disposed, or its own stop): a stop, not a failure.
          if (error.kind === 'aborted' && providerError === null) this.finishReply('stopped', null);
          else this.finishReply('error', providerError ?? error);
        },
      },
      (frame) => (decoder ? decoder.isTerminal(frame) : false),
      reply,
    );
  }

  private finishReply(status: 'done' | 'stopped' | 'error', error: StreamError | null): void {
    const reply = this.reply;
    this.reply = null;
    if (reply === null) {
      // Nothing arrived: the failure belongs to the chat, not to a message.
      if (error) this.fail(error);
      else this.setStatus('ready', null);
      return;
    }
    reply.end(status, this.clock.now());
    if (error) reply.message.error = error;
    const message = reply.snapshot();
    this.messages = [...this.messages, message];
    this.persist();
    if (error) this.fail(error);
    else this.setStatus('ready', null);
    this.options.onFinish?.(message);
  }

  private fail(error: StreamError): void {
    this.setStatus('error', error);
    this.store.flush();
    if (error.kind !== 'aborted') this.options.onError?.(error);
  }

  private setStatus(status: ChatStatus, error: StreamError | null): void {
    this.status = status;
    this.error = error;
    this.store.invalidate();
  }

  private buildSnapshot(): ChatSnapshot {
    return {
      messages: this.reply ? [...this.messages, this.reply.snapshot()] : this.messages,
      status: this.status,
      error: this.error,
    };
  }

  private newId(): string {
    return (this.options.generateId ?? defaultId)();
  }

  private persistence(): ChatPersistence | null {
    const { persistence, id } = this.options;
    if (id === undefined || persistence === false) return null;
    return persistence ?? localStoragePersistence();
  }

  private persist(): void {
    const persistence = this.persistence();
    if (persistence === null) return;
    // Taken now: by the time the save runs, `id` may name another conversation.
    const id = this.options.id!;
    const messages = this.messages;
    void Promise.resolve()
      .then(() => persistence.save(id, messages))
      .catch(() => {});
  }

  /** After an `id` change: the new conversation, as saved, or from `initialMessages`. */
  private openConversation(): void {
    this.conversation++;
    this.messages = this.options.initialMessages ?? [];
    this.setStatus('ready', null);
    this.restore();
  }

  private restore(): void {
    const persistence = this.persistence();
    if (persistence === null) return;
    const conversation = this.conversation;
    const initial = this.messages;
    const apply = (saved: ChatMessage[] | null) => {
      // A late answer for a conversation we left, or one the user already added to, is dropped.
      if (saved && saved.length > 0 && conversation === this.conversation && this.messages === initial) {
        this.messages = saved;
        this.store.invalidate();
      }
    };
    try {
      const loaded = persistence.load(this.options.id!);
      if (loaded instanceof Promise) void loaded.then(apply, () => {});
      else apply(loaded);
    } catch {
      // unreadable storage: start empty
    }
  }
}

/** The default request body: the whole history in a shape most chat servers accept. */
function defaultRequest({ conversationId, messages, body }: ChatRequestContext): ReplyRequest {
  let lastUser = '';
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.role === 'user') {
      lastUser = messageText(messages[i]!);
      break;
    }
  }
  return {
    body: {
      ...(conversationId !== undefined ? { id: conversationId } : {}),
      messages: messages.map((message) => ({
        id: message.id,
        role: message.role,
        content: messageText(message),
        parts: message.parts,
      })),
      message: lastUser,
      ...body,
    },
  };
}
