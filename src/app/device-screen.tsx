import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { distinctCapabilityTitles } from '../features/devices/capability-kind.ts';
import { DeviceTile } from '../features/devices/device-tile.tsx';
import type { Device } from '../features/devices/device-schema.ts';
import { orderedCapabilities } from '../features/devices/device-schema.ts';
import { useHomeyEnvironment } from '../features/homey/homey-environment.tsx';
import { useDevice } from '../features/devices/use-devices.ts';
import { useI18n } from '../lib/i18n.tsx';
import type { OrderedZone } from '../features/home/zone-order.ts';
import type { Resolution } from '../features/insights/insight-timing.ts';
import { logIdFor } from '../features/insights/insight-timing.ts';
import { insightQueries } from '../features/insights/insight-queries.ts';
import type { InsightsLog } from '../features/insights/insights-schema.ts';
import { CapabilityChart } from '../features/insights/lazy-insight-chart.tsx';
import { DEFAULT_CHART_RANGE, RangePicker } from '../features/insights/range-picker.tsx';
import { renderTemperatureSparkline } from './temperature-sparkline-extra.tsx';

export interface DeviceScreenProps {
  deviceId: string;
  zones: readonly OrderedZone[];
  onBack: () => void;
}

/** One device: every capability with its controls, and the history of each one the Homey logs. */
export function DeviceScreen({ deviceId, zones, onBack }: DeviceScreenProps) {
  const device = useDevice(deviceId);
  const { t } = useI18n();
  const zone = device?.zone ? zones.find((z) => z.zone.id === device.zone) : undefined;
  return (
    <main className="device-screen">
      <button type="button" className="back" onClick={onBack}>
        {t('device.back')}
      </button>
      {device ? (
        <>
          <DeviceTile deviceId={deviceId} zoneName={zone?.path} renderExtra={renderTemperatureSparkline} full />
          <DeviceHistory device={device} />
        </>
      ) : (
        <p role="status">{t('device.gone')}</p>
      )}
    </main>
  );
}

function DeviceHistory({ device }: { device: Device }) {
  const { client, locale } = useHomeyEnvironment();
  const { t } = useI18n();
  const [range, setRange] = useState<Resolution>(DEFAULT_CHART_RANGE);
  const owner = `homey:device:${device.id}`;
  // Only this device's logs, as a stable map: the 10-minute refresh of every log re-renders nothing here.
  const selectOwn = useCallback(
    (data: { items: InsightsLog[] }) => new Map(data.items.filter((log) => log.ownerUri === owner).map((log) => [log.id, log] as const)),
    [owner],
  );
  const logs = useQuery({ ...insightQueries.logs(client), select: selectOwn });

  const capabilities = orderedCapabilities(device);
  const titles = distinctCapabilityTitles(capabilities, locale.slice(0, 2));
  const logged = logs.data ? capabilities.flatMap((capability) => {
    const log = logs.data.get(logIdFor(device.id, capability.id));
    return log ? [{ capability, log }] : [];
  }) : [];

  let body;
  if (logs.data) {
    body =
      logged.length > 0 ? (
        <div className="insight-charts">
          {logged.map(({ capability, log }) => (
            <CapabilityChart
              key={log.id}
              client={client}
              logId={log.id}
              resolution={range}
              title={titles.get(capability.id) ?? log.title ?? capability.id}
              chartType={capability.chartType}
              logType={log.type}
              capabilityId={capability.id}
              // The capability speaks for itself; the log's copy fills what the capability leaves out.
              units={capability.units ?? log.units}
              decimals={capability.decimals ?? log.decimals}
              min={capability.min}
              max={capability.max}
              titleTrue={capability.titleTrue ?? log.titleTrue}
              titleFalse={capability.titleFalse ?? log.titleFalse}
              locale={locale}
              value={capability.value}
              lastUpdated={capability.lastUpdated}
            />
          ))}
        </div>
      ) : (
        <p className="muted">{t('chart.noLogs')}</p>
      );
  } else if (logs.error) {
    body = <p role="status">{t('chart.logsFailed', { reason: logs.error.message })}</p>;
  } else {
    body = <p>{t('chart.loading')}</p>;
  }

  return (
    <section className="device-history" aria-labelledby="device-history-heading">
      <div className="device-history-header">
        <h2 id="device-history-heading">{t('chart.history')}</h2>
        {logged.length > 0 && <RangePicker value={range} onChange={setRange} />}
      </div>
      {body}
    </section>
  );
}
