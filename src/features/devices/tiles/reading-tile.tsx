import type { ReactNode } from 'react';
import { useHomeyEnvironment } from '../../homey/homey-environment.tsx';
import { formatCapabilityValue } from '../../../lib/format.ts';
import type { CapabilityKind } from '../capability-kind.ts';
import type { Capability } from '../device-schema.ts';

export interface ReadingTileProps {
  capability: Capability;
  title: string;
  kind: CapabilityKind;
  extra?: ReactNode;
  lead: boolean;
}

/**
 * A value to read: every reading kind (the generic fallback too), and a control's value for a
 * session that may not control. An alarm that is on and a battery at 15 % or less are marked.
 */
export function ReadingTile({ capability, title, kind, extra, lead }: ReadingTileProps) {
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
