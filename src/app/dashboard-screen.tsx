import { useEffect, useMemo } from 'react';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { loadDeviceIcons } from '../features/devices/device-icon.tsx';
import { FreshnessProvider } from '../features/devices/freshness.tsx';
import { HomeyEnvironmentProvider } from '../features/homey/homey-environment.tsx';
import type { HomeyEnvironment } from '../features/homey/homey-environment.tsx';
import { useHomeyConnection } from '../features/homey/homey-connection.tsx';
import { useSettings } from '../features/settings/settings-store.ts';
import { useI18n } from '../lib/i18n.tsx';
import { Instrumentation } from '../lib/instrumentation.ts';
import { useTheme } from './appearance.tsx';
import { LiveUpdatesProvider, useLiveMode } from './live-updates.tsx';
import { DashboardRoutes } from './routes.tsx';

export interface DashboardScreenProps {
  config: RuntimeConfig;
  onSignOut: () => void;
  /** Locked walls hide settings and sign-out; a long press on the clock opens the settings. */
  locked: boolean;
}

/**
 * The signed-in dashboard: sets up the Homey environment every feature reads (the client, how often
 * to poll, the locale, whether the session may control devices), then shows the screen the address
 * asks for.
 */
export function DashboardScreen(props: DashboardScreenProps) {
  return (
    <LiveUpdatesProvider enabled={props.config.realtime}>
      <DashboardEnvironment {...props} />
    </LiveUpdatesProvider>
  );
}

function DashboardEnvironment(props: DashboardScreenProps) {
  // The tiles' drawings, on their way while the first device list is: not part of the first visit's JS.
  useEffect(() => void loadDeviceIcons(), []);
  const connection = useHomeyConnection();
  const { locale } = useI18n();
  const [settings] = useSettings();
  // E-ink panels flash on every redraw: unless the screen's own setting says otherwise, read devices
  // at most every 30 s there.
  const eink = useTheme() === 'eink';
  const configuredMs = settings.devicesPollMs ?? (eink ? Math.max(30_000, props.config.pollIntervals.devicesMs) : props.config.pollIntervals.devicesMs);
  // While the socket is live it brings every change; the poll is only the safety net then. The
  // moment it is not live (down, refused, silent) the configured poll is back, within one interval.
  const pollMs = useLiveMode() === 'live' ? Math.max(configuredMs, props.config.pollIntervals.liveSafetyMs) : configuredMs;
  const environment = useMemo<HomeyEnvironment>(
    () => ({
      client: connection.client,
      pollMs,
      locale,
      canControl: connection.canControl,
      insightsMinMs: props.config.pollIntervals.insightsMinMs,
      ...(props.config.iconBaseUrl === undefined ? {} : { iconBaseUrl: props.config.iconBaseUrl }),
    }),
    [connection.client, connection.canControl, pollMs, locale, props.config.pollIntervals.insightsMinMs, props.config.iconBaseUrl],
  );
  return (
    <HomeyEnvironmentProvider value={environment}>
      {import.meta.env.MODE === 'bench' && <Instrumentation />}
      <FreshnessProvider>
        <DashboardRoutes {...props} pollMs={pollMs} />
      </FreshnessProvider>
    </HomeyEnvironmentProvider>
  );
}
