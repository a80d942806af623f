import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy, startTransition, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { deviceQueries } from '../features/devices/device-queries.ts';
import { DeviceTile } from '../features/devices/device-tile.tsx';
import { HomeyEnvironmentProvider } from '../features/homey/homey-environment.tsx';
import type { HomeyEnvironment } from '../features/homey/homey-environment.tsx';
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
import { isLocalKind } from '../features/homey/route-discovery.ts';
import { LongPress, toggleFullscreen, useKiosk } from '../features/kiosk/kiosk-shell.tsx';
import type { View } from '../features/settings/settings-model.ts';
import { useSettings } from '../features/settings/settings-store.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useSearchParam } from '../lib/use-search-param.ts';
import { Instrumentation } from '../lib/instrumentation.ts';
import { useTheme } from './appearance.tsx';
import { DeviceScreen } from './device-screen.tsx';
import { renderTemperatureSparkline } from './temperature-sparkline-extra.tsx';
import { useOnline } from './use-online.ts';

// The settings screen is opened once when a wall is put up: it is not part of the first visit.
const SettingsScreen = lazy(() => import('../features/settings/settings-screen.tsx').then((m) => ({ default: m.SettingsScreen })));

export interface DashboardScreenProps {
  config: RuntimeConfig;
  onSignOut: () => void;
  /** Locked walls hide settings and sign-out; a long press on the clock opens the settings. */
  locked: boolean;
}

export function DashboardScreen(props: DashboardScreenProps) {
  const connection = useHomeyConnection();
  const { locale } = useI18n();
  const [settings] = useSettings();
  // E-ink panels flash on every redraw: unless the screen's own setting says otherwise, read devices
  // at most every 30 s there.
  const eink = useTheme() === 'eink';
  const pollMs = settings.devicesPollMs ?? (eink ? Math.max(30_000, props.config.pollIntervals.devicesMs) : props.config.pollIntervals.devicesMs);
  const environment = useMemo<HomeyEnvironment>(
    () => ({ client: connection.client, pollMs, locale, canControl: connection.canControl, insightsMinMs: props.config.pollIntervals.insightsMinMs }),
    [connection.client, connection.canControl, pollMs, locale, props.config.pollIntervals.insightsMinMs],
  );
  return (
    <HomeyEnvironmentProvider value={environment}>
      {import.meta.env.MODE === 'bench' && <Instrumentation />}
      <FreshnessProvider>
        <Dashboard {...props} pollMs={pollMs} />
      </FreshnessProvider>
    </HomeyEnvironmentProvider>
  );
}

function Dashboard({ config, onSignOut, locked, pollMs }: DashboardScreenProps & { pollMs: number }) {
  const connection = useHomeyConnection();
  const { t } = useI18n();
  const { client } = connection;
  const [settings] = useSettings();
  const kiosk = useKiosk();
  const slowMs = config.pollIntervals.zonesMs;
  const devices = useDeviceSummaries();
  // Only the connection state of the device poll, for the banner (not its data: no re-render per poll).
  const health = useQuery({ ...deviceQueries.list(client, pollMs), select: () => null });
  const zonesQuery = useQuery(homeQueries.zones(client, slowMs));
  const me = useQuery(homeQueries.userMe(client, slowMs));
  const flows = useQuery(homeQueries.flows(client, slowMs));
  const weather = useQuery(homeQueries.weather(client, slowMs));
  const online = useOnline();
  const [deviceId, openDevice] = useSearchParam('device');
  const [settingsOpen, openSettings] = useSearchParam('settings');
  const [viewName] = useSearchParam('view');
  const view: View | undefined = viewName ? settings.views[viewName] : undefined;
  // "Unreachable since" the last poll that worked: the moment our copy stopped being current.
  const failingSince = health.failureCount > 0 || health.isError ? health.dataUpdatedAt || null : null;
  const open = useCallback((id: string) => openDevice(id), [openDevice]);

  if (!devices.data) {
    if (health.failureCount > 0 || health.error) {
      const failure = health.error ?? health.failureReason;
      const secondary = connection.chooseAnotherHomey && { label: t('connection.chooseAnother'), onClick: connection.chooseAnotherHomey };
      if (isSubscriptionInactive(failure)) {
        return (
          <ConnectionProblem
            title={t('connection.subscription', { name: connection.homey.name })}
            message={t('connection.subscriptionMessage')}
            onRetry={() => void health.refetch()}
            retryLabel={t('connection.tryAgain')}
            secondary={secondary}
          />
        );
      }
      const reason = failure?.message ?? '';
      return (
        <ConnectionProblem
          title={t('connection.homeyUnreachable', { name: connection.homey.name })}
          message={`${reason ? `${reason}. ` : ''}${t('connection.homeyUnreachableMessage')}`}
          onRetry={() => void health.refetch()}
          retryLabel={t('connection.tryAgain')}
          secondary={secondary}
        />
      );
    }
    return (
      <main className="screen" aria-busy="true">
        <p>{t('home.loadingDevices')}</p>
      </main>
    );
  }

  const zoneList = zonesQuery.data ? orderZones(zonesQuery.data.items) : [];

  if (settingsOpen) {
    return (
      <Suspense fallback={<p aria-busy="true">{t('app.loading')}</p>}>
        <SettingsScreen
          zones={zoneList.map((z) => ({ id: z.zone.id, name: z.zone.name, detail: z.path }))}
          devices={devices.data.devices.map((d) => ({ id: d.id, name: d.name, detail: zoneList.find((z) => z.zone.id === d.zone)?.zone.name }))}
          onClose={() => openSettings(null)}
          onChangeHomey={connection.chooseAnotherHomey}
          onDimNow={kiosk.dimNow}
          onFullscreen={() => toggleFullscreen()}
        />
      </Suspense>
    );
  }

  const route = connection.route;
  const header = (
    <HomeHeader
      homeyName={connection.homey.name}
      weather={weather.data}
      clockWrapper={locked ? (clock) => <LongPress label={t('kiosk.holdToUnlock')} onLongPress={() => openSettings('1')}>{clock}</LongPress> : undefined}
    >
      <span className="route" data-testid="route">
        {route ? t(isLocalKind(route.kind) ? 'route.local' : 'route.cloud') : t('route.connecting')}
      </span>
      {connection.scopes && !connection.canControl && <span className="badge">{t('header.readOnly')}</span>}
      {!locked && connection.chooseAnotherHomey && (
        <button type="button" onClick={connection.chooseAnotherHomey}>
          {t('header.changeHomey')}
        </button>
      )}
      {!locked && (
        <button type="button" onClick={() => openSettings('1')}>
          {t('header.settings')}
        </button>
      )}
      {!locked && (
        <button type="button" onClick={onSignOut}>
          {t('header.signOut')}
        </button>
      )}
    </HomeHeader>
  );
  const banner = <ConnectionBanner homeyName={connection.homey.name} failingSince={failingSince} offline={!online} reason={health.failureReason?.message} />;

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
      {viewName && !view && <p role="status">{t('home.unknownView', { name: viewName })}</p>}
      <main>
        {!view && <FlowButtons client={client} flows={favouriteFlows} canRun={connection.scopes ? hasScope(connection.scopes, 'homey.flow.start') : false} />}
        <DeviceSections
          devices={devices.data.devices}
          broken={devices.data.broken}
          zones={zoneList}
          favourites={view?.devices.length ? view.devices : (me.data?.favoriteDevices ?? [])}
          favouritesTitle={view?.devices.length ? (viewName ?? '') : t('home.favourites')}
          onlyZones={view ? view.zones : []}
          onlyChosen={Boolean(view && (view.devices.length > 0 || view.zones.length > 0))}
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
  /** Shown first, in this order. */
  favourites: readonly string[];
  favouritesTitle: string;
  /** A view's zones, in its order; empty: every zone in the Homey's order. */
  onlyZones: readonly string[];
  /** A view shows what it names and nothing else. */
  onlyChosen: boolean;
  onOpen: (deviceId: string) => void;
}

/**
 * Tiles in the dashboard's first commit: about a tablet's first screenful. On a cheap tablet drawing
 * forty tiles at once delays the first one by a few hundred milliseconds; the rest follow straight
 * after in a transition, which React renders in slices between frames.
 */
export const FIRST_TILES = 12;

/** The lists in order, cut so that together they hold at most `limit` items. */
export function cutToLimit<T>(lists: readonly (readonly T[])[], limit: number): (readonly T[])[] {
  const out: (readonly T[])[] = [];
  let left = limit;
  for (const list of lists) {
    const shown = list.length <= left ? list : list.slice(0, Math.max(0, left));
    left -= shown.length;
    out.push(shown);
  }
  return out;
}

function DeviceSections({ devices, broken, zones, favourites, favouritesTitle, onlyZones, onlyChosen, onOpen }: DeviceSectionsProps) {
  const { t } = useI18n();
  const [everyTile, setEveryTile] = useState(false);
  useEffect(() => {
    if (!everyTile) startTransition(() => setEveryTile(true));
  }, [everyTile]);
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim().toLocaleLowerCase());
  const zonePath = useMemo(() => new Map(zones.map((z) => [z.zone.id, z])), [zones]);
  const matches = (device: DeviceSummary) => {
    if (!query) return true;
    const zone = device.zone ? (zonePath.get(device.zone)?.path ?? '') : '';
    return device.name.toLocaleLowerCase().includes(query) || zone.toLocaleLowerCase().includes(query);
  };
  const visible = devices.filter(matches);
  const byId = new Map(visible.map((d) => [d.id, d]));
  const byZone = new Map<string, DeviceSummary[]>();
  for (const device of visible) {
    const key = device.zone && zonePath.has(device.zone) ? device.zone : '';
    byZone.set(key, [...(byZone.get(key) ?? []), device]);
  }
  const first = favourites.map((id) => byId.get(id)).filter((d): d is DeviceSummary => d !== undefined);
  const zoneOrder = onlyZones.length ? onlyZones.map((id) => zonePath.get(id)).filter((z): z is OrderedZone => z !== undefined) : onlyChosen ? [] : zones;
  const zoneName = (device: DeviceSummary) => (device.zone ? zonePath.get(device.zone)?.zone.name : undefined);
  // Sections in their order, each cut to what is left of the first commit's tiles.
  const sections = cutToLimit([first, ...zoneOrder.map((entry) => byZone.get(entry.zone.id) ?? []), onlyChosen ? [] : (byZone.get('') ?? [])], everyTile ? Number.POSITIVE_INFINITY : FIRST_TILES);
  const favouriteTiles = sections[0] ?? [];
  const zoneTiles = zoneOrder.map((entry, index) => ({ ...entry, tiles: sections[index + 1] ?? [] }));
  const otherTiles = sections[sections.length - 1] ?? [];

  return (
    // Busy until every tile is drawn (FIRST_TILES): the layout below the first screenful still grows.
    <div className="device-sections" aria-busy={everyTile ? undefined : true}>
      <div className="search">
        <label htmlFor="device-search">{t('home.search')}</label>
        <input id="device-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder={t('home.searchPlaceholder')} />
      </div>
      {broken.length > 0 && (
        <section className="broken-devices" aria-label={t('home.unreadableSection')}>
          {broken.map((item, index) => (
            <p key={item.id ?? index} role="note" className="tile is-broken">
              {t('home.unreadable', { name: item.name ?? item.id ?? '?', problem: item.problem })}
            </p>
          ))}
        </section>
      )}
      {favouriteTiles.length > 0 && (
        <section className="zone-section" aria-labelledby="favourites-heading">
          <h2 id="favourites-heading">{favouritesTitle}</h2>
          <div className="tiles">
            {favouriteTiles.map((device) => (
              <DeviceTile key={device.id} deviceId={device.id} zoneName={zoneName(device)} onOpen={onOpen} renderExtra={renderTemperatureSparkline} />
            ))}
          </div>
        </section>
      )}
      {zoneTiles.map(({ zone, path, depth, tiles: inZone }) => {
        if (!inZone.length) return null;
        return (
          <section key={zone.id} className={`zone-section depth-${Math.min(depth, 3)}`} aria-labelledby={`zone-${zone.id}`}>
            <h2 id={`zone-${zone.id}`} title={path}>
              {zone.name}
            </h2>
            <div className="tiles">
              {inZone.map((device) => (
                <DeviceTile key={device.id} deviceId={device.id} onOpen={onOpen} renderExtra={renderTemperatureSparkline} />
              ))}
            </div>
          </section>
        );
      })}
      {otherTiles.length > 0 && (
        <section className="zone-section" aria-labelledby="zone-other">
          <h2 id="zone-other">{t('home.otherDevices')}</h2>
          <div className="tiles">
            {otherTiles.map((device) => (
              <DeviceTile key={device.id} deviceId={device.id} onOpen={onOpen} renderExtra={renderTemperatureSparkline} />
            ))}
          </div>
        </section>
      )}
      {visible.length === 0 && <p className="muted">{query ? t('home.noMatch') : t('home.noDevices')}</p>}
    </div>
  );
}
