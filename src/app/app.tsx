import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { loadRuntimeConfig } from '../config/runtime-config.ts';
import type { ConfigResult, RuntimeConfig } from '../config/runtime-config.ts';
import { AuthProvider, useAuth } from '../features/auth/auth-provider.tsx';
import { SignInScreen } from '../features/auth/sign-in-screen.tsx';
import { settingsStore } from '../features/settings/settings-store.ts';
import { loadLanguage, resolveLanguage } from '../lib/i18n.tsx';
import { Appearance } from './appearance.tsx';
import { createQueryClient } from './query-client.ts';
import { SetupScreen } from './setup-screen.tsx';
import { SignedInApp } from './signed-in-app.tsx';

export function App() {
  const [config, setConfig] = useState<ConfigResult | undefined>();

  useEffect(() => {
    let live = true;
    // The UI language's text loads alongside the config, so a Dutch wall never flashes English.
    void Promise.all([loadRuntimeConfig(), loadLanguage(resolveLanguage(settingsStore().get().language))]).then(([result]) => {
      if (live) setConfig(result);
    });
    return () => {
      live = false;
    };
  }, []);

  if (!config) return <Loading />;
  if (!config.ok) return <SetupScreen problems={config.problems} />;
  return <ConfiguredApp config={config.config} />;
}

function ConfiguredApp({ config }: { config: RuntimeConfig }) {
  // The query cache learns of a refused sign-in outside React; the gate below listens for it.
  const [signals] = useState(() => new EventTarget());
  const [queryClient] = useState(() => createQueryClient(() => signals.dispatchEvent(new Event(SIGN_IN_REQUIRED))));
  return (
    <QueryClientProvider client={queryClient}>
      <Appearance>
        <AuthProvider config={config} onSignedOut={() => queryClient.clear()}>
          <AuthGate config={config} signals={signals} />
        </AuthProvider>
      </Appearance>
    </QueryClientProvider>
  );
}

const SIGN_IN_REQUIRED = 'sign-in-required';

function AuthGate({ config, signals }: { config: RuntimeConfig; signals: EventTarget }) {
  const auth = useAuth();
  const { state, signInRequired } = auth;
  useEffect(() => {
    const end = () => {
      if (state.status === 'cloud') signInRequired('session-ended');
      if (state.status === 'local') signInRequired('key-refused');
    };
    signals.addEventListener(SIGN_IN_REQUIRED, end);
    return () => signals.removeEventListener(SIGN_IN_REQUIRED, end);
  }, [state.status, signInRequired, signals]);
  switch (auth.state.status) {
    case 'starting':
      return <Loading />;
    case 'signed-out':
      return <SignInScreen problem={auth.state.problem} onSignIn={auth.signIn} onSignInLocal={auth.signInLocal} />;
    case 'cloud':
    case 'local':
      return <SignedInApp config={config} />;
  }
}

function Loading() {
  return (
    <main className="screen" aria-busy="true">
      <p>Loading…</p>
    </main>
  );
}
