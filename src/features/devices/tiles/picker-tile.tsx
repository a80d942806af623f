import { useId } from 'react';
import { useControl } from './use-control.ts';
import type { ControlTileProps } from './use-control.ts';
import { WriteFailure } from './write-failure.tsx';

/** One of an enum's values from a list (thermostat mode, alarm state). */
export function PickerTile({ device, capability, title }: ControlTileProps) {
  const control = useControl(device, capability, title);
  const id = useId();
  const values = capability.values ?? [];
  return (
    <div className="capability capability-picker" data-capability={capability.id}>
      <label className="capability-title" htmlFor={id}>
        {title}
      </label>
      <select id={id} value={typeof control.value === 'string' ? control.value : ''} disabled={control.disabled} onChange={(event) => control.write(event.target.value)}>
        {typeof control.value !== 'string' && <option value="">—</option>}
        {values.map((v) => (
          <option key={v.id} value={v.id}>
            {v.title}
          </option>
        ))}
      </select>
      <WriteFailure message={control.failure} />
    </div>
  );
}
