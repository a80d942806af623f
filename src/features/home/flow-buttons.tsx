import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Flow } from './home-schema.ts';
import type { HomeyHomeClient } from './home-queries.ts';

export interface FlowButtonsProps {
  client: HomeyHomeClient;
  flows: readonly Flow[];
  canRun: boolean;
}

/** The Homey user's favourite flows as buttons: basic and advanced, each showing running and done. */
export function FlowButtons({ client, flows, canRun }: FlowButtonsProps) {
  if (flows.length === 0) return null;
  return (
    <section className="flows" aria-label="Favourite flows">
      {flows.map((flow) => (
        <FlowButton key={`${flow.kind}:${flow.id}`} client={client} flow={flow} canRun={canRun} />
      ))}
    </section>
  );
}

function FlowButton({ client, flow, canRun }: { client: HomeyHomeClient; flow: Flow; canRun: boolean }) {
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
      aria-describedby={undefined}
      title={usable ? undefined : flow.broken ? 'This flow is broken in the Homey app' : !flow.enabled ? 'This flow is disabled' : undefined}
    >
      <span className="flow-name">{flow.name}</span>
      <span className="flow-state" aria-live="polite">
        {state === 'running' ? 'Running…' : state === 'done' ? 'Done ✓' : state === 'failed' ? 'Failed' : ''}
      </span>
    </button>
  );
}
