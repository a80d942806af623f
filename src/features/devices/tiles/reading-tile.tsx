import type { ReactNode } from 'react';
import { useHomeyEnvironment } from '../../homey/homey-environment.tsx';
import { formatCapabilityValue, truncateText } from '../../../lib/format.ts';
import type { CapabilityKind } from '../capability-kind.ts';
import type { Capability } from '../device-schema.ts';
import './long-text.css';

/**
 * The most characters of a text value a tile shows: four or five lines on the narrowest tile. A
 * capability can hold any text (a megabyte made a tile 6.5 million pixels tall); the device page
 * shows all of it.
 */
export const TILE_TEXT_MAX = 120;

export interface ReadingTileProps {
  capability: Capability;
  title: string;
  kind: CapabilityKind;
  extra?: ReactNode;
  lead: boolean;
  /** On the device page: a long text in full, in a box of its own that scrolls. */
  full?: boolean;
}

/**
 * A value to read: every reading kind (the generic fallback too), and a control's value for a
 * session that may not control. An alarm that is on and a battery at 15 % or less are marked.
 */
export function ReadingTile({ capability, title, kind, extra, lead, full = false }: ReadingTileProps) {
  const { locale } = useHomeyEnvironment();
  const formatted = formatCapabilityValue(capability, locale);
  const long = formatted.value.length > TILE_TEXT_MAX;
  const alarmOn = kind === 'alarm' && capability.value === true;
  const batteryLow = kind === 'battery' && typeof capability.value === 'number' && capability.value <= 15;
  return (
    <div
      className={`capability capability-${kind}${lead ? ' is-lead' : ''}${alarmOn ? ' is-alarm' : ''}${batteryLow ? ' is-low' : ''}${long ? ' is-long-text' : ''}`}
      data-capability={capability.id}
    >
      <span className="capability-title">{title}</span>
      {/* Read as it shows, "Temperature 21.5 °C": an aria-label on a span is ignored (no role). */}
      <span className="capability-value">
        {long && full ? (
          // Scrolls on its own, so it takes focus: a keyboard can scroll it too.
          <span className="value is-full-text" tabIndex={0}>
            {formatted.value}
          </span>
        ) : (
          <span className="value">{long ? truncateText(formatted.value, TILE_TEXT_MAX) : formatted.value}</span>
        )}
        {formatted.units && <span className="units">{formatted.units}</span>}
      </span>
      {extra}
    </div>
  );
}
