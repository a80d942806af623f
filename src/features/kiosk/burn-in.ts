// Burn-in protection: the whole layout moves a few pixels now and then, round a small square, so no
// pixel shows the same edge for months. Small enough that nobody notices.

const OFFSETS: readonly (readonly [number, number])[] = [
  [0, 0],
  [3, 0],
  [3, 3],
  [0, 3],
  [-3, 3],
  [-3, 0],
  [-3, -3],
  [0, -3],
  [3, -3],
];

export const BURN_IN_STEP_MS = 2 * 60_000;

/** The shift for a given moment: a new offset every BURN_IN_STEP_MS. */
export function burnInOffset(now: number): readonly [number, number] {
  return OFFSETS[Math.floor(now / BURN_IN_STEP_MS) % OFFSETS.length]!;
}
