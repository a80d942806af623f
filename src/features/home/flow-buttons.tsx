import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useI18n } from '../../lib/i18n.tsx';
import type { Flow } from './home-schema.ts';
import type { HomeyApi } from '../homey/homey-client.ts';

export interface FlowButtonsProps {
  client: HomeyApi;
  flows: readonly Flow[];
  canRun: boolean;
}

/** The Homey user's favourite flows as buttons: basic and advanced, each showing running and done. */
export function FlowButtons({ client, flows, canRun }: FlowButtonsProps) {
  const { t } = useI18n();
  if (flows.length === 0) return null;
  return (
    <section className="flows" aria-label={t('home.favouriteFlows')}>
      {flows.map((flow) => (
        <FlowButton key={`${flow.kind}:${flow.id}`} client={client} flow={flow} canRun={canRun} />
      ))}
    </section>
  );
}

function FlowButton({ client, flow, canRun }: { client: HomeyApi; flow: Flow; canRun: boolean }) {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  const run = useMutation({
    mutationFn: () => client.post(`flow/${flow.kind}/${encodeURIComponent(flow.id)}/trigger`, {}),
    onSuccess: () => setDone(true),
  });
  useEffect(() => {
    if (!done) return undefined;
    const timer = window.setTimeout(() => setDone(false), 3000);
    return () => window.clearTimeout(timer);
  }, [done]);
  const state = run.isPending ? 'running' : done ? 'done' : run.isError ? 'failed' : 'idle';
  const usable = canRun && flow.enabled && flow.triggerable && !flow.broken;
  return (
    <button
      type="button"
      className={`flow-button flow-${state}`}
      disabled={!usable || run.isPending}
      onClick={() => run.mutate()}
      title={usable ? undefined : flow.broken ? t('flow.broken') : !flow.enabled ? t('flow.disabled') : undefined}
    >
      <span className="flow-name">{flow.name}</span>
      <span className="flow-state" aria-live="polite">
        {state === 'running' ? t('flow.running') : state === 'done' ? t('flow.done') : state === 'failed' ? t('flow.failed') : ''}
      </span>
    </button>
  );
}
