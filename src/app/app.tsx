import { QueryClientProvider } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { CrashScreen } from '../components/crash-screen.tsx';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { LoadingScreen } from '../components/loading-screen.tsx';
import { loadRuntimeConfig } from '../config/runtime-config.ts';
import type { ConfigResult, RuntimeConfig } from '../config/runtime-config.ts';
import { AuthProvider, useAuth } from '../features/auth/auth-provider.tsx';
import { holdsStoredSignIn } from '../features/auth/local-credentials.ts';
import { SignInScreen } from '../features/auth/sign-in-screen.tsx';
import { blockReloadWhile } from '../features/kiosk/reload-guard.ts';
import { settingsStore } from '../features/settings/settings-store.ts';
import { I18nProvider, loadLanguage, resolveLanguage } from '../lib/i18n.tsx';
import { Appearance } from './appearance.tsx';
import { createQueryClient, loadQueryPersistence } from './query-client.ts';
import { reloadAfresh } from './reload-afresh.ts';
import { SetupScreen } from './setup-screen.tsx';

let startup: Promise<ConfigResult> | undefined;

/**
 * What the first screen waits for, all at once: config.json, the persisted cache's code (ConfiguredApp
 * restores from it) and the UI language's text (a Dutch wall never flashes English). main.tsx calls
 * this before React renders anything, so on a warm start the requests are on their way while React
 * is still starting, rather than after its first commit.
 */
// The dashboard is a chunk of its own: a first visit, which ends on the sign-in screen, does not
// download it; a signed-in wall asks for it at start, beside config.json (startLoading).
const importSignedInApp = () => import('./signed-in-app.tsx');
let signedInApp: ReturnType<typeof importSignedInApp> | undefined;
const loadSignedInApp = () => (signedInApp ??= importSignedInApp());
const SignedInApp = lazy(() => loadSignedInApp().then((m) => ({ default: m.SignedInApp })));

export function startLoading(): Promise<ConfigResult> {
  if (!startup) {
    loadQueryPersistence().catch(() => undefined);
    if (holdsStoredSignIn()) loadSignedInApp().catch(() => undefined);
    startup = Promise.all([loadRuntimeConfig(), loadLanguage(resolveLanguage(settingsStore().get().language))]).then(([result]) => result);
  }
  return startup;
}

/**
 * Above everything (main.tsx): whatever throws while drawing leaves a page that says so in plain
 * words, instead of a white one.
 */
export function AppErrorBoundary({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary name="The dashboard" fallback={<AppCrashScreen />}>
      {children}
    </ErrorBoundary>
  );
}

function AppCrashScreen() {
  // In the UI language when the settings can still be read; the browser's when they cannot.
  const [language] = useState(() => {
    try {
      return settingsStore().get().language;
    } catch {
      return 'auto';
    }
  });
  return (
    <I18nProvider setting={language}>
      <CrashScreen onReload={() => void reloadAfresh()} />
    </I18nProvider>
  );
}

export function App() {
  const [config, setConfig] = useState<ConfigResult | undefined>();

  useEffect(() => {
    let live = true;
    void startLoading().then((result) => {
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
  const restored = usePersistedQueries(queryClient);
  // A new version's self-reload (kiosk/app-updates.ts) waits while a write is on its way to the
  // Homey or the settings screen is open (the dashboard opens it with `?settings`).
  useEffect(
    () => blockReloadWhile(() => queryClient.isMutating() > 0 || new URLSearchParams(window.location.search).has('settings')),
    [queryClient],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <Appearance>
        {/* Sign-out clears the cache, and with it the persisted copy (query-persistence.ts; the
            stored entry is also under the prefix that wipeStoredSignIn removes). */}
        <AuthProvider config={config} onSignedOut={() => queryClient.clear()}>
          {restored ? <AuthGate config={config} signals={signals} /> : <Loading />}
        </AuthProvider>
      </Appearance>
    </QueryClientProvider>
  );
}

const SIGN_IN_REQUIRED = 'sign-in-required';

/**
 * Restores the last known Homey values (query-persistence.ts) before any query runs, so a cold start
 * draws tiles from them at once, then keeps them stored. True once restored, or once it is clear
 * there is nothing to restore (no stored copy, or its code could not be loaded).
 */
function usePersistedQueries(queryClient: QueryClient): boolean {
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    let live = true;
    let stop: (() => void) | undefined;
    loadQueryPersistence()
      .then((m) => m.restoreAndPersistQueries(queryClient, { buster: import.meta.env.APP_VERSION ?? 'dev' }))
      .then(
        (unsubscribe) => {
          if (live) stop = unsubscribe;
          else unsubscribe();
        },
        // Without its chunk (a failed download) the app runs as before, only without the stored copy.
        () => undefined,
      )
      .finally(() => {
        if (live) setRestored(true);
      });
    return () => {
      live = false;
      stop?.();
    };
  }, [queryClient]);
  return restored;
}

function AuthGate({ config, signals }: { config: RuntimeConfig; signals: EventTarget }) {
  const auth = useAuth();
  const { state, signInRequired, renewing } = auth;
  // Athom rotates the refresh token as it answers: a self-reload mid-refresh would lose the new one.
  useEffect(() => blockReloadWhile(renewing), [renewing]);
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
      return (
        <SignInScreen problem={auth.state.problem} localAddress={auth.state.localAddress} onSignIn={auth.signIn} onSignInLocal={auth.signInLocal} />
      );
    case 'cloud':
    case 'local':
      return (
        <Suspense fallback={<Loading />}>
          <SignedInApp config={config} />
        </Suspense>
      );
  }
}

// Also App's first screen, before the UI language's text has loaded: so in English.
function Loading() {
  return <LoadingScreen message="Loading…" />;
}
