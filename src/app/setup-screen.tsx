import { POLL_BOUNDS } from '../config/runtime-config.ts';
import type { PollIntervals } from '../config/runtime-config.ts';

export interface SetupScreenProps {
  problems: string[];
}

const durations = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${ms / 1000} s`);

/** Shown instead of a blank page when config.json is missing or wrong. */
export function SetupScreen({ problems }: SetupScreenProps) {
  const aboutPolls = problems.some((problem) => problem.includes('pollIntervals'));
  return (
    <main className="screen">
      <h1>Setup needed</h1>
      <p>The dashboard's configuration file (config.json) needs attention:</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
      {aboutPolls && (
        // In English like the rest of this screen: it shows before the UI language is known.
        <p>
          Poll intervals are milliseconds:{' '}
          {(Object.keys(POLL_BOUNDS) as (keyof PollIntervals)[])
            .map((key) => `${key} from ${durations(POLL_BOUNDS[key].minMs)} to ${durations(POLL_BOUNDS[key].maxMs)}`)
            .join(', ')}
          . A longer one is lowered to the longest, and the settings' "About this wall" says so.
        </p>
      )}
      <p className="muted">See "Configuration" in the README for every setting.</p>
    </main>
  );
}
