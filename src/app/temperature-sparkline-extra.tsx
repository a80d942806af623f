import type { ReactNode } from 'react';
import { hasSparkline } from '../features/devices/capability-kind.ts';
import type { Capability, Device } from '../features/devices/device-schema.ts';
import { TemperatureSparkline } from '../features/insights/sparkline.tsx';

/**
 * `DeviceTile`'s `renderExtra` for the wall: a 24-hour sparkline beside every temperature reading
 * (sub-ids too; never beside a setpoint), nothing beside anything else. A module-level function,
 * so passing it never breaks the tile's memo.
 */
export function renderTemperatureSparkline(device: Device, capability: Capability): ReactNode {
  if (!hasSparkline(capability, device.ui)) return null;
  return <TemperatureSparkline deviceId={device.id} capability={capability} />;
}
