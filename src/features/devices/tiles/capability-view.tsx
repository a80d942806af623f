import type { ComponentType, ReactNode } from 'react';
import { useHomeyEnvironment } from '../../homey/homey-environment.tsx';
import { capabilityKind, isControl } from '../capability-kind.ts';
import type { ControlKind } from '../capability-kind.ts';
import type { Capability, Device } from '../device-schema.ts';
import { ButtonTile } from './button-tile.tsx';
import { ColorTile } from './color-tile.tsx';
import { PickerTile } from './picker-tile.tsx';
import { ReadingTile } from './reading-tile.tsx';
import { SliderTile } from './slider-tile.tsx';
import { TernaryTile } from './ternary-tile.tsx';
import { ThermostatTile } from './thermostat-tile.tsx';
import { ToggleTile } from './toggle-tile.tsx';
import type { ControlTileProps } from './use-control.ts';

// The dispatcher from a capability's kind (capability-kind.ts) to the small tile that shows it: one
// file per control here, one reading tile for every value that is only read. Everything is rendered
// as text; a title or unit full of markup stays markup-shaped text.

export interface CapabilityViewProps {
  device: Device;
  capability: Capability;
  title: string;
  /** Extra content beside a value (the app passes a sparkline for temperatures). */
  extra?: ReactNode;
  /** The tile's leading value, drawn large. */
  lead?: boolean;
  /** On the device page: values in full (a long text is cut on a tile). */
  full?: boolean;
}

// A Record, so a control kind without a tile does not compile.
const CONTROL_TILES: Record<ControlKind, ComponentType<ControlTileProps>> = {
  toggle: ToggleTile,
  slider: SliderTile,
  color: ColorTile,
  thermostat: ThermostatTile,
  picker: PickerTile,
  ternary: TernaryTile,
  button: ButtonTile,
};

export function CapabilityView({ device, capability, title, extra, lead = false, full = false }: CapabilityViewProps) {
  const { canControl } = useHomeyEnvironment();
  const kind = capabilityKind(capability, device.ui);
  if (isControl(kind) && canControl) {
    const Control = CONTROL_TILES[kind];
    return <Control device={device} capability={capability} title={title} />;
  }
  // A session that may only read sees values, not controls it cannot use; a button has no value.
  if (kind === 'button') return null;
  return <ReadingTile capability={capability} title={title} kind={kind} extra={extra} lead={lead} full={full} />;
}
