export interface SetupScreenProps {
  problems: string[];
}

/** Shown instead of a blank page when config.json is missing or wrong. */
export function SetupScreen({ problems }: SetupScreenProps) {
  return (
    <main className="screen">
      <h1>Setup needed</h1>
      <p>The dashboard's configuration file (config.json) needs attention:</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
      <p className="muted">See "Configuration" in the README for every setting.</p>
    </main>
  );
}
