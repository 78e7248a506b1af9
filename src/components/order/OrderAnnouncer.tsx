'use client';
import { memo, useEffect, useRef, useState } from 'react';
import type { OrderState } from '../../core/order/types.js';
import { LiveRegion } from '../StatusAnnouncer.js';
import { DEFAULT_SIGNIFICANT_ETA_CHANGE_MS, orderAnnouncement } from './announce.js';
import { useOrderView } from './context.js';

export interface OrderAnnouncerProps {
  /** The order's state; `undefined` while nothing is known. */
  state: OrderState | undefined;
  /** An ETA change smaller than this (ms) is not announced. Default 5 min. */
  significantEtaChangeMs?: number;
}

/**
 * The tracker's announcements: one polite region (status changes and significant ETA changes,
 * see {@link orderAnnouncement}) and one assertive region, used only for a cancellation or a
 * failed delivery. Both stay mounted and visually hidden; position ticks never reach them.
 */
export const OrderAnnouncer = memo(function OrderAnnouncer({
  state,
  significantEtaChangeMs = DEFAULT_SIGNIFICANT_ETA_CHANGE_MS,
}: OrderAnnouncerProps) {
  const { labels, locale } = useOrderView();
  const [polite, setPolite] = useState('');
  const [assertive, setAssertive] = useState('');
  const previous = useRef<OrderState | undefined>(undefined);

  useEffect(() => {
    if (state === undefined) return;
    const announcement = orderAnnouncement(previous.current, state, labels, locale, significantEtaChangeMs);
    previous.current = state;
    if (announcement === null) return;
    if (announcement.politeness === 'assertive') setAssertive(announcement.text);
    else setPolite(announcement.text);
    // Only a new state is news; the labels and threshold apply to the next one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  return (
    <>
      <LiveRegion text={polite} data-sk-order-announcer="" />
      <LiveRegion text={assertive} politeness="assertive" data-sk-order-announcer="assertive" />
    </>
  );
});
