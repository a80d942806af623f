import { useMemo, useState } from 'react';
import type { SummaryKey } from '../features/devices/home-summary.ts';
import type { DeviceSummary } from '../features/devices/use-devices.ts';
import { useHomeSummary } from '../features/devices/use-devices.ts';
import { FlowButtons } from '../features/home/flow-buttons.tsx';
import type { Flow, HomeyUserMe, Weather } from '../features/home/home-schema.ts';
import type { OrderedZone } from '../features/home/zone-order.ts';
import { hasScope } from '../features/homey/homey-client.ts';
import { useHomeyConnection } from '../features/homey/homey-connection.tsx';
import type { View } from '../features/settings/settings-model.ts';
import { useI18n } from '../lib/i18n.tsx';
import { DeviceSections } from './device-sections.tsx';
import type { DeviceSectionsProps } from './device-sections.tsx';
import { HomeSummaryBar } from './home-summary-bar.tsx';

export interface HomeScreenProps {
  devices: readonly DeviceSummary[];
  broken: DeviceSectionsProps['broken'];
  zones: readonly OrderedZone[];
  /** `?view=`: the name in the address, and the view it names (undefined when none by that name). */
  viewName: string | null;
  view: View | undefined;
  /** The Homey user, for their favourite devices and flows. */
  me: HomeyUserMe | undefined;
  flows: readonly Flow[] | undefined;
  /** For the summary's outside temperature when no device measures it. */
  weather?: Weather | undefined;
  onOpen: (deviceId: string) => void;
}

/**
 * The home screen below the header: the home at a glance, the user's favourite flows, then every
 * device in sections. A figure of the summary, tapped, shows only its devices (live: as the figure
 * changes, so do they). A view narrows it to its own devices and zones, in its order, without the flows.
 */
export function HomeScreen({ devices, broken, zones, viewName, view, me, flows, weather, onOpen }: HomeScreenProps) {
  const connection = useHomeyConnection();
  const { t } = useI18n();
  const summary = useHomeSummary();
  const [picked, setPicked] = useState<SummaryKey | null>(null);
  const pickedIds = picked ? summary?.[picked]?.deviceIds : undefined;
  const onlyDevices = useMemo(() => (pickedIds ? new Set(pickedIds) : undefined), [pickedIds]);
  const favouriteFlowIds = new Set(me?.favoriteFlows ?? []);
  const favouriteFlows = (flows ?? []).filter((f) => favouriteFlowIds.has(f.id));
  return (
    <>
      {viewName && !view && <p role="status">{t('home.unknownView', { name: viewName })}</p>}
      <main>
        <HomeSummaryBar summary={summary} weather={weather} picked={picked} onPick={setPicked} />
        {!view && <FlowButtons client={connection.client} flows={favouriteFlows} canRun={connection.scopes ? hasScope(connection.scopes, 'homey.flow.start') : false} />}
        <DeviceSections
          devices={devices}
          broken={broken}
          zones={zones}
          favourites={view?.devices.length ? view.devices : (me?.favoriteDevices ?? [])}
          favouritesTitle={view?.devices.length ? (viewName ?? '') : t('home.favourites')}
          onlyZones={view ? view.zones : []}
          onlyChosen={Boolean(view && (view.devices.length > 0 || view.zones.length > 0))}
          onlyDevices={onlyDevices}
          onOpen={onOpen}
        />
      </main>
    </>
  );
}
