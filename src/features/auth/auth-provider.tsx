import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { RuntimeConfig } from '../../config/runtime-config.ts';
import { storageKeys } from '../../lib/storage-keys.ts';
import { pageStorage } from '../../lib/storage.ts';
import type { KeptStorage } from '../../lib/storage.ts';
import type { AccessTokenSource } from '../homey/homey-client.ts';
import { createAccessTokenSource, forgetCloudFailuresOnWake } from './access-token-source.ts';
import { authProblem, problemFromCallbackError, signInWindowError } from './auth-errors.ts';
import type { AuthProblem } from './auth-errors.ts';
import { readLocalCredentials, saveLocalCredentials, wipeStoredSignIn } from './local-credentials.ts';
import type { LocalCredentials } from './local-credentials.ts';
import { completeSignIn } from './sign-in-callback.ts';
import { createLazyUserManager } from './lazy-user-manager.ts';
import type { LazyUserManager } from './lazy-user-manager.ts';

export type AuthState =
  | { status: 'starting' }
  | { status: 'signed-out'; problem?: AuthProblem | undefined; /** The local address to offer again in the local form. */ localAddress?: string | undefined }
  | { status: 'cloud' }
  | { status: 'local'; credentials: LocalCredentials };

export interface AuthContextValue {
  state: AuthState;
  /**
   * Opens Athom's sign-in page: in this tab, or, where this browser keeps nothing across leaving
   * the page, in a window of its own (resolves once signed in; SignInWindowError when it did not
   * open or was closed).
   */
  signIn(): Promise<void>;
  signInLocal(credentials: LocalCredentials): void;
  /** Forgets every token, session and cached Homey value, back to the sign-in screen. */
  signOut(): void;
  /** The saved sign-in was refused for good (cloud refresh, or a local API key): show "Sign in again". */
  signInRequired(kind?: 'session-ended' | 'key-refused'): void;
  /** Local mode only: leaves an address that does not answer, back to the local form with it filled in. */
  chooseAnotherAddress(): void;
  /** For the Homey layer only; nothing that draws anything should hold a token. */
  tokenSource: AccessTokenSource;
  /** An Athom token refresh is on its way: a reload now could lose its answer, and with it the sign-in. */
  renewing(): boolean;
  /**
   * Athom refused to renew the sign-in: the wall runs on its Homey session, and asks a person to
   * sign in again before that ends.
   */
  renewalRefused: boolean;
}

const AuthContext = createContext<AuthContextValue | undefined>(undefined);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

export interface AuthProviderProps {
  config: RuntimeConfig;
  children: ReactNode;
  /** Called on sign-out and on a definitive refusal, to drop cached Homey data. */
  onSignedOut?: () => void;
  /** Where the sign-in is kept: in memory for the life of the page where the browser keeps nothing. */
  storage?: KeptStorage;
  userManager?: LazyUserManager;
}

export function AuthProvider({ config, children, onSignedOut, storage = pageStorage(), userManager }: AuthProviderProps) {
  const [manager] = useState(
    () => userManager ?? createLazyUserManager(config, { storage, origin: window.location.origin, storageHealth: storage.health }),
  );
  const [state, setState] = useState<AuthState>({ status: 'starting' });
  const [renewalRefused, setRenewalRefused] = useState(false);

  const endSession = useCallback(
    (problem: AuthProblem | undefined, localAddress?: string) => {
      wipeStoredSignIn(storage);
      onSignedOut?.();
      setRenewalRefused(false);
      setState({ status: 'signed-out', problem, localAddress });
    },
    [storage, onSignedOut],
  );

  const [tokenSource] = useState(() =>
    createAccessTokenSource({
      userManager: manager,
      // Nothing ends here: the Homey session runs on, and ends the signed-in life when it ends.
      onRenewalRefused: () => setRenewalRefused(true),
    }),
  );

  useEffect(() => {
    let live = true;
    void (async () => {
      const outcome = await completeSignIn({ userManager: manager, href: window.location.href, redirectPath: config.redirectPath });
      if (!live) return;
      if (outcome.kind === 'problem') {
        setState({ status: 'signed-out', problem: outcome.problem });
        return;
      }
      // The page that opened this window signs in; it closes this one.
      if (outcome.kind === 'handed-over') return;
      const local = readLocalCredentials(storage);
      if (local && outcome.kind !== 'signed-in') {
        setState({ status: 'local', credentials: local });
        return;
      }
      const user = await manager.getUser();
      if (!live) return;
      // A sign-in here opens a window at the click, before a pop-up blocker stops counting it.
      if (!user && storage.health() !== 'works') manager.preload();
      setState(user ? { status: 'cloud' } : { status: 'signed-out' });
    })();
    return () => {
      live = false;
    };
  }, [manager, config.redirectPath, storage]);

  useEffect(() => {
    if (state.status !== 'cloud') return undefined;
    // No timer refreshes: the Homey session and the account's Homeys ask for a token when they need one.
    return forgetCloudFailuresOnWake({ source: tokenSource });
  }, [state.status, tokenSource]);

  // Another tab signed out (or was refused): follow it, so no tab polls with dead credentials.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (!storage.isArea(event.storageArea) || event.newValue !== null) return;
      if (state.status === 'cloud' && event.key?.startsWith(storageKeys.oidcUsers)) endSession(undefined);
      if (state.status === 'local' && event.key === storageKeys.localCredentials) endSession(undefined);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [storage, state.status, endSession]);

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      async signIn() {
        if (storage.probe() === 'works') {
          await manager.signinRedirect();
          return;
        }
        // What a redirect leaves behind would be gone on return: Athom's page opens in a window of
        // its own, and this page, which keeps the sign-in in flight in memory, waits for its answer.
        try {
          await manager.signinPopup();
        } catch (error) {
          const windowError = signInWindowError(error);
          if (windowError) throw windowError;
          setState({ status: 'signed-out', problem: problemFromCallbackError(error) });
          return;
        }
        setRenewalRefused(false);
        setState({ status: 'cloud' });
      },
      signInLocal(credentials) {
        saveLocalCredentials(credentials, storage);
        setState({ status: 'local', credentials });
      },
      signOut() {
        void manager.removeUser();
        endSession(undefined);
      },
      signInRequired(kind = 'session-ended') {
        endSession(authProblem(kind), state.status === 'local' ? state.credentials.baseUrl : undefined);
      },
      chooseAnotherAddress() {
        endSession(undefined, state.status === 'local' ? state.credentials.baseUrl : undefined);
      },
      tokenSource,
      renewing: () => tokenSource.renewing(),
      renewalRefused: renewalRefused && state.status === 'cloud',
    }),
    [state, manager, storage, endSession, tokenSource, renewalRefused],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
