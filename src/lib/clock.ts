import { useEffect, useState } from 'react';

// The one clock of the app. A wall tablet's battery and a cheap CPU pay for every re-render, so a
// component asks for exactly the resolution it shows: an age in seconds, a clock on the minute.

/** The time now, re-read every `intervalMs` (0 or less: never, for a state with nothing to expire). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (intervalMs <= 0) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The time, re-rendered once a minute on the minute (not every second). */
export function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    let timer: number;
    const schedule = () => {
      // 50 ms past the minute, so a late timer never shows the minute that just ended.
      const msToNextMinute = 60_000 - (Date.now() % 60_000) + 50;
      timer = window.setTimeout(() => {
        setNow(new Date());
        schedule();
      }, msToNextMinute);
    };
    schedule();
    return () => window.clearTimeout(timer);
  }, []);
  return now;
}
