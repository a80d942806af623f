import type { ReactNode } from 'react';
import { isTemperature } from '../features/devices/capability-kind.ts';
import type { Capability, Device } from '../features/devices/device-schema.ts';
import { TemperatureSparkline } from '../features/insights/sparkline.tsx';

/**
 * `DeviceTile`'s `renderExtra` for the wall: a 24-hour sparkline beside every temperature reading
 * (sub-ids too), nothing beside anything else. A module-level function, so passing it never breaks
 * the tile's memo.
 */
export function renderTemperatureSparkline(device: Device, capability: Capability): ReactNode {
  // A setpoint is a control, not a reading; a number is what Insights can chart.
  if (capability.type !== 'number' || capability.setable || !isTemperature(capability)) return null;
  return <TemperatureSparkline deviceId={device.id} capability={capability} />;
}
