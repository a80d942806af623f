// One clock for the whole emulator. Tests move it forward instead of sleeping, so a token that
// "expired an hour ago" is one control call away, and every lifetime check reads the same time.
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }

  get offset(): number {
    return this.offsetMs;
  }
}
