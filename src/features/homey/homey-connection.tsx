import { useQuery } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { createAthomCloud } from './athom-cloud.ts';
import type { AthomCloud, AthomHomey } from './athom-cloud.ts';
import { AthomRenewalRefusedError, SignInRequiredError } from './errors.ts';
import { createHomeyClient, hasScope } from './homey-client.ts';
import type { AccessTokenSource, HomeyClient } from './homey-client.ts';
import { createApiKeySession, createCloudSession } from './homey-session.ts';
import { HomeyPicker } from './homey-picker.tsx';
import { homeyQueries } from './homey-queries.ts';
import { watchLocalNetworkPermission } from './local-network-permission.ts';
import type { LocalNetworkPermission, LocalNetworkState } from './local-network-permission.ts';
import type { Route } from './route-discovery.ts';
import { createDirectRouteProvider, createRouteProvider } from './route-provider.ts';
import { defaultStorage, readItem, writeItem } from './stored-item.ts';
import type { StorageLike } from './stored-item.ts';
import { ProblemScreen } from '../../components/problem-screen.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { fetchToLocalNetwork, needsLocalTarget } from '../../lib/local-address-space.ts';
import { storageKeys } from '../../lib/storage-keys.ts';

// Turns "signed in" into "a ready Homey client": which Homey (a picker when there are several, the
// choice remembered), how to reach it, and what the session may do. Everything below this provider
// asks `useHomeyConnection()` for the client and never sees a token or an address.

export type HomeyAccess =
  | { kind: 'cloud'; athomApiUrl: string; accessToken: AccessTokenSource }
  | { kind: 'local'; baseUrl: string; apiKey: string };

export interface HomeyConnection {
  client: HomeyClient;
  homey: { id: string; name: string };
  route: Route | undefined;
  /** The browser's local network permission: `denied` means the LAN is out of reach, whatever the Homey does. */
  localNetwork: LocalNetworkState;
  /** What the session may do; undefined until known. */
  scopes: readonly string[] | undefined;
  canControl: boolean;
  /** Back to the Homey picker (cloud accounts with several Homeys). */
  chooseAnotherHomey: (() => void) | undefined;
}

const ConnectionContext = createContext<HomeyConnection | undefined>(undefined);

export function useHomeyConnection(): HomeyConnection {
  const value = useContext(ConnectionContext);
  if (!value) throw new Error('useHomeyConnection must be used inside <HomeyConnectionProvider>');
  return value;
}

export interface HomeyConnectionProviderProps {
  access: HomeyAccess;
  /** A definitive refusal reached us (Athom refused the refresh token, or the Homey the API key). */
  onSignInRequired: (reason: 'session-ended' | 'key-refused') => void;
  /** Local mode: the way back to the local form, offered while waiting and when the Homey does not answer. */
  onChooseAnotherAddress?: (() => void) | undefined;
  storage?: StorageLike | undefined;
  /** The browser's local network permission; read from `navigator.permissions` unless given. */
  permission?: LocalNetworkPermission | undefined;
  children: ReactNode;
}

export function HomeyConnectionProvider({ access, onSignInRequired, onChooseAnotherAddress, storage = defaultStorage(), permission, children }: HomeyConnectionProviderProps) {
  const [watched] = useState(() => permission ?? watchLocalNetworkPermission());
  if (access.kind === 'local') {
    return (
      <LocalConnection
        baseUrl={access.baseUrl}
        apiKey={access.apiKey}
        permission={watched}
        onSignInRequired={onSignInRequired}
        onChooseAnotherAddress={onChooseAnotherAddress}
      >
        {children}
      </LocalConnection>
    );
  }
  return (
    <CloudConnection access={access} storage={storage} permission={watched} onSignInRequired={onSignInRequired}>
      {children}
    </CloudConnection>
  );
}

function CloudConnection({
  access,
  storage,
  permission,
  onSignInRequired,
  children,
}: {
  access: Extract<HomeyAccess, { kind: 'cloud' }>;
  storage: StorageLike | undefined;
  permission: LocalNetworkPermission;
  onSignInRequired: HomeyConnectionProviderProps['onSignInRequired'];
  children: ReactNode;
}) {
  const cloud = useMemo(
    () => createAthomCloud({ baseUrl: access.athomApiUrl, accessToken: access.accessToken }),
    [access.athomApiUrl, access.accessToken],
  );
  const { t } = useI18n();
  const user = useQuery(homeyQueries.athomUser(cloud));
  const [chosenId, setChosenId] = useState(() => readItem(storage, storageKeys.chosenHomey) ?? undefined);
  const [picking, setPicking] = useState(false);

  useEffect(() => {
    if (user.error instanceof SignInRequiredError) onSignInRequired('session-ended');
    // Without the account's Homeys there is no session to run on: only a new sign-in helps.
    if (user.error instanceof AthomRenewalRefusedError && !user.data) onSignInRequired('session-ended');
  }, [user.error, user.data, onSignInRequired]);

  const choose = useCallback(
    (homey: AthomHomey) => {
      // Where the browser will not keep it, the choice holds for this page: it is asked again next time.
      writeItem(storage, storageKeys.chosenHomey, homey.id);
      setChosenId(homey.id);
      setPicking(false);
    },
    [storage],
  );

  if (!user.data) {
    if (user.error) {
      return (
        <ProblemScreen
          title={t('connection.cloudUnreachable')}
          message={t('connection.cloudUnreachableMessage')}
          onRetry={() => void user.refetch()}
          retryLabel={t('connection.tryAgain')}
        />
      );
    }
    return <Connecting what={t('connection.yourAccount')} />;
  }
  const homeys = user.data.homeys;
  if (homeys.length === 0) {
    return (
      <ProblemScreen
        title={t('connection.noHomey')}
        message={t('connection.noHomeyMessage')}
        onRetry={() => void user.refetch()}
        retryLabel={t('connection.tryAgain')}
      />
    );
  }
  const chosen = homeys.find((h) => h.id === chosenId) ?? (homeys.length === 1 ? homeys[0] : undefined);
  if (!chosen || picking) {
    return <HomeyPicker homeys={homeys} chosenId={chosenId} onChoose={choose} permission={permission} />;
  }
  return (
    <ChosenHomey
      key={chosen.id}
      homey={chosen}
      cloud={cloud}
      storage={storage}
      permission={permission}
      chooseAnotherHomey={homeys.length > 1 ? () => setPicking(true) : undefined}
    >
      {children}
    </ChosenHomey>
  );
}

function ChosenHomey({
  homey,
  cloud,
  storage,
  permission,
  chooseAnotherHomey,
  children,
}: {
  homey: AthomHomey;
  cloud: AthomCloud;
  storage: StorageLike | undefined;
  permission: LocalNetworkPermission;
  chooseAnotherHomey: (() => void) | undefined;
  children: ReactNode;
}) {
  const [parts] = useState(() => {
    const routes = createRouteProvider({ homey, storage, permission });
    const session = createCloudSession({
      homeyId: homey.id,
      homeyName: homey.name,
      cloud,
      storage,
      baseUrl: async () => (await routes.current()).baseUrl,
    });
    const client = createHomeyClient({ homey: { id: homey.id, name: homey.name }, session, route: routes });
    return { routes, client };
  });
  return (
    <ReadyConnection client={parts.client} chooseAnotherHomey={chooseAnotherHomey}>
      {children}
    </ReadyConnection>
  );
}

function LocalConnection({
  baseUrl,
  apiKey,
  permission,
  onSignInRequired,
  onChooseAnotherAddress,
  children,
}: {
  baseUrl: string;
  apiKey: string;
  permission: LocalNetworkPermission;
  onSignInRequired: HomeyConnectionProviderProps['onSignInRequired'];
  onChooseAnotherAddress: (() => void) | undefined;
  children: ReactNode;
}) {
  const client = useMemo(
    () =>
      createHomeyClient({
        homey: { id: 'local', name: 'Homey' },
        session: createApiKeySession(apiKey),
        route: createDirectRouteProvider(baseUrl, permission),
        // A plain http Homey from an https page: marked local, which Chromium lets through (§5).
        ...(needsLocalTarget(baseUrl) ? { fetch: fetchToLocalNetwork() } : {}),
      }),
    [baseUrl, apiKey, permission],
  );
  const { t } = useI18n();
  const localNetwork = useSyncExternalStore(
    (notify) => client.subscribe(notify),
    () => client.status().localNetwork,
    () => client.status().localNetwork,
  );
  // The name doubles as the check that the key works: a refused key ends here, before any tile.
  const name = useQuery(homeyQueries.localName(client));
  useEffect(() => {
    if (name.error instanceof SignInRequiredError) onSignInRequired('key-refused');
  }, [name.error, onSignInRequired]);
  // With the local network denied, every retry fails the same way: say so after the first.
  const failure = name.error ?? (localNetwork === 'denied' && name.failureCount > 0 ? name.failureReason : null);
  // A well-formed address that nothing answers (a wrong IP) would otherwise wait without end.
  const silent = useSilentFor(name.isPending && !failure, LOCAL_ANSWER_TIMEOUT_MS);
  const host = new URL(baseUrl).host;
  const another = onChooseAnotherAddress ? { label: t('connection.useAnotherAddress'), onClick: onChooseAnotherAddress } : undefined;
  if (name.isPending && !failure && silent) {
    return (
      <ProblemScreen
        title={t('connection.localSilent', { host })}
        message={t('connection.localSilentMessage', { seconds: LOCAL_ANSWER_TIMEOUT_MS / 1000 })}
        onRetry={() => void name.refetch({ cancelRefetch: true })}
        retryLabel={t('connection.tryAgain')}
        secondary={another}
      />
    );
  }
  if (name.isPending && !failure) return <Connecting what={host} secondary={another} />;
  if (failure && !(failure instanceof SignInRequiredError) && !isForbidden(failure)) {
    return (
      <ProblemScreen
        title={
          localNetwork === 'denied'
            ? t('connection.lanDeniedTitle', { name: new URL(baseUrl).host })
            : t('connection.localUnreachable', { host: new URL(baseUrl).host })
        }
        message={
          localNetwork === 'denied' ? t('connection.lanDeniedLocal', { host: new URL(baseUrl).host }) : t('connection.localUnreachableMessage')
        }
        onRetry={() => void name.refetch()}
        retryLabel={t('connection.tryAgain')}
        secondary={another}
      />
    );
  }
  const displayName = typeof name.data === 'string' && name.data.trim() ? name.data : 'Homey';
  return (
    <ReadyConnection client={client} displayName={displayName} chooseAnotherHomey={undefined}>
      {children}
    </ReadyConnection>
  );
}

// An API key without system access may not read the name; it still works for devices.
function isForbidden(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 403;
}

function ReadyConnection({
  client,
  displayName,
  chooseAnotherHomey,
  children,
}: {
  client: HomeyClient;
  displayName?: string;
  chooseAnotherHomey: (() => void) | undefined;
  children: ReactNode;
}) {
  const route = useSyncExternalStore(
    (notify) => client.subscribe(notify),
    () => client.status().route,
  );
  const localNetwork = useSyncExternalStore(
    (notify) => client.subscribe(notify),
    () => client.status().localNetwork,
  );
  const scopes = useQuery(homeyQueries.scopes(client));
  const value = useMemo<HomeyConnection>(
    () => ({
      client,
      homey: { id: client.homey.id, name: displayName ?? client.homey.name },
      route,
      localNetwork,
      scopes: scopes.data,
      canControl: scopes.data ? hasScope(scopes.data, 'homey.device.control') : false,
      chooseAnotherHomey,
    }),
    [client, displayName, route, localNetwork, scopes.data, chooseAnotherHomey],
  );
  return <ConnectionContext.Provider value={value}>{children}</ConnectionContext.Provider>;
}

/** How long the local sign-in waits for the Homey's first answer before it says so (README "Signing in"). */
export const LOCAL_ANSWER_TIMEOUT_MS = 12_000;

/** True once `waiting` has held for `ms` without a break; false again as soon as it ends. */
function useSilentFor(waiting: boolean, ms: number): boolean {
  const [silent, setSilent] = useState(false);
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setSilent(true), ms);
    return () => {
      clearTimeout(timer);
      setSilent(false);
    };
  }, [waiting, ms]);
  return silent && waiting;
}

function Connecting({ what, secondary }: { what: string; secondary?: { label: string; onClick: () => void } | undefined }) {
  const { t } = useI18n();
  return (
    <main className="screen" aria-busy="true">
      <p>{t('connection.connecting', { what })}</p>
      {secondary && (
        <div className="actions">
          <button type="button" onClick={secondary.onClick}>
            {secondary.label}
          </button>
        </div>
      )}
    </main>
  );
}
