import type { ToolState } from '../core/chat/types.js';
import type { StreamError, StreamErrorKind } from '../core/errors.js';
import type { FinishReason } from '../core/protocols/types.js';

/** Every string StreamChat shows or announces. Override any of them with the `labels` prop. */
export interface ChatLabels {
  /** Accessible name of the transcript (`role="log"`). */
  conversation: string;
  /** Visually hidden author names, read before each message. */
  user: string;
  assistant: string;
  system: string;
  emptyTitle: string;
  emptyHint: string;
  /** Label of the message box (visually hidden). */
  composerLabel: string;
  placeholder: string;
  /** Visible hint under the message box. */
  composerHint: string;
  send: string;
  stop: string;
  regenerate: string;
  retry: string;
  jumpToLatest: string;
  /** Shown while the reply has been asked for but no token has arrived. */
  writing: string;
  /** Status region announcements: boundaries only, never tokens. */
  responding: string;
  responseComplete: string;
  responseStopped: string;
  /** Announced and shown when a reply fails, around the error's text from `errors`. */
  error: (message: string) => string;
  /** What each kind of failure says, in this language (see {@link ErrorLabelDetails}). */
  errors: Record<StreamErrorKind, (details: ErrorLabelDetails) => string>;
  /** Shown (and announced once) when a reply has been silent for `waitingAfterMs`. */
  waitingForServer: string;
  /** Note under a reply that was stopped. */
  stopped: string;
  reasoning: string;
  reasoningStreaming: string;
  tools: string;
  toolStates: Record<ToolState, string>;
  /** A tool call the finished reply asked your app to run (no result in the stream). */
  toolRequested: string;
  toolInput: string;
  toolOutput: string;
  sources: string;
  usage: string;
  inputTokens: string;
  outputTokens: string;
  totalTokens: string;
  stopReason: string;
  finishReasons: Record<FinishReason, string>;
  duration: string;
  stats: string;
  statsUserMessages: string;
  statsReplies: string;
  statsCharacters: string;
  statsAverageLength: string;
  statsSessionTime: string;
}

/** What an error label is told about the failure, already formatted for the locale. */
export interface ErrorLabelDetails {
  /** The HTTP status, for `http` and `auth` errors that came from a response. */
  status: number | undefined;
  /** How long the server asked us to wait (`Retry-After`), e.g. "30 sec", or `undefined`. */
  retryAfter: string | undefined;
  /** The timeout that ran out, for the `*-timeout` kinds (e.g. "1 min"), or `undefined`. */
  timeout: string | undefined;
  /**
   * The server's own words, for `provider` errors (the error text the model provider put in the
   * stream); `undefined` otherwise. It is not translated.
   */
  providerMessage: string | undefined;
  /** The error itself, for anything else you want to show. */
  error: StreamError;
}

/** A partial override of {@link ChatLabels}; nested dictionaries may be partial too. */
export type ChatLabelsOverride = Partial<Omit<ChatLabels, 'toolStates' | 'finishReasons' | 'errors'>> & {
  toolStates?: Partial<Record<ToolState, string>>;
  finishReasons?: Partial<Record<FinishReason, string>>;
  errors?: Partial<ChatLabels['errors']>;
};

const withStatus = (status: number | undefined) => (status === undefined ? '' : ` (HTTP ${status})`);

export const en: ChatLabels = {
  conversation: 'Conversation',
  user: 'You',
  assistant: 'Assistant',
  system: 'System',
  emptyTitle: 'No messages yet',
  emptyHint: 'Ask something to start the conversation.',
  composerLabel: 'Message',
  placeholder: 'Write a message…',
  composerHint: 'Enter to send, Shift+Enter for a new line',
  send: 'Send',
  stop: 'Stop',
  regenerate: 'Regenerate',
  retry: 'Retry',
  jumpToLatest: 'Jump to latest',
  writing: 'Writing…',
  responding: 'Responding…',
  responseComplete: 'Response complete',
  responseStopped: 'Response stopped',
  error: (message) => `Error: ${message}`,
  errors: {
    http: ({ status, retryAfter }) =>
      `The server could not answer${withStatus(status)}.` + (retryAfter === undefined ? '' : ` Try again in ${retryAfter}.`),
    auth: ({ status }) => `You are not signed in, or not allowed to do this${withStatus(status)}.`,
    callback: () => 'The request could not be prepared: a function of this app failed.',
    'too-large': () => 'The server sent a message too large to read.',
    'content-type': () => 'The server did not answer with a stream.',
    parse: () => 'A message from the server could not be read.',
    network: () => 'The connection failed or was interrupted.',
    'first-byte-timeout': ({ timeout }) => (timeout === undefined ? 'The server did not answer in time.' : `The server did not answer within ${timeout}.`),
    'idle-timeout': ({ timeout }) => (timeout === undefined ? 'The server stopped sending.' : `The server sent nothing for ${timeout}.`),
    truncated: () => 'The reply was cut off before its end.',
    aborted: () => 'The reply was stopped.',
    provider: ({ providerMessage }) => `The model provider reported an error: ${providerMessage ?? ''}`,
    'request-timeout': ({ timeout }) => (timeout === undefined ? 'The server did not reply in time.' : `The server did not reply within ${timeout}.`),
  },
  waitingForServer: 'Waiting for the server…',
  stopped: 'Stopped',
  reasoning: 'Reasoning',
  reasoningStreaming: 'Thinking…',
  tools: 'Steps',
  toolStates: {
    'input-streaming': 'Preparing',
    'input-available': 'Running',
    'output-available': 'Done',
    'output-error': 'Failed',
  },
  toolRequested: 'Requested',
  toolInput: 'Input',
  toolOutput: 'Output',
  sources: 'Sources',
  usage: 'Usage',
  inputTokens: 'Input tokens',
  outputTokens: 'Output tokens',
  totalTokens: 'Total tokens',
  stopReason: 'Stop reason',
  finishReasons: {
    stop: 'Finished',
    length: 'Length limit reached',
    'tool-calls': 'Tool calls',
    'content-filter': 'Content filter',
    error: 'Error',
    aborted: 'Aborted',
    other: 'Other',
  },
  duration: 'Duration',
  stats: 'Conversation stats',
  statsUserMessages: 'Your messages',
  statsReplies: 'Replies',
  statsCharacters: 'Characters',
  statsAverageLength: 'Average reply length',
  statsSessionTime: 'Session time',
};

export const es: ChatLabels = {
  conversation: 'Conversación',
  user: 'Tú',
  assistant: 'Asistente',
  system: 'Sistema',
  emptyTitle: 'Aún no hay mensajes',
  emptyHint: 'Pregunta algo para empezar la conversación.',
  composerLabel: 'Mensaje',
  placeholder: 'Escribe un mensaje…',
  composerHint: 'Intro para enviar, Mayús+Intro para una nueva línea',
  send: 'Enviar',
  stop: 'Detener',
  regenerate: 'Regenerar',
  retry: 'Reintentar',
  jumpToLatest: 'Ir al final',
  writing: 'Escribiendo…',
  responding: 'Respondiendo…',
  responseComplete: 'Respuesta completa',
  responseStopped: 'Respuesta detenida',
  error: (message) => `Error: ${message}`,
  errors: {
    http: ({ status, retryAfter }) =>
      `El servidor no pudo responder${withStatus(status)}.` + (retryAfter === undefined ? '' : ` Vuelve a intentarlo en ${retryAfter}.`),
    auth: ({ status }) => `No has iniciado sesión o no tienes permiso para hacer esto${withStatus(status)}.`,
    callback: () => 'No se pudo preparar la solicitud: falló una función de esta aplicación.',
    'too-large': () => 'El servidor envió un mensaje demasiado grande para leerlo.',
    'content-type': () => 'El servidor no respondió con un flujo de datos.',
    parse: () => 'No se pudo leer un mensaje del servidor.',
    network: () => 'La conexión falló o se interrumpió.',
    'first-byte-timeout': ({ timeout }) => (timeout === undefined ? 'El servidor no respondió a tiempo.' : `El servidor no respondió en ${timeout}.`),
    'idle-timeout': ({ timeout }) => (timeout === undefined ? 'El servidor dejó de enviar datos.' : `El servidor no envió nada durante ${timeout}.`),
    truncated: () => 'La respuesta se cortó antes de terminar.',
    aborted: () => 'La respuesta se detuvo.',
    provider: ({ providerMessage }) => `El proveedor del modelo informó de un error: ${providerMessage ?? ''}`,
    'request-timeout': ({ timeout }) => (timeout === undefined ? 'El servidor no contestó a tiempo.' : `El servidor no contestó en ${timeout}.`),
  },
  waitingForServer: 'Esperando al servidor…',
  stopped: 'Detenida',
  reasoning: 'Razonamiento',
  reasoningStreaming: 'Pensando…',
  tools: 'Pasos',
  toolStates: {
    'input-streaming': 'Preparando',
    'input-available': 'En curso',
    'output-available': 'Hecho',
    'output-error': 'Falló',
  },
  toolRequested: 'Solicitada',
  toolInput: 'Entrada',
  toolOutput: 'Resultado',
  sources: 'Fuentes',
  usage: 'Uso',
  inputTokens: 'Tokens de entrada',
  outputTokens: 'Tokens de salida',
  totalTokens: 'Tokens totales',
  stopReason: 'Motivo de fin',
  finishReasons: {
    stop: 'Terminada',
    length: 'Límite de longitud',
    'tool-calls': 'Llamadas a herramientas',
    'content-filter': 'Filtro de contenido',
    error: 'Error',
    aborted: 'Interrumpida',
    other: 'Otro',
  },
  duration: 'Duración',
  stats: 'Estadísticas de la conversación',
  statsUserMessages: 'Tus mensajes',
  statsReplies: 'Respuestas',
  statsCharacters: 'Caracteres',
  statsAverageLength: 'Longitud media de respuesta',
  statsSessionTime: 'Duración de la sesión',
};

/** The shipped dictionaries, by language. */
export const chatDictionaries: Readonly<Record<string, ChatLabels>> & { en: ChatLabels } = { en, es };

/**
 * The dictionary for `locale` from `dictionaries` (keyed by language, `en` required): `'es'`,
 * `'es-MX'` … fall back by language, then to English. Every component family picks its labels
 * this way.
 */
export function dictionaryFor<L>(dictionaries: Readonly<Record<string, L>> & { en: L }, locale: string | undefined): L {
  const language = (locale ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  return dictionaries[language] ?? dictionaries.en;
}

/**
 * The labels for `locale` (`'es'`, `'es-MX'` … fall back by language, then to English) with
 * `overrides` applied on top.
 */
export function resolveLabels(locale: string | undefined, overrides?: ChatLabelsOverride): ChatLabels {
  const base = dictionaryFor(chatDictionaries, locale);
  if (!overrides) return base;
  return {
    ...base,
    ...overrides,
    toolStates: { ...base.toolStates, ...overrides.toolStates },
    finishReasons: { ...base.finishReasons, ...overrides.finishReasons },
    errors: { ...base.errors, ...overrides.errors },
  } as ChatLabels;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** A cached `Intl.NumberFormat` (formatting per render must not build formatters). */
export function numberFormat(locale: string | undefined, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options ?? {})}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** A message's time of day, in `locale`. */
export function formatTime(locale: string | undefined, epochMs: number): string {
  const key = locale ?? '';
  let format = timeFormats.get(key);
  if (!format) timeFormats.set(key, (format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' })));
  return format.format(epochMs);
}

/**
 * How long ago (or until) `epochMs` is from `nowMs`, e.g. "3 min ago" / "hace 3 min", in the
 * largest whole unit (seconds under a minute, minutes under an hour, then hours, then days).
 */
export function formatRelativeTime(locale: string | undefined, epochMs: number, nowMs: number): string {
  const key = locale ?? '';
  let format = relativeFormats.get(key);
  if (!format) relativeFormats.set(key, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' })));
  const seconds = Math.round((epochMs - nowMs) / 1000);
  const size = Math.abs(seconds);
  if (size < 60) return format.format(seconds, 'second');
  if (size < 3600) return format.format(Math.trunc(seconds / 60), 'minute');
  if (size < 86_400) return format.format(Math.trunc(seconds / 3600), 'hour');
  return format.format(Math.trunc(seconds / 86_400), 'day');
}

interface DurationFormatLike {
  format(duration: Record<string, number>): string;
}

/**
 * A duration such as "2 min, 5 sec", through `Intl.DurationFormat` where the runtime has it,
 * else through unit number formats.
 */
export function formatDuration(locale: string | undefined, ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const DurationFormat = (Intl as unknown as { DurationFormat?: new (locale?: string, options?: object) => DurationFormatLike })
    .DurationFormat;
  const parts: Record<string, number> = {};
  if (hours > 0) parts['hours'] = hours;
  if (minutes > 0) parts['minutes'] = minutes;
  if (seconds > 0 || (hours === 0 && minutes === 0)) parts['seconds'] = seconds;
  if (DurationFormat) {
    // Zero units are hidden by default, which would print nothing for "0 sec".
    return new DurationFormat(locale, { style: 'short', ...(total === 0 ? { secondsDisplay: 'always' } : {}) }).format(parts);
  }
  const unit = (value: number, name: string) =>
    numberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  const out: string[] = [];
  if (parts['hours'] !== undefined) out.push(unit(hours, 'hour'));
  if (parts['minutes'] !== undefined) out.push(unit(minutes, 'minute'));
  if (parts['seconds'] !== undefined) out.push(unit(seconds, 'second'));
  return out.join(' ');
}

/** The details an error label formats, from `error`, in `locale`. */
export function errorLabelDetails(error: StreamError, locale: string | undefined): ErrorLabelDetails {
  return {
    status: error.status,
    retryAfter: error.retryAfterMs === undefined ? undefined : formatDuration(locale, error.retryAfterMs),
    timeout: error.timeoutMs === undefined ? undefined : formatDuration(locale, error.timeoutMs),
    providerMessage: error.kind === 'provider' ? (error.detail ?? error.message) : undefined,
    error,
  };
}

/**
 * The localised text of a failure: `labels.errors[error.kind]` given the error's details. An
 * error of a kind the labels do not know (a newer package) falls back to its English message.
 */
export function errorText(error: StreamError, labels: Pick<ChatLabels, 'errors'>, locale: string | undefined): string {
  const label = labels.errors[error.kind] as ChatLabels['errors'][StreamErrorKind] | undefined;
  return label === undefined ? error.message : label(errorLabelDetails(error, locale));
}
