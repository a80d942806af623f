import { useHomeyEnvironment } from '../../homey/homey-environment.tsx';
import { formatCapabilityValue, formatNumber } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { useControl } from './use-control.ts';
import type { ControlTileProps } from './use-control.ts';
import { WriteFailure } from './write-failure.tsx';

/** A setpoint with − and + a step at a time, kept within the thermostat's range. */
export function ThermostatTile({ device, capability, title }: ControlTileProps) {
  const control = useControl(device, capability, title);
  const { locale } = useHomeyEnvironment();
  const min = capability.min ?? 5;
  const max = capability.max ?? 40;
  const step = capability.step ?? 0.5;
  const value = typeof control.value === 'number' ? control.value : null;
  const shown = formatCapabilityValue({ ...capability, value }, locale);
  // Round to the step so 0.1 + 0.2 never shows up as a setpoint.
  const nudge = (direction: 1 | -1) => {
    const from = value ?? (min + max) / 2;
    const next = Math.min(max, Math.max(min, Math.round((from + direction * step) / step) * step));
    control.write(Number(next.toFixed(6)));
  };
  const stepText = formatNumber(step, locale, capability.decimals);
  const { t } = useI18n();
  return (
    <div className="capability capability-thermostat" data-capability={capability.id}>
      <span className="capability-title">{title}</span>
      <div className="thermostat">
        <button type="button" aria-label={t('tile.down', { title, step: stepText })} disabled={control.disabled || (value !== null && value <= min)} onClick={() => nudge(-1)}>
          −
        </button>
        <span className="capability-value" aria-live="polite">
          {/* A change is announced with what changed: "Target temperature: 21 °C". */}
          <span className="visually-hidden">{title}: </span>
          <span className="value">{shown.value}</span>
          {shown.units && <span className="units">{shown.units}</span>}
        </span>
        <button type="button" aria-label={t('tile.up', { title, step: stepText })} disabled={control.disabled || (value !== null && value >= max)} onClick={() => nudge(1)}>
          +
        </button>
      </div>
      <WriteFailure message={control.failure} />
    </div>
  );
}
