/**
 * NotificationCenter and Toaster over one stream (a fake feed transport): the bell's name follows
 * the store's unread count, a live notification toasts and lands in the centre, marking read from
 * the panel reaches the store, preferences reach the store, under StrictMode.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, test } from 'vitest';
import { NotificationCenter } from '../../../src/components/notifications/NotificationCenter.js';
import { Toaster } from '../../../src/components/notifications/Toaster.js';
import { createNotificationFeed } from '../../../src/core/notifications/notification-feed.js';
import { memoryPreferenceStorage } from '../../../src/core/notifications/preferences.js';
import { createToastQueue } from '../../../src/core/notifications/toast-queue.js';
import { FakeFeedTransport, settle } from '../feed/support.js';
import { FakeClock, FakeEnvironment, ManualFrames } from '../support/fakes.js';

describe('NotificationCenter and Toaster on one stream', () => {
  test('a targeted order update toasts, counts in the bell, and is marked read from the panel', async () => {
    const transport = new FakeFeedTransport();
    const clock = new FakeClock();
    const frames = new ManualFrames();
    const feed = createNotificationFeed({ transport, clock, frames, clientId: 'c1' });
    const toasts = createToastQueue({ clock, frames, environment: new FakeEnvironment(), announceIntervalMs: 0 });
    const storage = memoryPreferenceStorage();
    render(
      <StrictMode>
        <NotificationCenter feed={feed} toasts={toasts} storage={storage} clock={clock} frames={frames} locale="es" data-testid="centre" />
        <Toaster queue={toasts} locale="es" />
      </StrictMode>,
    );
    await act(settle);
    expect(screen.getByTestId('centre')).toHaveAttribute('data-sk-notification-center');
    expect(screen.getByRole('button', { name: 'Notificaciones, ninguna sin leer' })).toBeInTheDocument();
    act(() => {
      transport.open();
      transport.emit({ type: 'message', data: JSON.stringify({ id: 'a', mensaje: 'Tu pedido va en camino', clienteId: 'c1' }), lastEventId: '' });
      transport.emit({ type: 'message', data: JSON.stringify({ id: 'x', mensaje: 'Para otro cliente', clienteId: 'c2' }), lastEventId: '' });
      frames.step();
    });
    act(() => frames.step());
    expect(document.querySelectorAll('[data-sk-toast]')).toHaveLength(1);
    expect(document.querySelector('[data-sk-toast-title]')!.textContent).toBe('Tu pedido va en camino');
    expect(document.querySelector('[data-sk-toast-announcer=""]')!.textContent).toBe('Tu pedido va en camino');
    const bell = screen.getByRole('button', { name: 'Notificaciones, 1 sin leer' });
    fireEvent.click(bell);
    expect(document.querySelectorAll('[data-sk-notification]')).toHaveLength(1);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Marcar como leída: Tu pedido va en camino' }));
      await settle();
      frames.step();
    });
    expect(screen.getByRole('button', { name: 'Notificaciones, ninguna sin leer' })).toBeInTheDocument();
    expect(document.querySelector('[data-sk-notification]')).toHaveAttribute('data-read', 'true');

    fireEvent.click(screen.getByRole('button', { name: 'Preferencias' }));
    const type = document.querySelector('[data-sk-notification]')!.getAttribute('data-type')!;
    await act(async () => {
      fireEvent.change(screen.getByLabelText(`${type}: cómo avisar`), { target: { value: 'silent' } });
      frames.step();
    });
    expect(screen.getByLabelText(`${type}: cómo avisar`)).toHaveValue('silent');
  });
});
