import type { CSSProperties, ReactElement, ReactNode } from 'react';
import { memo, startTransition, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { DeviceTile } from '../features/devices/device-tile.tsx';
import type { DeviceSummary } from '../features/devices/use-devices.ts';
import type { OrderedZone } from '../features/home/zone-order.ts';
import { useSettings } from '../features/settings/settings-store.ts';
import { useI18n } from '../lib/i18n.tsx';
import { isNearScreen, watchNearScreen } from '../lib/near-screen.ts';
import { renderTemperatureSparkline } from './temperature-sparkline-extra.tsx';
import { ZoneHeading } from './zone-heading.tsx';
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
  /** Only these devices (a figure of the home summary was tapped). */
  onlyDevices?: ReadonlySet<string> | undefined;
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

/** A zone with this many tiles or fewer shares a row with the small zones beside it. */
export const SMALL_ZONE = 2;

/**
 * Runs of small zones (marked `data-small`) side by side in one shelf, so a room with one lamp
 * does not take a whole row of the wall; every other section stands on its own.
 */
function shelves(sections: readonly (ReactElement<{ 'data-small'?: string }> | null)[]): ReactNode[] {
  const out: ReactNode[] = [];
  let run: ReactElement[] = [];
  const close = () => {
    if (run.length > 1) out.push(<div key={`shelf-${String(run[0]?.key)}`} className="zone-shelf">{run}</div>);
    else out.push(...run);
    run = [];
  };
  for (const section of sections) {
    if (!section) continue;
    if (section.props['data-small'] !== undefined) run.push(section);
    else {
      close();
      out.push(section);
    }
  }
  close();
  return out;
}

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
export function DeviceSections({ devices, broken, zones, favourites, favouritesTitle, onlyZones, onlyChosen, onlyDevices, onOpen }: DeviceSectionsProps) {
  const { t } = useI18n();
  const [settings] = useSettings();
  const wall = settings.density === 'wall';
  const [everyTile, setEveryTile] = useState(false);
  useEffect(() => {
    if (!everyTile) startTransition(() => setEveryTile(true));
  }, [everyTile]);
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim().toLocaleLowerCase());
  const zonePath = useMemo(() => new Map(zones.map((z) => [z.zone.id, z])), [zones]);
  const matches = (device: DeviceSummary) => {
    if (onlyDevices && !onlyDevices.has(device.id)) return false;
    if (!query) return true;
    const zone = device.zone ? (zonePath.get(device.zone)?.path ?? '') : '';
    return device.name.toLocaleLowerCase().includes(query) || zone.toLocaleLowerCase().includes(query);
  };
  const visible = devices.filter(matches);
  const byId = new Map(visible.map((d) => [d.id, d]));
  // A favourite is shown once, first: its zone's section does not repeat it.
  const firstIds = new Set(favourites.filter((id) => byId.has(id)));
  const byZone = new Map<string, DeviceSummary[]>();
  for (const device of visible) {
    if (firstIds.has(device.id)) continue;
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
  const windowed = lists.reduce((sum, list) => sum + list.length, 0) > DRAW_ALL_UP_TO;
  // A big home has every place in its first commit: beyond the first screenful they are empty
  // boxes, cheap to draw at once, and a transition over thousands of them restarted with every
  // query that answered meanwhile (zones, flows, the user), a second before the screen was whole.
  const sections = cutToLimit(lists, everyTile || windowed ? Number.POSITIVE_INFINITY : FIRST_TILES);
  const favouriteTiles = sections[0] ?? [];
  const zoneTiles = zoneOrder.map((entry, index) => ({ ...entry, tiles: sections[index + 1] ?? [] }));
  const otherTiles = sections[sections.length - 1] ?? [];
  // Where each section's tiles start on the page: the first screenful starts out drawn.
  const starts: number[] = [];
  let start = 0;
  for (const list of sections) {
    starts.push(start);
    start += list.length;
  }
  // Small sections share a row; on the wall density every section does, each as wide as its tiles,
  // so the rows fill up. A big home keeps one section per row: its far sections are estimated by rows.
  const shelved = (count: number) => (!windowed && (wall || count <= SMALL_ZONE) ? '' : undefined);
  const tiles = (devices: readonly DeviceSummary[], section: number, zoneNames?: readonly (string | undefined)[]) => (
    <SectionTiles devices={devices} zoneNames={zoneNames} drawnFirst={Math.max(0, FIRST_TILES - (starts[section] ?? 0))} windowed={windowed} wall={wall} onOpen={onOpen} />
  );

  return (
    // Busy until every tile is drawn (FIRST_TILES): the layout below the first screenful still grows.
    // A big home has every place from its first commit, so its layout is whole at once.
    <div className="device-sections" aria-busy={everyTile || windowed ? undefined : true}>
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
      {shelves([
        favouriteTiles.length > 0 ? (
          <section key="favourites" className="zone-section" aria-labelledby="favourites-heading" style={{ '--zone-tiles': favouriteTiles.length } as CSSProperties} data-small={shelved(favouriteTiles.length)}>
            <h2 id="favourites-heading">{favouritesTitle}</h2>
            {tiles(favouriteTiles, 0, favouriteTiles.map(zoneName))}
          </section>
        ) : null,
        ...zoneTiles.map(({ zone, path, depth, tiles: inZone }, section) =>
          inZone.length === 0 ? null : (
            <section
              key={zone.id}
              className={`zone-section depth-${Math.min(depth, 3)}`}
              aria-labelledby={`zone-${zone.id}`}
              style={{ '--zone-tiles': inZone.length } as CSSProperties}
              data-small={shelved(inZone.length)}
            >
              <ZoneHeading id={`zone-${zone.id}`} zoneId={zone.id} name={zone.name} path={path} figures={!windowed} />
              {tiles(inZone, section + 1)}
            </section>
          ),
        ),
        otherTiles.length > 0 ? (
          <section key="other" className="zone-section" aria-labelledby="zone-other" style={{ '--zone-tiles': otherTiles.length } as CSSProperties} data-small={shelved(otherTiles.length)}>
            <h2 id="zone-other">{t('home.otherDevices')}</h2>
            {tiles(otherTiles, sections.length - 1)}
          </section>
        ) : null,
      ])}
      {visible.length === 0 && <p className="muted">{query ? t('home.noMatch') : t('home.noDevices')}</p>}
    </div>
  );
}

interface SectionTilesProps {
  devices: readonly DeviceSummary[];
  /** The zone to name on each tile (favourites, which come from every zone). */
  zoneNames?: readonly (string | undefined)[] | undefined;
  /** How many of the first tiles are drawn before the observer has said where they are. */
  drawnFirst: number;
  /** A big home: only the tiles near the screen are drawn. */
  windowed: boolean;
  /** The wall density's tiles (DeviceTile `wall`). */
  wall: boolean;
  onOpen: (deviceId: string) => void;
}

interface Places {
  /** The section's grid is on or near the screen: its tiles have places of their own. */
  sectionNear: boolean;
  /** The grid's height when it was last near, for the empty box that stands in for it. */
  sectionHeight?: number;
  near: ReadonlySet<string>;
  /** The height a tile was drawn at, kept while it is away. */
  heights: ReadonlyMap<string, number>;
}

/** A far section stands in as this many rows of typical tiles (in CSS), before it was ever drawn. */
function estimatedRows(tiles: number): number {
  const width = globalThis.innerWidth ?? 1280;
  // 15rem columns and the gap, at the default root size: about right is enough for a scrollbar.
  const columns = Math.max(1, Math.floor(width / 252));
  return Math.ceil(tiles / columns);
}

/**
 * A section's grid of tiles. In a big home the grid is watched (one shared observer for the page):
 * far from the screen it is one empty box as tall as it was (or as its rows of typical tiles), near
 * it each tile has a place of its own, watched too, holding the tile while it is on or near the
 * screen and otherwise an empty box of the tile's last height. So the page keeps its length, nothing
 * jumps, and what the browser lays out is a few screens of tiles and a box per section: a place per
 * tile for 2,000 tiles cost a quarter of a second of layout at 4× CPU, and a component per tile a
 * second of rendering.
 */
const SectionTiles = memo(function SectionTiles({ devices, zoneNames, drawnFirst, windowed, wall, onOpen }: SectionTilesProps) {
  const grid = useRef<HTMLDivElement>(null);
  const [places, setPlaces] = useState<Places>(() => ({ sectionNear: drawnFirst > 0, near: new Set(devices.slice(0, drawnFirst).map((d) => d.id)), heights: new Map() }));
  const watched = useRef(new Map<Element, () => void>());
  const { sectionNear } = places;

  // Before the first paint, what is on the screen by its box: the observer's first word comes a
  // frame or two later, and the screen would be drawn twice, the second time whole. Once for the
  // grid, and once more for its places when that made them appear.
  useLayoutEffect(() => {
    const container = windowed ? grid.current : null;
    if (!container || !isNearScreen(container)) return;
    const near: string[] = [];
    if (sectionNear) {
      for (const element of container.children) {
        const id = element.getAttribute('data-place');
        if (id !== null && isNearScreen(element)) near.push(id);
      }
    }
    setPlaces((was) => (was.sectionNear && near.every((id) => was.near.has(id)) ? was : { ...was, sectionNear: true, near: new Set([...was.near, ...near]) }));
  }, [windowed, sectionNear]);

  // The grid itself, while the section is windowed.
  useEffect(() => {
    const container = windowed ? grid.current : null;
    if (!container) return undefined;
    return watchNearScreen(container, (near, entry) =>
      setPlaces((was) => {
        if (near === was.sectionNear) return was;
        if (near) return { ...was, sectionNear: true };
        const height = entry?.boundingClientRect.height ?? 0;
        return { ...was, sectionNear: false, near: new Set(), sectionHeight: height > 0 ? height : was.sectionHeight };
      }),
    );
  }, [windowed]);

  // After every commit: watch the places that are new, stop watching those that are gone.
  useEffect(() => {
    const container = windowed && sectionNear ? grid.current : null;
    const current = new Set<Element>(container?.children ?? []);
    for (const [element, stop] of watched.current) {
      if (current.has(element)) continue;
      stop();
      watched.current.delete(element);
    }
    for (const element of current) {
      const id = element.getAttribute('data-place');
      if (id === null || watched.current.has(element)) continue;
      const stop = watchNearScreen(element, (near, entry) =>
        setPlaces((was) => {
          if (!was.sectionNear || near === was.near.has(id)) return was;
          const nearNow = new Set(was.near);
          if (near) {
            nearNow.add(id);
            return { ...was, near: nearNow };
          }
          nearNow.delete(id);
          const height = entry?.boundingClientRect.height ?? 0;
          return { ...was, near: nearNow, heights: height > 0 ? new Map(was.heights).set(id, height) : was.heights };
        }),
      );
      watched.current.set(element, stop);
    }
  });
  useEffect(() => {
    const all = watched.current;
    return () => {
      for (const stop of all.values()) stop();
      all.clear();
    };
  }, []);

  if (!windowed) {
    return (
      <div className="tiles">
        {devices.map((device, index) => (
          <DeviceTile key={device.id} deviceId={device.id} zoneName={zoneNames?.[index]} onOpen={onOpen} renderExtra={renderTemperatureSparkline} wall={wall} />
        ))}
      </div>
    );
  }
  if (!sectionNear) {
    const size = places.sectionHeight === undefined ? { '--rows': estimatedRows(devices.length) } : { minHeight: places.sectionHeight };
    return <div className="tiles is-far" ref={grid} style={size as CSSProperties} />;
  }
  return (
    <div className="tiles" ref={grid}>
      {devices.map((device, index) => {
        // The same element either way, so it stays watched as it changes.
        if (!places.near.has(device.id)) {
          const height = places.heights.get(device.id);
          return <div key={device.id} data-place={device.id} className="tile-slot is-far" style={height === undefined ? undefined : { minHeight: height }} />;
        }
        return (
          <div key={device.id} data-place={device.id} className="tile-slot">
            <DeviceTile deviceId={device.id} zoneName={zoneNames?.[index]} onOpen={onOpen} renderExtra={renderTemperatureSparkline} wall={wall} />
          </div>
        );
      })}
    </div>
  );
}, sameSectionTiles);

/** A new render of the sections hands every section new arrays; what matters is what is in them. */
function sameSectionTiles(a: SectionTilesProps, b: SectionTilesProps): boolean {
  return (
    a.windowed === b.windowed &&
    a.wall === b.wall &&
    a.drawnFirst === b.drawnFirst &&
    a.onOpen === b.onOpen &&
    sameItems(a.devices, b.devices) &&
    (a.zoneNames === b.zoneNames || (a.zoneNames !== undefined && b.zoneNames !== undefined && sameItems(a.zoneNames, b.zoneNames)))
  );
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
