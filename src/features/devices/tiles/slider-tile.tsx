import { useId, useState } from 'react';
import { useHomeyEnvironment } from '../../homey/homey-environment.tsx';
import { formatCapabilityValue } from '../../../lib/format.ts';
import { useControl } from './use-control.ts';
import type { ControlTileProps } from './use-control.ts';
import { WriteFailure } from './write-failure.tsx';

export interface SliderTileProps extends ControlTileProps {
  /** Text for the value in place of the formatted capability value (the colour tile's hue in degrees). */
  format?: ((value: number | null) => string) | undefined;
}

/** A number in its range (dim, volume, blinds), written once when the thumb is let go. */
export function SliderTile({ device, capability, title, format }: SliderTileProps) {
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
      <WriteFailure message={control.failure} />
    </div>
  );
}
