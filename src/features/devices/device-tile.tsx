import { Component, memo, useId } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { countTileRender } from '../../lib/instrumentation.ts';
import { formatAge } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { BrokenCapability } from './tiles/broken-capability.tsx';
import { CapabilityView } from './tiles/capability-view.tsx';
import { capabilityKind, distinctCapabilityTitles, isControl, leadsTile, wallCapabilities } from './capability-kind.ts';
import type { Capability, Device } from './device-schema.ts';
import { orderedCapabilities } from './device-schema.ts';
import { useHomeyEnvironment } from '../homey/homey-environment.tsx';
import { useNow } from '../../lib/clock.ts';
import { useDataFreshness, useLastFetchedAt } from './freshness.tsx';
import { useDevice } from './use-devices.ts';
import { DeviceIcon } from './device-icon.tsx';
import { MediaControls } from './tiles/media-controls.tsx';
import { deviceState, hasLowBattery } from './device-state.ts';

/** Homey's media capabilities (homey-lib `speaker_*`), drawn together as a player's row of buttons. */
const MEDIA_CAPABILITIES: readonly string[] = ['speaker_prev', 'speaker_playing', 'speaker_next'];

export interface DeviceTileProps {
  deviceId: string;
  zoneName?: string | undefined;
  /** Opens the device's own page. */
  onOpen?: ((deviceId: string) => void) | undefined;
  /** Content beside a capability's value, e.g. a sparkline; composed in by the app. */
  renderExtra?: ((device: Device, capability: Capability) => ReactNode) | undefined;
  /** Show every capability (device page) rather than the tile's selection. */
  full?: boolean;
  /** The wall density: one value to read from across the room and a couple more, nothing else. */
  wall?: boolean;
}

/** A device on the wall: its name and zone, temperatures large, then its other capabilities. */
export const DeviceTile = memo(function DeviceTile(props: DeviceTileProps) {
  return (
    <TileErrorBoundary deviceId={props.deviceId}>
      <DeviceTileBody {...props} />
    </TileErrorBoundary>
  );
});

function DeviceTileBody({ deviceId, zoneName, onOpen, renderExtra, full = false, wall = false }: DeviceTileProps) {
  if (import.meta.env.MODE === 'bench') countTileRender();
  const device = useDevice(deviceId);
  const { locale, canControl } = useHomeyEnvironment();
  const { t } = useI18n();
  const freshness = useDataFreshness();
  const headingId = useId();
  if (!device) return null;
  const capabilities = orderedCapabilities(device);
  const titles = distinctCapabilityTitles(capabilities, locale.slice(0, 2));
  const leads = (c: Capability) => leadsTile(c, device.ui);
  // A player's previous/play/next are one row of buttons, where the session may use them.
  const media = canControl && !wall ? MEDIA_CAPABILITIES.map((id) => capabilities.find((c) => c.id === id && c.setable)).filter((c): c is Capability => c !== undefined) : [];
  const listed = media.length ? capabilities.filter((c) => !media.includes(c)) : capabilities;
  const ordered = [...listed.filter(leads), ...listed.filter((c) => !leads(c))];
  const shown = full ? ordered : wall ? wallCapabilities(ordered, device.ui) : ordered.slice(0, 6);
  const temperatureLead = ordered[0] !== undefined && leads(ordered[0]);
  // On the wall the first value is drawn large whatever it is, unless it is a control to use.
  const leadsLarge = (capability: Capability, index: number) =>
    index === 0 && (wall ? !(canControl && isControl(capabilityKind(capability, device.ui))) : temperatureLead);
  const state = deviceState(device);
  return (
    <article
      className={`tile${device.available ? '' : ' is-unavailable'}${temperatureLead ? ' is-temperature' : ''} freshness-${freshness}`}
      aria-labelledby={headingId}
      data-device-id={device.id}
      data-state={state}
      data-battery={hasLowBattery(device) ? 'low' : undefined}
    >
      <header className="tile-header">
        <DeviceIcon device={device} state={state} />
        <h3 id={headingId} className="tile-name">
          {onOpen ? (
            <a href={`?device=${encodeURIComponent(device.id)}`} onClick={(event) => {
              if (event.metaKey || event.ctrlKey || event.shiftKey) return;
              event.preventDefault();
              onOpen(device.id);
            }}>
              {device.name}
            </a>
          ) : (
            device.name
          )}
        </h3>
        {zoneName && !wall && <span className="tile-zone">{zoneName}</span>}
      </header>
      {!device.available && (
        <p className="tile-unavailable" role="status">
          {/* The wall says it in a word; the device's own, often long, explanation is on its page. */}
          {wall ? t('tile.unavailable') : (device.unavailableMessage ?? t('tile.unavailable'))}
        </p>
      )}
      {device.warningMessage && <p className="tile-warning">{device.warningMessage}</p>}
      <div className="tile-capabilities">
        {media.length > 0 && <MediaControls device={device} capabilities={media} titles={titles} />}
        {shown.map((capability, index) => (
          <CapabilityView
            key={capability.id}
            device={device}
            capability={capability}
            title={titles.get(capability.id) ?? capability.id}
            lead={leadsLarge(capability, index)}
            full={full}
            extra={
              // The wall has no room for a chart or an age: the device page has both.
              wall ? undefined : (
                <>
                  {renderExtra?.(device, capability)}
                  {index === 0 && temperatureLead && <ValueAge lastUpdated={capability.lastUpdated} locale={locale} />}
                </>
              )
            }
          />
        ))}
        {full && device.brokenCapabilities.map((broken) => <BrokenCapability key={broken.id ?? broken.problem} id={broken.id ?? '?'} problem={broken.problem} />)}
      </div>
      {!full && !wall && ordered.length > shown.length && <p className="tile-more">{t('tile.more', { count: ordered.length - shown.length })}</p>}
      {freshness !== 'fresh' && <DataAge stale={freshness === 'stale'} locale={locale} />}
    </article>
  );
}

function ValueAge({ lastUpdated, locale }: { lastUpdated: string | null; locale: string }) {
  const now = useNow(60_000);
  const at = lastUpdated ? Date.parse(lastUpdated) : Number.NaN;
  if (!Number.isFinite(at)) return null;
  return <span className="value-age">{formatAge(now - at, locale)}</span>;
}

function DataAge({ stale, locale }: { stale: boolean; locale: string }) {
  const now = useNow(10_000);
  const since = useLastFetchedAt();
  const { t } = useI18n();
  if (since === null) return null;
  const age = formatAge(now - since, locale);
  return (
    <p className={`tile-age${stale ? ' is-stale' : ''}`} role="status">
      {stale ? t('tile.staleAgo', { age }) : t('tile.updatedAgo', { age })}
    </p>
  );
}

function BrokenTile() {
  const { t } = useI18n();
  return (
    <article className="tile is-broken" role="note">
      <p>{t('tile.broken')}</p>
    </article>
  );
}

interface BoundaryState {
  failed: boolean;
}

/** One broken device never blanks the dashboard: it becomes a small note in its own place. */
export class TileErrorBoundary extends Component<{ deviceId: string; children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: false };

  static getDerivedStateFromError(): BoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // The message and component stack are enough to report; device data (and tokens) stay out of logs.
    console.error(`Tile for device ${this.props.deviceId} failed: ${error.message}`, info.componentStack);
  }

  override render() {
    if (this.state.failed) {
      return <BrokenTile />;
    }
    return this.props.children;
  }
}
