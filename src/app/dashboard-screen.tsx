import { useQuery } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { deviceQueries } from '../features/devices/device-queries.ts';
import { DeviceTile } from '../features/devices/device-tile.tsx';
import { DevicesEnvironmentProvider } from '../features/devices/devices-environment.tsx';
import type { DevicesEnvironment } from '../features/devices/devices-environment.tsx';
import { FreshnessProvider } from '../features/devices/freshness.tsx';
import { useDeviceSummaries } from '../features/devices/use-devices.ts';
import type { DeviceSummary } from '../features/devices/use-devices.ts';
import { ConnectionBanner } from '../features/home/connection-banner.tsx';
import { FlowButtons } from '../features/home/flow-buttons.tsx';
import { HomeHeader } from '../features/home/home-header.tsx';
import { homeQueries } from '../features/home/home-queries.ts';
import { orderZones } from '../features/home/zone-order.ts';
import type { OrderedZone } from '../features/home/zone-order.ts';
import { ConnectionProblem } from '../features/homey/connection-problem.tsx';
import { hasScope } from '../features/homey/homey-client.ts';
import { useHomeyConnection } from '../features/homey/homey-connection.tsx';
import { HomeyUnreachableError } from '../features/homey/route-discovery.ts';
import { describeRoute } from '../features/homey/route-provider.ts';
import { useSearchParam } from '../lib/use-search-param.ts';
import { DeviceScreen } from './device-screen.tsx';
import { useOnline } from './use-online.ts';

export interface DashboardScreenProps {
  config: RuntimeConfig;
  onSignOut: () => void;
}

const locale = typeof navigator === 'undefined' ? 'en' : navigator.language || 'en';

export function DashboardScreen({ config, onSignOut }: DashboardScreenProps) {
  const connection = useHomeyConnection();
  const environment = useMemo<DevicesEnvironment>(
    () => ({ client: connection.client, pollMs: config.pollIntervals.devicesMs, locale, canControl: connection.canControl }),
    [connection.client, connection.canControl, config.pollIntervals.devicesMs],
  );
  return (
    <DevicesEnvironmentProvider value={environment}>
      <FreshnessProvider>
        <Dashboard config={config} onSignOut={onSignOut} />
      </FreshnessProvider>
    </DevicesEnvironmentProvider>
  );
}

function Dashboard({ config, onSignOut }: DashboardScreenProps) {
  const connection = useHomeyConnection();
  const { client } = connection;
  const slowMs = config.pollIntervals.zonesMs;
  const devices = useDeviceSummaries();
  // Only the connection state of the device poll, for the banner (not its data: no re-render per poll).
  const health = useQuery({ ...deviceQueries.list(client, config.pollIntervals.devicesMs), select: () => null });
  const zones = useQuery(homeQueries.zones(client, slowMs));
  const me = useQuery(homeQueries.userMe(client, slowMs));
  const flows = useQuery(homeQueries.flows(client, slowMs));
  const weather = useQuery(homeQueries.weather(client, slowMs));
  const online = useOnline();
  const [deviceId, openDevice] = useSearchParam('device');
  // "Unreachable since" the last poll that worked: the moment our copy stopped being current.
  const failingSince = health.failureCount > 0 || health.isError ? health.dataUpdatedAt || null : null;
  const open = useCallback((id: string) => openDevice(id), [openDevice]);

  if (!devices.data) {
    if (health.failureCount > 0 || health.error) {
      const failure = health.error ?? health.failureReason;
      const reason = failure?.message ?? '';
      if (isSubscriptionInactive(failure)) {
        return (
          <ConnectionProblem
            title={`${connection.homey.name}: subscription inactive`}
            message="Athom's cloud relay refuses this Homey until its subscription is renewed (Homey app → Settings → Subscription). On the same network as the Homey, the dashboard connects directly and needs no relay; it keeps trying both."
            onRetry={() => void health.refetch()}
            secondary={connection.chooseAnotherHomey && { label: 'Choose another Homey', onClick: connection.chooseAnotherHomey }}
          />
        );
      }
      return (
        <ConnectionProblem
          title={`${connection.homey.name} is not reachable`}
          message={`${reason ? `${reason}. ` : ''}The dashboard keeps trying by itself and shows your devices as soon as the Homey answers.`}
          onRetry={() => void health.refetch()}
          secondary={connection.chooseAnotherHomey && { label: 'Choose another Homey', onClick: connection.chooseAnotherHomey }}
        />
      );
    }
    return (
      <main className="screen" aria-busy="true">
        <p>Loading devices…</p>
      </main>
    );
  }

  const zoneList = zones.data ? orderZones(zones.data.items) : [];
  const header = (
    <HomeHeader homeyName={connection.homey.name} locale={locale} weather={weather.data}>
      <span className="route" data-testid="route">
        {describeRoute(connection.route)}
      </span>
      {connection.scopes && !connection.canControl && <span className="badge">read-only</span>}
      {connection.chooseAnotherHomey && (
        <button type="button" onClick={connection.chooseAnotherHomey}>
          Change Homey
        </button>
      )}
      <button type="button" onClick={onSignOut}>
        Sign out
      </button>
    </HomeHeader>
  );
  const banner = (
    <ConnectionBanner
      homeyName={connection.homey.name}
      failingSince={failingSince}
      offline={!online}
      locale={locale}
      reason={health.failureReason?.message}
    />
  );

  if (deviceId) {
    return (
      <div className="dashboard">
        {header}
        {banner}
        <DeviceScreen deviceId={deviceId} zones={zoneList} onBack={() => window.history.back()} />
      </div>
    );
  }

  const favouriteFlowIds = new Set(me.data?.favoriteFlows ?? []);
  const favouriteFlows = (flows.data ?? []).filter((f) => favouriteFlowIds.has(f.id));
  return (
    <div className="dashboard">
      {header}
      {banner}
      <main>
        <FlowButtons client={client} flows={favouriteFlows} canRun={connection.scopes ? hasScope(connection.scopes, 'homey.flow.start') : false} />
        <DeviceSections
          devices={devices.data.devices}
          broken={devices.data.broken}
          zones={zoneList}
          favourites={me.data?.favoriteDevices ?? []}
          onOpen={open}
        />
      </main>
    </div>
  );
}

function isSubscriptionInactive(error: unknown): boolean {
  return error instanceof HomeyUnreachableError && error.attempts.some((attempt) => /subscription/i.test(attempt.reason));
}

interface DeviceSectionsProps {
  devices: readonly DeviceSummary[];
  broken: readonly { id?: string | undefined; name?: string | undefined; problem: string }[];
  zones: readonly OrderedZone[];
  favourites: readonly string[];
  onOpen: (deviceId: string) => void;
}

function DeviceSections({ devices, broken, zones, favourites, onOpen }: DeviceSectionsProps) {
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim().toLocaleLowerCase());
  const zonePath = useMemo(() => new Map(zones.map((z) => [z.zone.id, z])), [zones]);
  const matches = (device: DeviceSummary) => {
    if (!query) return true;
    const zone = device.zone ? zonePath.get(device.zone)?.path ?? '' : '';
    return device.name.toLocaleLowerCase().includes(query) || zone.toLocaleLowerCase().includes(query);
  };
  const visible = devices.filter(matches);
  const byZone = new Map<string, DeviceSummary[]>();
  for (const device of visible) {
    const key = device.zone && zonePath.has(device.zone) ? device.zone : '';
    byZone.set(key, [...(byZone.get(key) ?? []), device]);
  }
  const favouriteSet = new Set(favourites);
  const favouriteDevices = visible.filter((d) => favouriteSet.has(d.id));
  const zoneName = (device: DeviceSummary) => (device.zone ? zonePath.get(device.zone)?.zone.name : undefined);

  return (
    <>
      <div className="search">
        <label htmlFor="device-search">Search devices</label>
        <input id="device-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="Name or zone" />
      </div>
      {broken.length > 0 && (
        <section className="broken-devices" aria-label="Devices that could not be read">
          {broken.map((item, index) => (
            <p key={item.id ?? index} role="note" className="tile is-broken">
              {item.name ?? item.id ?? 'A device'} could not be read: {item.problem}
            </p>
          ))}
        </section>
      )}
      {favouriteDevices.length > 0 && (
        <section className="zone-section" aria-labelledby="favourites-heading">
          <h2 id="favourites-heading">Favourites</h2>
          <div className="tiles">
            {favouriteDevices.map((device) => (
              <DeviceTile key={device.id} deviceId={device.id} zoneName={zoneName(device)} onOpen={onOpen} />
            ))}
          </div>
        </section>
      )}
      {zones.map(({ zone, path, depth }) => {
        const inZone = byZone.get(zone.id);
        if (!inZone?.length) return null;
        return (
          <section key={zone.id} className={`zone-section depth-${Math.min(depth, 3)}`} aria-labelledby={`zone-${zone.id}`}>
            <h2 id={`zone-${zone.id}`} title={path}>
              {zone.name}
            </h2>
            <div className="tiles">
              {inZone.map((device) => (
                <DeviceTile key={device.id} deviceId={device.id} onOpen={onOpen} />
              ))}
            </div>
          </section>
        );
      })}
      {(byZone.get('')?.length ?? 0) > 0 && (
        <section className="zone-section" aria-labelledby="zone-other">
          <h2 id="zone-other">Other devices</h2>
          <div className="tiles">
            {byZone.get('')!.map((device) => (
              <DeviceTile key={device.id} deviceId={device.id} onOpen={onOpen} />
            ))}
          </div>
        </section>
      )}
      {visible.length === 0 && <p className="muted">{query ? 'No device matches the search.' : 'This Homey has no devices yet.'}</p>}
    </>
  );
}
