import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy, useCallback, useState } from 'react';
import { CrashPanel } from '../components/crash-screen.tsx';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { StorageNotice } from '../components/storage-notice.tsx';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { deviceQueries } from '../features/devices/device-queries.ts';
import { useDeviceSummaries } from '../features/devices/use-devices.ts';
import { ConnectionBanner } from '../features/home/connection-banner.tsx';
import { homeQueries } from '../features/home/home-queries.ts';
import { orderZones } from '../features/home/zone-order.ts';
import { useHomeyConnection } from '../features/homey/homey-connection.tsx';
import { HomeyLoginRefusedError, failingSide } from '../features/homey/errors.ts';
import { toggleFullscreen, useKiosk } from '../features/kiosk/kiosk-shell.tsx';
import type { View } from '../features/settings/settings-model.ts';
import { useSettings } from '../features/settings/settings-store.ts';
import { useI18n } from '../lib/i18n.tsx';
import { ownValue } from '../lib/own-key.ts';
import { useStorageHealth } from '../lib/storage.ts';
import { useSearchParam } from '../lib/use-search-param.ts';
import { DashboardHeader } from './dashboard-header.tsx';
import { FirstLoadScreen } from './first-load-screen.tsx';
import { HomeScreen } from './home-screen.tsx';
import { reloadAfresh } from './reload-afresh.ts';
import { useOnline } from './use-online.ts';
import { WallDiagnostics } from './wall-diagnostics.tsx';

// The settings screen is opened once when a wall is put up: it is not part of the first visit.
// The device page (its history and charts) is opened by a tap, never on the first screen: it loads then.
const DeviceScreen = lazy(() => import('./device-screen.tsx').then((m) => ({ default: m.DeviceScreen })));
const SettingsScreen = lazy(() => import('../features/settings/settings-screen.tsx').then((m) => ({ default: m.SettingsScreen })));

export interface DashboardRoutesProps {
  config: RuntimeConfig;
  onSignOut: () => void;
  /** Locked walls hide settings and sign-out; a long press on the clock opens the settings. */
  locked: boolean;
  pollMs: number;
}

/**
 * Which screen the address shows: `?settings` the settings, `?device=<id>` that device, else the
 * home screen (`?view=<name>` narrows it to a view). Until the first device list arrives, the wait
 * or why it does not come.
 */
export function DashboardRoutes({ config, onSignOut, locked, pollMs }: DashboardRoutesProps) {
  const connection = useHomeyConnection();
  const { t } = useI18n();
  const { client } = connection;
  const [settings] = useSettings();
  const kiosk = useKiosk();
  const slowMs = config.pollIntervals.zonesMs;
  const devices = useDeviceSummaries();
  // Only the connection state of the device poll, for the banner (not its data: no re-render per poll).
  const health = useQuery({ ...deviceQueries.list(client, pollMs), select: () => null });
  // Read on every screen, also while loading: going home from a device or the settings finds the
  // favourites and flows already current.
  const zonesQuery = useQuery(homeQueries.zones(client, slowMs));
  const me = useQuery(homeQueries.userMe(client, slowMs));
  const flows = useQuery(homeQueries.flows(client, slowMs));
  const weather = useQuery(homeQueries.weather(client, slowMs));
  const online = useOnline();
  const storage = useStorageHealth();
  const [deviceId, openDevice] = useSearchParam('device');
  const [settingsOpen, openSettings] = useSearchParam('settings');
  const [viewName, openView] = useSearchParam('view');
  // Set when the settings close, so the header gives the focus back to the Settings button.
  const [backFromSettings, setBackFromSettings] = useState(false);
  // Own keys only: `?view=constructor` must not find Object.prototype's.
  const view: View | undefined = viewName ? ownValue(settings.views, viewName) : undefined;
  // "Unreachable since" the last poll that worked: the moment our copy stopped being current.
  const failingSince = health.failureCount > 0 || health.isError ? health.dataUpdatedAt || null : null;
  const open = useCallback((id: string) => openDevice(id), [openDevice]);

  if (!devices.data) {
    return <FirstLoadScreen failed={health.failureCount > 0 || health.error !== null} failure={health.error ?? health.failureReason} onRetry={() => void health.refetch()} />;
  }

  const zoneList = zonesQuery.data ? orderZones(zonesQuery.data.items) : [];

  if (settingsOpen) {
    return (
      <Suspense fallback={<p aria-busy="true">{t('app.loading')}</p>}>
        <SettingsScreen
          zones={zoneList.map((z) => ({ id: z.zone.id, name: z.zone.name, detail: z.path }))}
          devices={devices.data.devices.map((d) => ({ id: d.id, name: d.name, detail: zoneList.find((z) => z.zone.id === d.zone)?.zone.name }))}
          onClose={() => {
            setBackFromSettings(true);
            openSettings(null);
          }}
          onChangeHomey={connection.chooseAnotherHomey}
          onDimNow={kiosk.dimNow}
          onFullscreen={() => toggleFullscreen()}
        >
          <WallDiagnostics config={config} />
        </SettingsScreen>
      </Suspense>
    );
  }

  return (
    <div className="dashboard">
      <DashboardHeader weather={weather.data} locked={locked} onOpenSettings={() => {
          setBackFromSettings(false);
          openSettings('1');
        }}
        onSignOut={onSignOut}
        focusSettings={backFromSettings}
      />
      <ConnectionBanner
        homeyName={connection.homey.name}
        failingSince={failingSince}
        offline={!online}
        reason={bannerReason(health.failureReason)}
        side={failingSide(health.failureReason)}
        localNetworkDenied={connection.localNetwork === 'denied' && connection.route?.kind !== 'direct'}
      />
      <StorageNotice health={storage} />
      {/* Whatever throws below leaves the header, the banner and a way on; another address tries again. */}
      <ErrorBoundary
        name={deviceId ? 'The device screen' : 'The home screen'}
        resetKey={`${deviceId ?? ''}\n${viewName ?? ''}`}
        fallback={
          <CrashPanel
            onReload={() => void reloadAfresh()}
            onShowAll={deviceId ? () => openDevice(null) : viewName ? () => openView(null) : undefined}
          />
        }
      >
        {deviceId ? (
          <Suspense fallback={<p aria-busy="true">{t('app.loading')}</p>}>
            <DeviceScreen deviceId={deviceId} zones={zoneList} onBack={() => window.history.back()} />
          </Suspense>
        ) : (
          <HomeScreen
            devices={devices.data.devices}
            broken={devices.data.broken}
            zones={zoneList}
            viewName={viewName}
            view={view}
            me={me.data}
            flows={flows.data}
            weather={weather.data}
            onOpen={open}
          />
        )}
      </ErrorBoundary>
    </div>
  );
}

/** The banner's detail: a refusing Homey's own words (its name is in the banner already), else the error. */
function bannerReason(error: Error | null): string | undefined {
  if (error instanceof HomeyLoginRefusedError) return error.reason;
  return error?.message;
}
