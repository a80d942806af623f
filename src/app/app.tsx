import { useEffect, useState } from 'react';
import { loadRuntimeConfig } from '../config/runtime-config.ts';
import type { ConfigResult } from '../config/runtime-config.ts';
import { SetupScreen } from './setup-screen.tsx';

export function App() {
  const [config, setConfig] = useState<ConfigResult | undefined>();

  useEffect(() => {
    let live = true;
    void loadRuntimeConfig().then((result) => {
      if (live) setConfig(result);
    });
    return () => {
      live = false;
    };
  }, []);

  if (!config) {
    return (
      <main className="screen" aria-busy="true">
        <p>Loading…</p>
      </main>
    );
  }
  if (!config.ok) return <SetupScreen problems={config.problems} />;
  return (
    <main className="screen">
      <h1>Homey wall dashboard</h1>
      <p>
        Configured for the Athom cloud at <code>{config.config.athomApiUrl}</code>.
      </p>
      <p className="muted">Sign-in and tiles are on their way; this page proves the configuration is sound.</p>
    </main>
  );
}
