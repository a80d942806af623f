import type { Capability } from '../device-schema.ts';
import { SliderTile } from './slider-tile.tsx';
import type { ControlTileProps } from './use-control.ts';

/** Hue in degrees with a swatch of the lamp's colour; saturation and colour temperature as %. */
export function ColorTile({ device, capability, title }: ControlTileProps) {
  const hue = device.capabilitiesObj.light_hue?.value;
  const saturation = device.capabilitiesObj.light_saturation?.value;
  const swatch =
    typeof hue === 'number' ? `hsl(${Math.round(hue * 360)} ${Math.round((typeof saturation === 'number' ? saturation : 1) * 100)}% 50%)` : undefined;
  const isHue = capability.id === 'light_hue';
  const percent: Capability = isHue ? capability : { ...capability, units: '%', min: 0, max: 1 };
  return (
    <div className="capability-color">
      {isHue && swatch && <span className="swatch" style={{ background: swatch }} aria-hidden="true" />}
      <SliderTile device={device} capability={percent} title={title} format={isHue ? formatDegrees : undefined} />
    </div>
  );
}

const formatDegrees = (value: number | null) => (value === null ? '—' : `${Math.round(value * 360)}°`);
