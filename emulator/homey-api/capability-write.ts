import type { CapabilityObj, Device } from '../home-state/types.ts';

// What a Homey checks before it passes a value to a driver. The messages follow the Homey's own
// wording where it is known; the status is 400 for a value the client got wrong.

export type WriteCheck = { ok: true; value: number | boolean | string } | { ok: false; status: number; message: string };

export function checkWrite(device: Device, capabilityId: string, body: unknown): WriteCheck {
  const capability: CapabilityObj | undefined = device.capabilitiesObj[capabilityId];
  if (!capability || !device.capabilities.includes(capabilityId)) {
    return { ok: false, status: 404, message: `Capability Not Found: ${capabilityId}` };
  }
  if (device.available === false) {
    return { ok: false, status: 400, message: `Device Unavailable: ${device.unavailableMessage ?? device.name}` };
  }
  if (capability.setable !== true) return { ok: false, status: 400, message: `Capability Not Setable: ${capabilityId}` };
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('value' in body)) {
    return { ok: false, status: 400, message: 'Missing Parameter: value' };
  }
  const value = (body as { value: unknown }).value;

  switch (capability.type) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return { ok: false, status: 400, message: `Invalid value type for ${capabilityId}: expected number, got ${describe(value)}` };
      }
      if (typeof capability.min === 'number' && value < capability.min) {
        return { ok: false, status: 400, message: `Invalid value for ${capabilityId}: ${value} is below the minimum of ${capability.min}` };
      }
      if (typeof capability.max === 'number' && value > capability.max) {
        return { ok: false, status: 400, message: `Invalid value for ${capabilityId}: ${value} is above the maximum of ${capability.max}` };
      }
      return { ok: true, value };
    }
    case 'boolean':
      if (typeof value !== 'boolean') {
        return { ok: false, status: 400, message: `Invalid value type for ${capabilityId}: expected boolean, got ${describe(value)}` };
      }
      return { ok: true, value };
    case 'enum': {
      const ids = (capability.values ?? []).map((v) => v.id);
      if (typeof value !== 'string' || !ids.includes(value)) {
        return { ok: false, status: 400, message: `Invalid value for ${capabilityId}: ${JSON.stringify(value)} is not one of ${ids.join(', ')}` };
      }
      return { ok: true, value };
    }
    case 'string':
      if (typeof value !== 'string') {
        return { ok: false, status: 400, message: `Invalid value type for ${capabilityId}: expected string, got ${describe(value)}` };
      }
      return { ok: true, value };
    default:
      if (typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'string') {
        return { ok: false, status: 400, message: `Invalid value type for ${capabilityId}: got ${describe(value)}` };
      }
      return { ok: true, value };
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Writes an accepted value, with the side effects a Homey applies: a `dim` above 0 switches the
 * light on (the `setOnDim` default), and buttons keep `value: null` because they are not getable.
 * Returns the capabilities whose value changed.
 */
export function applyWrite(device: Device, capabilityId: string, value: number | boolean | string, at: string): string[] {
  const changed: string[] = [];
  const set = (id: string, v: number | boolean | string) => {
    const cap = device.capabilitiesObj[id];
    if (!cap || cap.getable === false) return;
    cap.value = v;
    cap.lastUpdated = at;
    changed.push(id);
  };
  set(capabilityId, value);
  const dim = device.capabilitiesObj[capabilityId];
  if (capabilityId === 'dim' && typeof value === 'number' && device.capabilitiesObj.onoff && dim?.options?.setOnDim !== false) {
    if (device.capabilitiesObj.onoff.value !== value > 0) set('onoff', value > 0);
  }
  return changed;
}
