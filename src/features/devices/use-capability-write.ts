import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { capabilityPath, deviceQueries } from './device-queries.ts';
import type { CapabilityValue } from './device-schema.ts';
import type { Translate } from '../../lib/i18n.tsx';
import { useHomeyEnvironment } from '../homey/homey-environment.tsx';

// A control writes with PUT …/capability/:id and shows the new value at once. Until the write has
// settled *and* a poll that started after it has landed, the tile shows the written value, so an
// older poll result never flips a switch back under a finger. On failure the written value simply
// goes away (the cache was never touched) and a short message says why.

export interface CapabilityWrite {
  /** The value to show instead of the polled one while a write is under way. */
  pending: { value: CapabilityValue } | undefined;
  write: (value: CapabilityValue) => void;
  /** A short message after a failed write; clears itself. */
  failure: string | undefined;
}

export function useCapabilityWrite(deviceId: string, capabilityId: string, label: string, t: Translate): CapabilityWrite {
  const { client } = useHomeyEnvironment();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<{ value: CapabilityValue } | undefined>();
  const [failure, setFailure] = useState<string | undefined>();

  const mutation = useMutation({
    mutationFn: async (value: CapabilityValue) => {
      await client.put(capabilityPath(deviceId, capabilityId), { value });
      // Cancels a poll already in flight (it may predate the write) and waits for a fresh one.
      await queryClient.invalidateQueries({ queryKey: deviceQueries.all(client.homey.id) });
    },
    onMutate: (value) => {
      setFailure(undefined);
      setPending({ value });
    },
    onSettled: () => setPending(undefined),
    onError: (error) => setFailure(t('tile.notChanged', { what: label, reason: error instanceof Error ? error.message : '' }).trim()),
  });

  useEffect(() => {
    if (!failure) return undefined;
    const timer = window.setTimeout(() => setFailure(undefined), 6000);
    return () => window.clearTimeout(timer);
  }, [failure]);

  return { pending, write: mutation.mutate, failure };
}
