import { memo, startTransition, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { DeviceTile } from '../features/devices/device-tile.tsx';
import type { DeviceSummary } from '../features/devices/use-devices.ts';
import type { OrderedZone } from '../features/home/zone-order.ts';
import { useI18n } from '../lib/i18n.tsx';
import { watchNearScreen } from '../lib/near-screen.ts';
import { renderTemperatureSparkline } from './temperature-sparkline-extra.tsx';
import './device-sections.css';

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

/**
 * Up to this many tiles every one is drawn, so the browser's find-in-page and a screen reader's
 * browse mode see them all (200 tiles: about 5,000 DOM nodes, and a poll that changes nothing costs
 * no render, bench figure 2). Beyond it a tile far from the screen is an empty box of its size until
 * it comes near: a 2,000-device home drew 47,000 nodes and took seconds at every change otherwise.
 * The search box still finds every device.
 */
export const DRAW_ALL_UP_TO = 200;

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
    const inZone = byZone.get(key);
    if (inZone) inZone.push(device);
    else byZone.set(key, [device]);
  }
  const first = favourites.map((id) => byId.get(id)).filter((d): d is DeviceSummary => d !== undefined);
  const zoneOrder = onlyZones.length ? onlyZones.map((id) => zonePath.get(id)).filter((z): z is OrderedZone => z !== undefined) : onlyChosen ? [] : zones;
  const zoneName = (device: DeviceSummary) => (device.zone ? zonePath.get(device.zone)?.zone.name : undefined);
  // Sections in their order, each cut to what is left of the first commit's tiles.
  const lists = [first, ...zoneOrder.map((entry) => byZone.get(entry.zone.id) ?? []), onlyChosen ? [] : (byZone.get('') ?? [])];
  const sections = cutToLimit(lists, everyTile ? Number.POSITIVE_INFINITY : FIRST_TILES);
  const favouriteTiles = sections[0] ?? [];
  const zoneTiles = zoneOrder.map((entry, index) => ({ ...entry, tiles: sections[index + 1] ?? [] }));
  const otherTiles = sections[sections.length - 1] ?? [];
  const windowed = lists.reduce((sum, list) => sum + list.length, 0) > DRAW_ALL_UP_TO;
  // Where each section's tiles start on the page: the first screenful starts out drawn.
  const starts: number[] = [];
  let start = 0;
  for (const list of sections) {
    starts.push(start);
    start += list.length;
  }
  const tile = (device: DeviceSummary, section: number, index: number, zone?: string) =>
    windowed ? (
      <TileSlot key={device.id} deviceId={device.id} zoneName={zone} onOpen={onOpen} initiallyNear={(starts[section] ?? 0) + index < FIRST_TILES} />
    ) : (
      <DeviceTile key={device.id} deviceId={device.id} zoneName={zone} onOpen={onOpen} renderExtra={renderTemperatureSparkline} />
    );

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
            {favouriteTiles.map((device, index) => tile(device, 0, index, zoneName(device)))}
          </div>
        </section>
      )}
      {zoneTiles.map(({ zone, path, depth, tiles: inZone }, section) => {
        if (!inZone.length) return null;
        return (
          <section key={zone.id} className={`zone-section depth-${Math.min(depth, 3)}`} aria-labelledby={`zone-${zone.id}`}>
            <h2 id={`zone-${zone.id}`} title={path}>
              {zone.name}
            </h2>
            <div className="tiles">
              {inZone.map((device, index) => tile(device, section + 1, index))}
            </div>
          </section>
        );
      })}
      {otherTiles.length > 0 && (
        <section className="zone-section" aria-labelledby="zone-other">
          <h2 id="zone-other">{t('home.otherDevices')}</h2>
          <div className="tiles">
            {otherTiles.map((device, index) => tile(device, sections.length - 1, index))}
          </div>
        </section>
      )}
      {visible.length === 0 && <p className="muted">{query ? t('home.noMatch') : t('home.noDevices')}</p>}
    </div>
  );
}

interface TileSlotProps {
  deviceId: string;
  zoneName?: string | undefined;
  onOpen: (deviceId: string) => void;
  /** Drawn before the observer has said where it is (the first screenful). */
  initiallyNear: boolean;
}

/**
 * A tile's place in a big home: the tile itself while it is on or near the screen, an empty box
 * otherwise, as tall as the tile was when it left (or a typical tile's height, in CSS, before it was
 * ever drawn), so the page keeps its length and nothing jumps.
 */
const TileSlot = memo(function TileSlot({ deviceId, zoneName, onOpen, initiallyNear }: TileSlotProps) {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const [place, setPlace] = useState<{ near: boolean; height?: number }>({ near: initiallyNear });
  useEffect(() => {
    if (!element) return undefined;
    return watchNearScreen(element, (near, entry) =>
      setPlace((was) => {
        if (near) return was.near ? was : { ...was, near: true };
        const height = entry && entry.boundingClientRect.height > 0 ? entry.boundingClientRect.height : was.height;
        return !was.near && height === was.height ? was : { near: false, height };
      }),
    );
  }, [element]);
  const { near, height } = place;
  return (
    <div ref={setElement} className={near ? 'tile-slot' : 'tile-slot is-far'} style={!near && height !== undefined ? { minHeight: height } : undefined}>
      {near && <DeviceTile deviceId={deviceId} zoneName={zoneName} onOpen={onOpen} renderExtra={renderTemperatureSparkline} />}
    </div>
  );
});
