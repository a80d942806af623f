import { Icon } from '../../../components/icon.tsx';
import type { IconName } from '../../../components/icon.tsx';
import { useI18n } from '../../../lib/i18n.tsx';
import { useControl } from './use-control.ts';
import type { ControlTileProps } from './use-control.ts';
import { WriteFailure } from './write-failure.tsx';

// Homey's `windowcoverings_state` values (homey-lib): drawn as arrows and a stop, named by their titles.
const VALUE_ICONS: Readonly<Record<string, IconName>> = { up: 'chevron-up', idle: 'square', down: 'chevron-down' };

/**
 * Up, idle and down as three pressed-or-not buttons (blinds): an arrow or a stop each, named by the
 * device's own titles when it sends them. A value without a drawing shows its title instead.
 */
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
        {values.map((v) => {
          const icon = VALUE_ICONS[v.id];
          return (
            <button
              key={v.id}
              type="button"
              aria-pressed={control.value === v.id}
              aria-label={icon ? v.title : undefined}
              title={icon ? v.title : undefined}
              className={icon ? 'icon-button' : undefined}
              disabled={control.disabled}
              onClick={() => control.write(v.id)}
            >
              {icon ? <Icon name={icon} /> : v.title}
            </button>
          );
        })}
      </div>
      <WriteFailure message={control.failure} />
    </div>
  );
}
