import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { formatCapabilityValue, formatNumber } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { capabilityKind } from './capability-kind.ts';
import type { CapabilityKind } from './capability-kind.ts';
import type { Capability, CapabilityValue, Device } from './device-schema.ts';
import { useHomeyEnvironment } from '../homey/homey-environment.tsx';
import { useCapabilityWrite } from './use-capability-write.ts';

// The capability dispatcher's view side (STYLE.md habit 8): one small component per kind, chosen
// from the capability's own metadata by capabilityKind(). Everything is rendered as text; a title or
// unit full of markup stays markup-shaped text.

export interface CapabilityViewProps {
  device: Device;
  capability: Capability;
  title: string;
  /** Extra content beside a value (the app passes a sparkline for temperatures). */
  extra?: ReactNode;
  /** The tile's leading value, drawn large. */
  lead?: boolean;
}

export function CapabilityView({ device, capability, title, extra, lead = false }: CapabilityViewProps) {
  const { canControl } = useHomeyEnvironment();
  const kind = capabilityKind(capability, device.ui);
  const Control = CONTROLS[kind];
  if (Control && canControl) return <Control device={device} capability={capability} title={title} kind={kind} />;
  // A session that may only read sees values, not controls it cannot use; a button has no value.
  if (kind === 'button') return null;
  return <ReadOnlyValue capability={capability} title={title} kind={kind} extra={extra} lead={lead} />;
}

type ControlProps = { device: Device; capability: Capability; title: string; kind: CapabilityKind };

const CONTROLS: Partial<Record<CapabilityKind, (props: ControlProps) => ReactNode>> = {
  toggle: ToggleControl,
  slider: SliderControl,
  color: ColorControl,
  thermostat: ThermostatControl,
  picker: PickerControl,
  ternary: TernaryControl,
  button: ButtonControl,
};

function ReadOnlyValue({
  capability,
  title,
  kind,
  extra,
  lead,
}: {
  capability: Capability;
  title: string;
  kind: CapabilityKind;
  extra?: ReactNode;
  lead: boolean;
}) {
  const { locale } = useHomeyEnvironment();
  const formatted = formatCapabilityValue(capability, locale);
  const alarmOn = kind === 'alarm' && capability.value === true;
  const batteryLow = kind === 'battery' && typeof capability.value === 'number' && capability.value <= 15;
  return (
    <div
      className={`capability capability-${kind}${lead ? ' is-lead' : ''}${alarmOn ? ' is-alarm' : ''}${batteryLow ? ' is-low' : ''}`}
      data-capability={capability.id}
    >
      <span className="capability-title">{title}</span>
      {/* Read as it shows, "Temperature 21.5 °C": an aria-label on a span is ignored (no role). */}
      <span className="capability-value">
        <span className="value">{formatted.value}</span>
        {formatted.units && <span className="units">{formatted.units}</span>}
      </span>
      {extra}
    </div>
  );
}

function useControl(device: Device, capability: Capability, title: string) {
  const { canControl } = useHomeyEnvironment();
  const { t } = useI18n();
  const write = useCapabilityWrite(device.id, capability.id, `${device.name} – ${title}`, t);
  const value: CapabilityValue = write.pending ? write.pending.value : capability.value;
  const disabled = !canControl || !device.available;
  return { ...write, value, disabled, reason: canControl ? undefined : t('tile.readOnly') };
}

function Failure({ message }: { message: string | undefined }) {
  return message ? (
    <span role="alert" className="write-failure">
      {message}
    </span>
  ) : null;
}

function ToggleControl({ device, capability, title }: ControlProps) {
  const control = useControl(device, capability, title);
  const { locale } = useHomeyEnvironment();
  const on = control.value === true;
  const text = formatCapabilityValue({ ...capability, value: on }, locale).text;
  return (
    <div className="capability capability-toggle" data-capability={capability.id}>
      <span className="capability-title">{title}</span>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-label={title}
        className={`switch${on ? ' on' : ''}`}
        disabled={control.disabled}
        title={control.reason}
        onClick={() => control.write(!on)}
      >
        {text}
      </button>
      <Failure message={control.failure} />
    </div>
  );
}

function SliderControl({ device, capability, title, format }: ControlProps & { format?: ((value: number | null) => string) | undefined }) {
  const control = useControl(device, capability, title);
  const { locale } = useHomeyEnvironment();
  const id = useId();
  // While a finger or a key moves the thumb, the slider follows it, not the poll; one write on release.
  const [moving, setMoving] = useState<number | undefined>();
  const min = capability.min ?? 0;
  const max = capability.max ?? 1;
  const step = capability.step ?? (max - min <= 1 ? 0.01 : 1);
  const current = moving ?? (typeof control.value === 'number' ? control.value : null);
  const formatted = formatCapabilityValue({ ...capability, value: current }, locale);
  const shown = format ? { ...formatted, text: format(current) } : formatted;
  const commit = () => {
    if (moving === undefined) return;
    control.write(moving);
    setMoving(undefined);
  };
  return (
    <div className="capability capability-slider" data-capability={capability.id}>
      <label className="capability-title" htmlFor={id}>
        {title}
      </label>
      <output htmlFor={id} className="capability-value">
        {shown.text}
      </output>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={current ?? min}
        disabled={control.disabled}
        aria-valuetext={shown.text}
        onChange={(event) => setMoving(Number(event.currentTarget.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <Failure message={control.failure} />
    </div>
  );
}

/** Hue in degrees with a swatch of the lamp's colour; saturation and colour temperature as %. */
function ColorControl({ device, capability, title, kind }: ControlProps) {
  const hue = device.capabilitiesObj.light_hue?.value;
  const saturation = device.capabilitiesObj.light_saturation?.value;
  const swatch =
    typeof hue === 'number' ? `hsl(${Math.round(hue * 360)} ${Math.round((typeof saturation === 'number' ? saturation : 1) * 100)}% 50%)` : undefined;
  const isHue = capability.id === 'light_hue';
  const percent: Capability = isHue ? capability : { ...capability, units: '%', min: 0, max: 1 };
  return (
    <div className="capability-color">
      {isHue && swatch && <span className="swatch" style={{ background: swatch }} aria-hidden="true" />}
      <SliderControl device={device} capability={percent} title={title} kind={kind} format={isHue ? formatDegrees : undefined} />
    </div>
  );
}

const formatDegrees = (value: number | null) => (value === null ? '—' : `${Math.round(value * 360)}°`);

function ThermostatControl({ device, capability, title }: ControlProps) {
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
      <Failure message={control.failure} />
    </div>
  );
}

function PickerControl({ device, capability, title }: ControlProps) {
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
      <Failure message={control.failure} />
    </div>
  );
}

function TernaryControl({ device, capability, title }: ControlProps) {
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
      <Failure message={control.failure} />
    </div>
  );
}

function ButtonControl({ device, capability, title }: ControlProps) {
  const control = useControl(device, capability, title);
  return (
    <div className="capability capability-button" data-capability={capability.id}>
      <button type="button" disabled={control.disabled || control.pending !== undefined} onClick={() => control.write(true)}>
        {title}
      </button>
      <Failure message={control.failure} />
    </div>
  );
}

/** A capability that could not be read: its name and why, in place of the tile. */
export function BrokenCapability({ id, problem }: { id: string; problem: string }) {
  const { t } = useI18n();
  return (
    <div className="capability capability-broken" role="note">
      <span className="capability-title">{id}</span>
      <span className="capability-value">{t('tile.unreadableCapability', { problem })}</span>
    </div>
  );
}
