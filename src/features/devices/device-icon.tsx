import { useState } from 'react';
import { Icon, loadIcons } from '../../components/icon.tsx';
import { lazyModule, useLazyModule } from '../../lib/lazy-module.ts';
import { useHomeyEnvironment } from '../homey/homey-environment.tsx';
import type { Device } from './device-schema.ts';
import type { DeviceState } from './device-state.ts';

// Every tile has an icon: the one the Homey names for the device (its driver's drawing on Athom's
// icon host, docs/homey-web-api.md §3), else the dashboard's own for its class and capabilities.

// Icon ids are hex on Athom's host; anything else (a slash, a dot) would make another address of it.
const ICON_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** `<base>/<iconObj.id>-128.png`, or null when the device names no usable icon or no base is set. */
export function deviceIconUrl(device: Pick<Device, 'iconObj'>, base: string | undefined): string | null {
  const id = device.iconObj?.id;
  if (!base || id === undefined || !ICON_ID.test(id)) return null;
  return `${base}/${id}-128.png`;
}

/**
 * The tile's icon, decorative (`alt=""`: the name beside it says what the device is). The Homey's
 * own as an image, never as markup; when it does not load, the built-in one takes its place.
 */
export function DeviceIcon({ device, state }: { device: Device; state: DeviceState | undefined }) {
  const { iconBaseUrl } = useHomeyEnvironment();
  const url = deviceIconUrl(device, iconBaseUrl);
  const [failed, setFailed] = useState<string | null>(null);
  if (url !== null && failed !== url) {
    return (
      <span className="tile-icon is-own" aria-hidden="true">
        <img src={url} alt="" width={128} height={128} decoding="async" draggable={false} onError={() => setFailed(url)} />
      </span>
    );
  }
  return <BuiltinIcon device={device} state={state} />;
}

const builtinNames = lazyModule(() => import('./builtin-icon-names.ts'));

/** Starts fetching the built-in icons (names and drawings); the app calls it early. */
export function loadDeviceIcons(): Promise<unknown> {
  return Promise.all([loadIcons(), builtinNames.load()]);
}

function BuiltinIcon({ device, state }: { device: Device; state: DeviceState | undefined }) {
  const names = useLazyModule(builtinNames);
  // Until the names arrive, an empty box of the icon's size: nothing moves when the drawing comes.
  if (!names) return <span className="icon tile-icon" aria-hidden="true" />;
  return <Icon name={names.builtinIconName(device, state)} className="tile-icon" />;
}
