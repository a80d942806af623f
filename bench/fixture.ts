import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_HOMEY_ID, buildDemoWorld } from '../emulator/home-state/demo/demo-home.ts';
import { uuidFromSeed } from '../emulator/ids.ts';

// Homes of a given size for the benchmarks, made at bench time from the demo home (README
// "Fixtures"): its devices first, then copies of them with new ids and numbered names, in the same
// zones. No favourites, so each device is exactly one tile on the wall; Insights history is generated
// by the emulator for every copy, as for any fixture without recorded history.

export interface BenchHome {
  file: string;
  homeyId: string;
  deviceIds: string[];
}

export async function writeBenchHome(dir: string, deviceCount: number): Promise<BenchHome> {
  const home = buildDemoWorld({ seed: 1 }).homeys.find((h) => h.id === DEMO_HOMEY_ID);
  if (!home) throw new Error('the demo world has no "Home" Homey');
  const originals = Object.values(home.devices);
  const devices: Record<string, unknown> = {};
  for (let i = 0; i < deviceCount; i++) {
    const original = originals[i % originals.length]!;
    const round = Math.floor(i / originals.length);
    const id = round === 0 ? original.id : uuidFromSeed(`bench-device:${i}`);
    devices[id] = { ...structuredClone(original), id, name: round === 0 ? original.name : `${original.name} ${round + 1}` };
  }
  const fixture = {
    homeys: [
      {
        id: home.id,
        name: home.name,
        softwareVersion: home.softwareVersion,
        apiKeys: home.apiKeys,
        zones: home.zones,
        devices,
        flows: home.flows,
        advancedFlows: home.advancedFlows,
        weather: home.weather,
        me: { properties: { favoriteDevices: [], favoriteFlows: home.me.properties.favoriteFlows ?? [] } },
      },
    ],
  };
  const file = join(dir, `home-${deviceCount}-devices.json`);
  await writeFile(file, JSON.stringify(fixture));
  return { file, homeyId: home.id, deviceIds: Object.keys(devices) };
}
