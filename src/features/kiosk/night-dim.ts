// Night dimming: inside a daily window (which may cross midnight) the screen is covered by a dark
// veil. "Dim now" dims until the next touch; a touch while dimmed lifts the veil for a while.

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Whether `date` falls inside [from, until) in local time; "22:00"–"07:00" spans midnight. */
export function isWithinDimWindow(date: Date, from: string, until: string): boolean {
  const now = date.getHours() * 60 + date.getMinutes();
  const start = minutes(from);
  const end = minutes(until);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** Milliseconds until the dim window next opens or closes, so one timer is enough. */
export function msUntilNextDimChange(date: Date, from: string, until: string): number {
  const now = date.getHours() * 60 + date.getMinutes();
  const candidates = [minutes(from), minutes(until)].map((m) => (m - now + 1440) % 1440 || 1440);
  const next = Math.min(...candidates);
  return next * 60_000 - date.getSeconds() * 1000 - date.getMilliseconds();
}
