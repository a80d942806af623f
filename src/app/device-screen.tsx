import { DeviceTile } from '../features/devices/device-tile.tsx';
import { useDevice } from '../features/devices/use-devices.ts';
import type { OrderedZone } from '../features/home/zone-order.ts';

export interface DeviceScreenProps {
  deviceId: string;
  zones: readonly OrderedZone[];
  onBack: () => void;
}

/** One device, every capability with its controls (and, with the charts, its history). */
export function DeviceScreen({ deviceId, zones, onBack }: DeviceScreenProps) {
  const device = useDevice(deviceId);
  const zone = device?.zone ? zones.find((z) => z.zone.id === device.zone) : undefined;
  return (
    <main className="device-screen">
      <button type="button" className="back" onClick={onBack}>
        ← All devices
      </button>
      {device ? (
        <DeviceTile deviceId={deviceId} zoneName={zone?.path} full />
      ) : (
        <p role="status">This device is not on this Homey (any more).</p>
      )}
    </main>
  );
}
