import { describe, expect, it, vi } from 'vitest';
import { burnInOffset, BURN_IN_STEP_MS } from './burn-in.ts';
import { isWithinDimWindow, msUntilNextDimChange } from './night-dim.ts';
import { holdWakeLock } from './wake-lock.ts';

const at = (hh: number, mm: number) => new Date(2026, 10, 25, hh, mm, 0, 0);

describe('night dim window', () => {
  it('spans midnight', () => {
    expect(isWithinDimWindow(at(23, 0), '22:00', '07:00')).toBe(true);
    expect(isWithinDimWindow(at(6, 59), '22:00', '07:00')).toBe(true);
    expect(isWithinDimWindow(at(7, 0), '22:00', '07:00')).toBe(false);
    expect(isWithinDimWindow(at(12, 0), '22:00', '07:00')).toBe(false);
    expect(isWithinDimWindow(at(13, 0), '12:00', '14:00')).toBe(true);
    expect(isWithinDimWindow(at(13, 0), '12:00', '12:00')).toBe(false);
  });

  it('knows when it next changes', () => {
    expect(msUntilNextDimChange(at(21, 30), '22:00', '07:00')).toBe(30 * 60_000);
    expect(msUntilNextDimChange(at(23, 0), '22:00', '07:00')).toBe(8 * 60 * 60_000);
  });
});

describe('burn-in shift', () => {
  it('moves a few pixels each step and comes back round', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 9; i += 1) seen.add(burnInOffset(i * BURN_IN_STEP_MS).join(','));
    expect(seen.size).toBe(9);
    expect(burnInOffset(9 * BURN_IN_STEP_MS)).toEqual(burnInOffset(0));
    for (const s of seen) for (const n of s.split(',').map(Number)) expect(Math.abs(n)).toBeLessThanOrEqual(4);
  });
});

describe('wake lock', () => {
  function fakeEnvironment() {
    const listeners = new Set<() => void>();
    const releases: (() => void)[] = [];
    const requests: string[] = [];
    const doc = {
      visibilityState: 'visible' as DocumentVisibilityState,
      addEventListener: (_: string, l: () => void) => listeners.add(l),
      removeEventListener: (_: string, l: () => void) => listeners.delete(l),
    };
    const wakeLock = {
      request: vi.fn(async (type: WakeLockType) => {
        requests.push(type);
        const handlers: (() => void)[] = [];
        const sentinel = {
          release: async () => handlers.forEach((h) => h()),
          addEventListener: (_: string, h: () => void) => handlers.push(h),
        };
        releases.push(() => handlers.forEach((h) => h()));
        return sentinel as unknown as WakeLockSentinel;
      }),
    };
    const setVisible = (visible: boolean) => {
      doc.visibilityState = visible ? 'visible' : 'hidden';
      if (!visible) releases.splice(0).forEach((r) => r());
      listeners.forEach((l) => l());
    };
    return { env: { wakeLock, document: doc as unknown as Document }, requests, setVisible, releases, listeners };
  }

  it('asks again after every hide/show cycle and after the browser releases it', async () => {
    const fake = fakeEnvironment();
    const stop = holdWakeLock(fake.env);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    fake.setVisible(false);
    fake.setVisible(true);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(2));
    fake.releases.splice(0).forEach((r) => r());
    await vi.waitFor(() => expect(fake.requests).toHaveLength(3));
    stop();
    expect(fake.listeners.size).toBe(0);
  });

  it('does nothing where the API is missing', () => {
    const doc = { visibilityState: 'visible', addEventListener: vi.fn(), removeEventListener: vi.fn() } as unknown as Document;
    const stop = holdWakeLock({ wakeLock: undefined, document: doc });
    expect(doc.addEventListener).not.toHaveBeenCalled();
    expect(() => stop()).not.toThrow();
  });
});
