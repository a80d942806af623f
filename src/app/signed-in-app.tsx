import { useMemo } from 'react';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { useAuth } from '../features/auth/auth-provider.tsx';
import { CloudUnreachableError } from '../features/auth/auth-errors.ts';
import { AthomCloudUnreachableError } from '../features/homey/errors.ts';
import type { AccessTokenSource } from '../features/homey/homey-client.ts';
import { SignInNotice } from '../features/auth/sign-in-notice.tsx';
import { HomeyConnectionProvider, useHomeyConnection } from '../features/homey/homey-connection.tsx';
import type { HomeyAccess } from '../features/homey/homey-connection.tsx';
import { KioskShell } from '../features/kiosk/kiosk-shell.tsx';
import { useSettings } from '../features/settings/settings-store.ts';
import { useAddressFlag } from './appearance.tsx';
import { DashboardScreen } from './dashboard-screen.tsx';

// Composes auth and the Homey connection. Auth's passing failure is translated here, so the Homey
// client's retry rules see it for what it is (a refusal is SignInRequiredError on both sides).
function translateAuthError(error: unknown): never {
  if (error instanceof CloudUnreachableError) throw new AthomCloudUnreachableError(error.message, { cause: error });
  throw error;
}

export function SignedInApp({ config }: { config: RuntimeConfig }) {
  const auth = useAuth();
  const { tokenSource, state, signInRequired } = auth;
  const accessToken = useMemo<AccessTokenSource>(
    () => ({
      get: () => tokenSource.get().catch(translateAuthError),
      renew: (failed) => tokenSource.renew(failed).catch(translateAuthError),
    }),
    [tokenSource],
  );
  const access = useMemo<HomeyAccess | undefined>(() => {
    if (state.status === 'cloud') return { kind: 'cloud', athomApiUrl: config.athomApiUrl, accessToken };
    if (state.status === 'local') return { kind: 'local', baseUrl: state.credentials.baseUrl, apiKey: state.credentials.apiKey };
    return undefined;
  }, [state, config.athomApiUrl, accessToken]);
  const [settings] = useSettings();
  const kioskByAddress = useAddressFlag('kiosk');
  const lockedByAddress = useAddressFlag('locked');
  const kiosk = useMemo(() => ({ ...settings.kiosk, enabled: settings.kiosk.enabled || kioskByAddress }), [settings.kiosk, kioskByAddress]);
  if (!access) return null;
  return (
    <KioskShell options={kiosk}>
      <HomeyConnectionProvider access={access} onSignInRequired={signInRequired} onChooseAnotherAddress={auth.chooseAnotherAddress}>
        {auth.renewalRefused && <RenewalNotice onSignIn={auth.signIn} />}
        <DashboardScreen config={config} onSignOut={auth.signOut} locked={settings.kiosk.locked || lockedByAddress} />
      </HomeyConnectionProvider>
    </KioskShell>
  );
}

/** Athom refused to renew the sign-in: the dashboard runs on, under a notice that counts its Homey session down. */
function RenewalNotice({ onSignIn }: { onSignIn: () => Promise<void> }) {
  const { client } = useHomeyConnection();
  return <SignInNotice endsAt={() => client.sessionEndsAt()} onSignIn={onSignIn} />;
}
