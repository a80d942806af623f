import { useI18n } from '../../../lib/i18n.tsx';
import { useControl } from './use-control.ts';
import type { ControlTileProps } from './use-control.ts';
import { WriteFailure } from './write-failure.tsx';

/** Up, idle and down as three pressed-or-not buttons (blinds); the device's own titles when it sends them. */
export function TernaryTile({ device, capability, title }: ControlTileProps) {
  const control = useControl(device, capability, title);
  const { t } = useI18n();
  const values = capability.values?.length
    ? capability.values
    : [
        { id: 'up', title: t('tile.up.default') },
        { id: 'idle', title: t('tile.idle.default') },
        { id: 'down', title: t('tile.down.default') },
      ];
  return (
    <div className="capability capability-ternary" data-capability={capability.id}>
      <span className="capability-title" id={`${device.id}-${capability.id}`}>
        {title}
      </span>
      <div role="group" aria-labelledby={`${device.id}-${capability.id}`} className="ternary">
        {values.map((v) => (
          <button key={v.id} type="button" aria-pressed={control.value === v.id} disabled={control.disabled} onClick={() => control.write(v.id)}>
            {v.title}
          </button>
        ))}
      </div>
      <WriteFailure message={control.failure} />
    </div>
  );
}
