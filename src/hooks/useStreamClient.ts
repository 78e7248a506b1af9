import { useEffect, useMemo, useRef } from 'react';
import type { SharedClients } from '../core/demand.js';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect.js';

/** What a transport client offers its hook: a hold count and start/stop. */
export interface ManagedClient {
  retain(): () => void;
  readonly holders: number;
  start(): void;
  stop(): void;
}

/** How a hook drives its client. */
export interface StreamClientBinding<C extends ManagedClient> {
  /** `null` means not connected. */
  href: string | null;
  /** Components with the same key share one client through `registry`. */
  key: string | undefined;
  enabled: boolean;
  registry: SharedClients<C>;
  create(href: string): C;
  /** Pushes the latest options into the client (called after every render by its configurer). */
  configure(client: C): void;
  /** Attaches the hook's callbacks; returns their removal. Runs before the client can start. */
  listen(client: C): () => void;
}

/**
 * Which mounted component configures a shared client. Decided at commit, not in `useMemo`:
 * StrictMode calls the memo factory twice, so "I created it" would be false for everyone.
 */
const configurers = new WeakMap<object, object>();

/**
 * The lifecycle every transport hook shares: one client per stream identity (url + key), shared
 * through a registry when a key is given; kept configured from the latest options by one
 * component; held while mounted (the last holder to unmount stops it, after a microtask so
 * StrictMode's remount keeps the connection); started while `enabled`, stopped when it turns off.
 */
export function useStreamClient<C extends ManagedClient>(binding: StreamClientBinding<C>): C | null {
  const { href, key, enabled, registry } = binding;
  const latest = useRef(binding);
  const self = useRef<object>({});

  const client = useMemo(() => {
    if (href === null) return null;
    const create = () => latest.current.create(href);
    return key === undefined ? create() : registry.getOrCreate(key, create);
    // Only the identity of the stream picks the client; options are pushed below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [href, key]);

  useIsomorphicLayoutEffect(() => {
    latest.current = binding;
    if (client === null) return;
    if (!configurers.has(client)) configurers.set(client, self.current);
    if (configurers.get(client) === self.current) binding.configure(client);
  });

  useEffect(() => {
    if (client === null) return;
    const unlisten = latest.current.listen(client);
    const release = client.retain();
    return () => {
      unlisten();
      if (configurers.get(client) === self.current) configurers.delete(client);
      release();
      if (key !== undefined) {
        queueMicrotask(() => {
          if (client.holders === 0) registry.delete(key, client);
        });
      }
    };
  }, [client, key, registry]);

  const wasEnabled = useRef(false);
  useEffect(() => {
    if (client === null) return;
    if (enabled) client.start();
    else if (wasEnabled.current) client.stop();
    wasEnabled.current = enabled;
  }, [client, enabled]);

  return client;
}
