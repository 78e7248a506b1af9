/** The default notification mapper: seed 000's shape, English fields, defaults, stable ids, bad input. */
import { describe, expect, it } from 'vitest';
import { isStreamError } from '../../../src/core/errors.js';
import { contentDigest, defaultNotificationMapper, isSafeHref } from '../../../src/core/notifications/map-notification.js';

const context = { now: () => 42 };
const map = (raw: unknown) => defaultNotificationMapper(raw, context);
const sse = (data: string, type = 'message') => ({ type, data, lastEventId: '' });

describe('defaultNotificationMapper', () => {
  it("reads seed 000's { mensaje, timestamp } as a broadcast with defaults and a content-derived id", () => {
    const a = map(sse(JSON.stringify({ mensaje: '2x1 en tacos', timestamp: '10:15:32' })))!;
    expect(a).toMatchObject({ type: 'general', importance: 'normal', title: '', body: '2x1 en tacos', target: { kind: 'broadcast' }, createdAt: 42, read: false });
    // Same content, same id (a re-send after a reconnect); another time text, another id.
    expect(map(sse(JSON.stringify({ mensaje: '2x1 en tacos', timestamp: '10:15:32' })))!.id).toBe(a.id);
    expect(map(sse(JSON.stringify({ mensaje: '2x1 en tacos', timestamp: '10:15:33' })))!.id).not.toBe(a.id);
    // A re-send received later (createdAt = receipt time) is the same content, not an update.
    expect(contentDigest({ ...a, createdAt: 99 })).toBe(contentDigest(a));
    expect(contentDigest({ ...a, body: 'otro' })).not.toBe(contentDigest(a));
  });

  it('reads English and Spanish fields, the SSE event name as type, client targets and ISO times', () => {
    const n = map(
      sse(JSON.stringify({ id: 7, titulo: 'Pedido', mensaje: 'En camino', importancia: 'urgente', clienteId: 'c1', createdAt: '2026-01-02T03:04:05Z' }), 'order'),
    )!;
    expect(n).toMatchObject({ id: '7', type: 'order', importance: 'urgent', title: 'Pedido', target: { kind: 'client', id: 'c1' }, createdAt: Date.parse('2026-01-02T03:04:05Z') });
    expect(map({ body: 'x', target: 'all' })!.target).toEqual({ kind: 'broadcast' });
    expect(map('{"title":"t","importance":"whatever","type":""}')).toMatchObject({ importance: 'normal', type: 'general' });
  });

  it('refuses javascript: links and keeps safe ones and id actions', () => {
    const n = map({ body: 'b', actions: [{ label: 'Bad', href: 'javascript:alert(1)' }, { label: 'Bad2', href: ' JaVa\tscript:x' }, { label: 'Go', href: '/orders/1' }, { label: 'Undo', id: 'undo' }, { href: '/no-label' }] })!;
    expect(n.actions).toEqual([{ label: 'Go', href: '/orders/1' }, { label: 'Undo', id: 'undo' }]);
    expect(isSafeHref('https://x.test')).toBe(true);
    expect(isSafeHref('data:text/html,hi')).toBe(false);
  });

  it('ignores non-notifications and throws parse errors for malformed ones', () => {
    expect(map({ conectado: true })).toBeNull();
    for (const bad of [sse('{not json'), '[1,2]', 42, { title: { html: '<b>' } }, { body: 'x', id: { a: 1 } }]) {
      let thrown: unknown;
      try {
        map(bad);
      } catch (error) {
        thrown = error;
      }
      expect(isStreamError(thrown) && thrown.kind).toBe('parse');
    }
  });
});
