import { useHomeyEnvironment } from '../../homey/homey-environment.tsx';
import { useI18n } from '../../../lib/i18n.tsx';
import type { Capability, CapabilityValue, Device } from '../device-schema.ts';
import { useCapabilityWrite } from '../use-capability-write.ts';

/** What the dispatcher hands every control tile. */
export interface ControlTileProps {
  device: Device;
  capability: Capability;
  title: string;
}

/**
 * What every control shares: the value to show (a pending write's until the Homey confirms it, so
 * the control does not jump back), whether it may be used, and why not.
 */
export function useControl(device: Device, capability: Capability, title: string) {
  const { canControl } = useHomeyEnvironment();
  const { t } = useI18n();
  const write = useCapabilityWrite(device.id, capability.id, `${device.name} – ${title}`, t);
  const value: CapabilityValue = write.pending ? write.pending.value : capability.value;
  const disabled = !canControl || !device.available;
  return { ...write, value, disabled, reason: canControl ? undefined : t('tile.readOnly') };
}
