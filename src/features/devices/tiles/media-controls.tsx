import { Icon } from '../../../components/icon.tsx';
import { useI18n } from '../../../lib/i18n.tsx';
import type { Capability, Device } from '../device-schema.ts';
import { useControl } from './use-control.ts';
import { WriteFailure } from './write-failure.tsx';

export interface MediaControlsProps {
  device: Device;
  /** The device's media capabilities: previous, play/pause, next (those it has). */
  capabilities: readonly Capability[];
  titles: ReadonlyMap<string, string>;
}

/** Previous, play/pause and next as icons, each named by the capability's own title. */
export function MediaControls({ device, capabilities, titles }: MediaControlsProps) {
  const { t } = useI18n();
  return (
    <div className="capability capability-media" role="group" aria-label={t('tile.media')}>
      {capabilities.map((capability) => {
        const title = titles.get(capability.id) ?? capability.id;
        return capability.id === 'speaker_playing' ? (
          <PlayPause key={capability.id} device={device} capability={capability} title={title} />
        ) : (
          <Skip key={capability.id} device={device} capability={capability} title={title} />
        );
      })}
    </div>
  );
}

interface MediaButtonProps {
  device: Device;
  capability: Capability;
  title: string;
}

function PlayPause({ device, capability, title }: MediaButtonProps) {
  const control = useControl(device, capability, title);
  const playing = control.value === true;
  return (
    <>
      <button
        type="button"
        role="switch"
        aria-checked={playing}
        aria-label={title}
        title={title}
        className={`icon-button media-play${playing ? ' on' : ''}`}
        data-capability={capability.id}
        disabled={control.disabled}
        onClick={() => control.write(!playing)}
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <WriteFailure message={control.failure} />
    </>
  );
}

function Skip({ device, capability, title }: MediaButtonProps) {
  const control = useControl(device, capability, title);
  return (
    <>
      <button
        type="button"
        aria-label={title}
        title={title}
        className="icon-button"
        data-capability={capability.id}
        disabled={control.disabled || control.pending !== undefined}
        onClick={() => control.write(true)}
      >
        <Icon name={capability.id === 'speaker_prev' ? 'skip-back' : 'skip-forward'} />
      </button>
      <WriteFailure message={control.failure} />
    </>
  );
}
