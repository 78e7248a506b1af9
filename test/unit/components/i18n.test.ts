import { describe, expect, test } from 'vitest';
import { chatDictionaries, formatDuration, resolveLabels } from '../../../src/components/i18n.js';
import { themeAttributes, tokenVariable } from '../../../src/components/theme.js';
import { announcementFor } from '../../../src/components/StatusAnnouncer.js';
import { conversationStats } from '../../../src/components/ConversationStats.js';
import type { ChatMessage } from '../../../src/core/chat/types.js';

describe('labels', () => {
  test('English by default; Spanish by language, regional tags fall back to their language', () => {
    expect(resolveLabels(undefined).send).toBe('Send');
    expect(resolveLabels('es').send).toBe('Enviar');
    expect(resolveLabels('es-MX').responding).toBe('Respondiendo…');
    expect(resolveLabels('fr-FR').send).toBe('Send');
  });

  test('overrides are partial, nested dictionaries merge key by key', () => {
    const labels = resolveLabels('es', { send: 'Mandar', toolStates: { 'output-available': 'Listo' } });
    expect(labels.send).toBe('Mandar');
    expect(labels.stop).toBe('Detener');
    expect(labels.toolStates['output-available']).toBe('Listo');
    expect(labels.toolStates['input-available']).toBe('En curso');
  });

  test('both dictionaries define every key', () => {
    const keys = Object.keys(chatDictionaries['en']!).sort();
    expect(Object.keys(chatDictionaries['es']!).sort()).toEqual(keys);
  });

  test('durations go through Intl in the given locale', () => {
    expect(formatDuration('en', 125_000)).toMatch(/2\s*min.*5\s*s/);
    expect(formatDuration('es', 125_000)).toMatch(/2\s*min.*5\s*s/);
    expect(formatDuration('en', 0)).toMatch(/0\s*s/);
  });
});

describe('theme', () => {
  test('tokens become --sk-* variables, the base scheme becomes data-sk-theme', () => {
    expect(tokenVariable('cursorColor')).toBe('--sk-cursor-color');
    expect(themeAttributes({ base: 'dark', accent: '#f60', userBg: 'pink' })).toEqual({
      scheme: 'dark',
      style: { '--sk-accent': '#f60', '--sk-user-bg': 'pink' },
    });
    expect(themeAttributes('system')).toEqual({ scheme: 'system', style: undefined });
  });
});

describe('announcements', () => {
  const labels = resolveLabels('en');
  test('boundaries only: responding once per reply, then complete, stopped or the error', () => {
    expect(announcementFor('ready', 'submitted', undefined, undefined, labels)).toBe('Responding…');
    expect(announcementFor('submitted', 'streaming', 'streaming', undefined, labels)).toBeNull();
    expect(announcementFor('streaming', 'ready', 'done', undefined, labels)).toBe('Response complete');
    expect(announcementFor('streaming', 'ready', 'stopped', undefined, labels)).toBe('Response stopped');
    expect(announcementFor('streaming', 'error', 'error', 'Overloaded', labels)).toBe('Error: Overloaded');
    expect(announcementFor('ready', 'ready', 'done', undefined, labels)).toBeNull();
  });
});

describe('conversation stats', () => {
  test('counts user messages, replies, characters, average reply length and session time', () => {
    const message = (role: ChatMessage['role'], text: string, createdAt: number, durationMs?: number): ChatMessage => ({
      id: `${role}${createdAt}`,
      role,
      parts: [{ type: 'text', text }],
      createdAt,
      ...(durationMs !== undefined ? { metrics: { durationMs, timeToFirstTokenMs: 1, tokensPerSecond: null, deltas: 1 } } : {}),
    });
    expect(
      conversationStats([message('user', 'hola', 1_000), message('assistant', 'hola, ¿qué tal?', 2_000, 3_000), message('user', 'bien', 10_000), message('assistant', 'ok', 11_000, 1_000)]),
    ).toEqual({ userMessages: 2, replies: 2, characters: 4 + 15 + 4 + 2, averageReplyLength: Math.round(17 / 2), sessionMs: 11_000 });
  });
});
