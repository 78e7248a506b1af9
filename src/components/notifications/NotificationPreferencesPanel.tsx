'use client';
import { useId } from 'react';
import type { NotificationDelivery, NotificationPreferences } from '../../core/notifications/types.js';
import { formatDuration, formatTime } from '../i18n.js';
import type { NotificationLabels } from './labels.js';

const HOUR = 3_600_000;
/** Mute periods offered by default: 1 hour, 8 hours, 1 day. */
export const DEFAULT_MUTE_PERIODS: readonly number[] = [HOUR, 8 * HOUR, 24 * HOUR];
const DELIVERIES: readonly NotificationDelivery[] = ['toast', 'silent', 'off'];

export interface NotificationPreferencesPanelProps {
  types: readonly string[];
  preferences: NotificationPreferences;
  labels: NotificationLabels;
  locale: string | undefined;
  className?: string | undefined;
  mutePeriods?: readonly number[] | undefined;
  /** Wall-clock time, epoch ms (mutes are stored as an end time). Default `Date.now`. */
  now?: (() => number) | undefined;
  onDeliveryChange?: ((type: string, delivery: NotificationDelivery) => void) | undefined;
  onMute?: ((type: string, untilMs: number | null) => void) | undefined;
}

/**
 * Per type: how it is delivered (toast, silently to the centre, off) and a mute for a period. An
 * active mute shows its end time; choosing "Not muted" lifts it. Read only by the centre's panel,
 * which renders in the browser after the bell is pressed, so the wall clock is read on change only.
 */
export function NotificationPreferencesPanel({
  types,
  preferences,
  labels,
  locale,
  className,
  mutePeriods = DEFAULT_MUTE_PERIODS,
  now = Date.now,
  onDeliveryChange,
  onMute,
}: NotificationPreferencesPanelProps) {
  const id = useId();
  return (
    <fieldset data-sk-notification-preferences="" className={className}>
      <legend>{labels.preferences}</legend>
      {types.map((type, index) => {
        const name = labels.typeName(type);
        const delivery = preferences.types[type] ?? preferences.defaultDelivery;
        const until = preferences.mutedUntil[type];
        const muted = until !== undefined && until > now();
        return (
          <div key={type} data-sk-notification-preference="" data-type={type} data-muted={muted ? 'true' : undefined}>
            <label htmlFor={`${id}-d${index}`}>{labels.delivery(name)}</label>
            <select
              id={`${id}-d${index}`}
              value={delivery}
              onChange={(event) => onDeliveryChange?.(type, event.target.value as NotificationDelivery)}
            >
              {DELIVERIES.map((choice) => (
                <option key={choice} value={choice}>
                  {labels.deliveries[choice]}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-m${index}`}>{labels.muteType(name)}</label>
            <select
              id={`${id}-m${index}`}
              value=""
              onChange={(event) => {
                const period = Number(event.target.value);
                onMute?.(type, period > 0 ? now() + period : null);
              }}
            >
              <option value="">{muted ? labels.mutedUntil(formatTime(locale, until)) : labels.notMuted}</option>
              {muted && <option value="0">{labels.notMuted}</option>}
              {mutePeriods.map((period) => (
                <option key={period} value={period}>
                  {labels.muteFor(formatDuration(locale, period))}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
