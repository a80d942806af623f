import { useControl } from './use-control.ts';
import type { ControlTileProps } from './use-control.ts';
import { WriteFailure } from './write-failure.tsx';

/** A write-only trigger (`button.*`, `volume_up`): pressed once, busy until the Homey answers. */
export function ButtonTile({ device, capability, title }: ControlTileProps) {
  const control = useControl(device, capability, title);
  return (
    <div className="capability capability-button" data-capability={capability.id}>
      <button type="button" disabled={control.disabled || control.pending !== undefined} onClick={() => control.write(true)}>
        {title}
      </button>
      <WriteFailure message={control.failure} />
    </div>
  );
}
