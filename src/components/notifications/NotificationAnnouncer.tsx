'use client';
import { memo, useRef } from 'react';
import type { Announcement } from '../../core/notifications/types.js';
import { LiveRegion } from '../StatusAnnouncer.js';
import type { NotificationLabels } from './labels.js';
import { announcementText } from './view.js';

export interface NotificationAnnouncerProps {
  /** The queue's latest polite announcement (`ToasterSnapshot.polite`). */
  polite: Announcement | null;
  /** The queue's latest assertive announcement (`ToasterSnapshot.assertive`). */
  assertive: Announcement | null;
  labels: NotificationLabels;
  locale: string | undefined;
}

/**
 * The toasts' two live regions, outside the visual stack and mounted before anything is said (a
 * region inserted with its content is often not announced). The queue already rate-limits and
 * coalesces; this only formats. The same text announced again (a new `seq`) toggles a trailing
 * no-break space, so the region's content changes and is read again.
 */
export const NotificationAnnouncer = memo(function NotificationAnnouncer({ polite, assertive, labels, locale }: NotificationAnnouncerProps) {
  return (
    <>
      <LiveRegion text={useRegionText(polite, labels, locale)} data-sk-toast-announcer="" />
      <LiveRegion text={useRegionText(assertive, labels, locale)} politeness="assertive" data-sk-toast-announcer="assertive" />
    </>
  );
});

function useRegionText(announcement: Announcement | null, labels: NotificationLabels, locale: string | undefined): string {
  const last = useRef<{ seq: number; text: string; shown: string }>({ seq: -1, text: '', shown: '' });
  if (announcement === null) return '';
  const previous = last.current;
  if (announcement.seq === previous.seq) return previous.shown;
  const text = announcementText(announcement, labels, locale);
  const shown = text === previous.text && !previous.shown.endsWith('\u00a0') ? `${text}\u00a0` : text;
  last.current = { seq: announcement.seq, text, shown };
  return shown;
}
