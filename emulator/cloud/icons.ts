import type { Response } from '../http.ts';
import type { Device } from '../home-state/types.ts';
import type { HomeyRuntime } from '../homey-api/runtime.ts';

// Athom's icon host (icons-cdn.athom.com) as a dashboard meets it: `GET <base>/<iconObj.id>-128.png`,
// no sign-in, an image for every icon a device names and 404 for any other id (docs/homey-web-api.md §3).
// Served on the cloud listener under /icons, so the demo's config.json points `iconBaseUrl` there and
// nothing leaves loopback. The real host sends a black drawing on a transparent PNG; this one sends
// the same kind of picture as SVG (a browser goes by the Content-Type, not the name), drawn per device
// class. The drawings are Lucide's (ISC licence), thinner, so they are not the dashboard's own.

/** Stroke drawings on a 24 × 24 grid, per device class. */
const GLYPHS: Readonly<Record<string, string>> = {
  light: '<path d="M15 14c.2-1 .7-1.7 1.5-2.5 1-.9 1.5-2.2 1.5-3.5A6 6 0 0 0 6 8c0 1 .2 2.2 1.5 3.5.7.7 1.3 1.5 1.5 2.5"/><path d="M9 18h6"/><path d="M10 22h4"/>',
  socket: '<path d="M12 22v-5"/><path d="M15 8V2"/><path d="M17 8a1 1 0 0 1 1 1v4a4 4 0 0 1-4 4h-4a4 4 0 0 1-4-4V9a1 1 0 0 1 1-1z"/><path d="M9 8V2"/>',
  sensor: '<path d="m12 14 4-4"/><path d="M3.34 19a10 10 0 1 1 17.32 0"/>',
  thermostat: '<path d="M14 4v10.54a4 4 0 1 1-4 0V4a2 2 0 0 1 4 0Z"/>',
  heatpump: '<path d="M11 8c2-3-2-3 0-6"/><path d="M15.5 8c2-3-2-3 0-6"/><path d="M6 10h.01"/><path d="M6 14h.01"/><path d="M10 16v-4"/><path d="M14 16v-4"/><path d="M18 16v-4"/><path d="M20 6a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h3"/><path d="M5 20v2"/><path d="M19 20v2"/>',
  windowcoverings: '<path d="M3 3h18"/><path d="M20 7H8"/><path d="M20 11H8"/><path d="M10 19h10"/><path d="M8 15h12"/><path d="M4 3v14"/><circle cx="4" cy="19" r="2"/>',
  curtain: '<rect width="18" height="18" x="3" y="3" rx="2"/><path d="M9 3v18"/><path d="M15 3v18"/>',
  speaker: '<rect width="16" height="20" x="4" y="2" rx="2"/><path d="M12 6h.01"/><circle cx="12" cy="14" r="4"/><path d="M12 14h.01"/>',
  vacuumcleaner: '<path d="M12 8V4H8"/><rect width="16" height="12" x="4" y="8" rx="2"/><path d="M2 14h2"/><path d="M20 14h2"/><path d="M15 13v2"/><path d="M9 13v2"/>',
  lock: '<rect width="18" height="11" x="3" y="11" rx="2" ry="2"/><path d="M7 11V7a5 5 0 0 1 10 0v4"/>',
  garagedoor: '<path d="M18 21V10a1 1 0 0 0-1-1H7a1 1 0 0 0-1 1v11"/><path d="M22 19a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 1.132-1.803l7.95-3.974a2 2 0 0 1 1.837 0l7.948 3.974A2 2 0 0 1 22 8z"/><path d="M6 13h12"/><path d="M6 17h12"/>',
  solarpanel: '<path d="M11 2h2"/><path d="m14.28 14-4.56 8"/><path d="m21 22-1.558-4H4.558"/><path d="M3 10v2"/><path d="M6.245 15.04A2 2 0 0 1 8 14h12a1 1 0 0 1 .864 1.505l-3.11 5.457A2 2 0 0 1 16 22H4a1 1 0 0 1-.863-1.506z"/><path d="M7 2a4 4 0 0 1-4 4"/><path d="m8.66 7.66 1.41 1.41"/>',
  other: '<path d="M21 8a2 2 0 0 0-1-1.73l-7-4a2 2 0 0 0-2 0l-7 4A2 2 0 0 0 3 8v8a2 2 0 0 0 1 1.73l7 4a2 2 0 0 0 2 0l7-4A2 2 0 0 0 21 16Z"/><path d="m3.3 7 8.7 5 8.7-5"/><path d="M12 22V12"/>',
};

const ICON_FILE = /^([A-Za-z0-9_-]{1,128})-128\.png$/;

/** The picture for one icon file name, or the CDN's 404 when no device names that icon. */
export function iconResponse(file: string, homeys: Iterable<HomeyRuntime>): Response {
  const id = ICON_FILE.exec(file)?.[1];
  const device = id === undefined ? undefined : findDeviceByIcon(id, homeys);
  if (!device) return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Not Found' };
  const glyph = GLYPHS[device.class ?? ''] ?? GLYPHS.other;
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 24 24" fill="none" stroke="#000" ' +
    `stroke-width="1.25" stroke-linecap="round" stroke-linejoin="round">${glyph}</svg>`;
  return { status: 200, headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }, body: svg };
}

function findDeviceByIcon(id: string, homeys: Iterable<HomeyRuntime>): Device | undefined {
  for (const runtime of homeys) {
    for (const device of Object.values(runtime.spec.devices)) {
      const icon = device.iconObj as { id?: unknown } | null | undefined;
      if (icon?.id === id) return device;
    }
  }
  return undefined;
}
