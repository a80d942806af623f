import { useHomeyEnvironment } from '../../homey/homey-environment.tsx';
import { formatCapabilityValue } from '../../../lib/format.ts';
import { useControl } from './use-control.ts';
import type { ControlTileProps } from './use-control.ts';
import { WriteFailure } from './write-failure.tsx';

/**
 * An on/off switch: a track and thumb that show the state by shape, and the state in words beside
 * them ("On", or the app's own `titleTrue`) to confirm it.
 */
export function ToggleTile({ device, capability, title }: ControlTileProps) {
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
        {/* The thumb is the track's ::after: one node less per switch on a wall of them. */}
        <span className="switch-track" aria-hidden="true" />
        <span className="switch-text">{text}</span>
      </button>
      <WriteFailure message={control.failure} />
    </div>
  );
}
