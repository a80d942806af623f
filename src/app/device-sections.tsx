import { startTransition, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { DeviceTile } from '../features/devices/device-tile.tsx';
import type { DeviceSummary } from '../features/devices/use-devices.ts';
import type { OrderedZone } from '../features/home/zone-order.ts';
import { useI18n } from '../lib/i18n.tsx';
import { renderTemperatureSparkline } from './temperature-sparkline-extra.tsx';

export interface DeviceSectionsProps {
  devices: readonly DeviceSummary[];
  broken: readonly { id?: string | undefined; name?: string | undefined; problem: string }[];
  zones: readonly OrderedZone[];
  /** Shown first, in this order. */
  favourites: readonly string[];
  favouritesTitle: string;
  /** A view's zones, in its order; empty: every zone in the Homey's order. */
  onlyZones: readonly string[];
  /** A view shows what it names and nothing else. */
  onlyChosen: boolean;
  onOpen: (deviceId: string) => void;
}

/**
 * Tiles in the dashboard's first commit: about a tablet's first screenful. On a cheap tablet drawing
 * forty tiles at once delays the first one by a few hundred milliseconds; the rest follow straight
 * after in a transition, which React renders in slices between frames.
 */
export const FIRST_TILES = 12;

/** The lists in order, cut so that together they hold at most `limit` items. */
export function cutToLimit<T>(lists: readonly (readonly T[])[], limit: number): (readonly T[])[] {
  const out: (readonly T[])[] = [];
  let left = limit;
  for (const list of lists) {
    const shown = list.length <= left ? list : list.slice(0, Math.max(0, left));
    left -= shown.length;
    out.push(shown);
  }
  return out;
}

/**
 * Every device as a tile, grouped: favourites (or a view's devices) first, then each zone in order,
 * then those in no known zone (a view shows only what it names). Above them a search by name or
 * zone, and the devices that could not be read.
 */
export function DeviceSections({ devices, broken, zones, favourites, favouritesTitle, onlyZones, onlyChosen, onOpen }: DeviceSectionsProps) {
  const { t } = useI18n();
  const [everyTile, setEveryTile] = useState(false);
  useEffect(() => {
    if (!everyTile) startTransition(() => setEveryTile(true));
  }, [everyTile]);
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim().toLocaleLowerCase());
  const zonePath = useMemo(() => new Map(zones.map((z) => [z.zone.id, z])), [zones]);
  const matches = (device: DeviceSummary) => {
    if (!query) return true;
    const zone = device.zone ? (zonePath.get(device.zone)?.path ?? '') : '';
    return device.name.toLocaleLowerCase().includes(query) || zone.toLocaleLowerCase().includes(query);
  };
  const visible = devices.filter(matches);
  const byId = new Map(visible.map((d) => [d.id, d]));
  const byZone = new Map<string, DeviceSummary[]>();
  for (const device of visible) {
    const key = device.zone && zonePath.has(device.zone) ? device.zone : '';
    byZone.set(key, [...(byZone.get(key) ?? []), device]);
  }
  const first = favourites.map((id) => byId.get(id)).filter((d): d is DeviceSummary => d !== undefined);
  const zoneOrder = onlyZones.length ? onlyZones.map((id) => zonePath.get(id)).filter((z): z is OrderedZone => z !== undefined) : onlyChosen ? [] : zones;
  const zoneName = (device: DeviceSummary) => (device.zone ? zonePath.get(device.zone)?.zone.name : undefined);
  // Sections in their order, each cut to what is left of the first commit's tiles.
  const sections = cutToLimit([first, ...zoneOrder.map((entry) => byZone.get(entry.zone.id) ?? []), onlyChosen ? [] : (byZone.get('') ?? [])], everyTile ? Number.POSITIVE_INFINITY : FIRST_TILES);
  const favouriteTiles = sections[0] ?? [];
  const zoneTiles = zoneOrder.map((entry, index) => ({ ...entry, tiles: sections[index + 1] ?? [] }));
  const otherTiles = sections[sections.length - 1] ?? [];

  return (
    // Busy until every tile is drawn (FIRST_TILES): the layout below the first screenful still grows.
    <div className="device-sections" aria-busy={everyTile ? undefined : true}>
      <div className="search">
        <label htmlFor="device-search">{t('home.search')}</label>
        <input id="device-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder={t('home.searchPlaceholder')} />
      </div>
      {broken.length > 0 && (
        <section className="broken-devices" aria-label={t('home.unreadableSection')}>
          {broken.map((item, index) => (
            <p key={item.id ?? index} role="note" className="tile is-broken">
              {t('home.unreadable', { name: item.name ?? item.id ?? '?', problem: item.problem })}
            </p>
          ))}
        </section>
      )}
      {favouriteTiles.length > 0 && (
        <section className="zone-section" aria-labelledby="favourites-heading">
          <h2 id="favourites-heading">{favouritesTitle}</h2>
          <div className="tiles">
            {favouriteTiles.map((device) => (
              <DeviceTile key={device.id} deviceId={device.id} zoneName={zoneName(device)} onOpen={onOpen} renderExtra={renderTemperatureSparkline} />
            ))}
          </div>
        </section>
      )}
      {zoneTiles.map(({ zone, path, depth, tiles: inZone }) => {
        if (!inZone.length) return null;
        return (
          <section key={zone.id} className={`zone-section depth-${Math.min(depth, 3)}`} aria-labelledby={`zone-${zone.id}`}>
            <h2 id={`zone-${zone.id}`} title={path}>
              {zone.name}
            </h2>
            <div className="tiles">
              {inZone.map((device) => (
                <DeviceTile key={device.id} deviceId={device.id} onOpen={onOpen} renderExtra={renderTemperatureSparkline} />
              ))}
            </div>
          </section>
        );
      })}
      {otherTiles.length > 0 && (
        <section className="zone-section" aria-labelledby="zone-other">
          <h2 id="zone-other">{t('home.otherDevices')}</h2>
          <div className="tiles">
            {otherTiles.map((device) => (
              <DeviceTile key={device.id} deviceId={device.id} onOpen={onOpen} renderExtra={renderTemperatureSparkline} />
            ))}
          </div>
        </section>
      )}
      {visible.length === 0 && <p className="muted">{query ? t('home.noMatch') : t('home.noDevices')}</p>}
    </div>
  );
}
