// Every key the dashboard writes to this browser's storage, what it holds, and whether sign-out wipes
// it. All of them live in localStorage (a kiosk that reboots keeps its sign-in and its layout); the
// dashboard writes nothing to sessionStorage. Every writer takes its key from here, and sign-out's
// wipe asks `wipedOnSignOut`, so a new key is one line below and is wiped unless it says otherwise.

const PREFIX = 'homey-dashboard:';

export const storageKeys = {
  /** Kept on sign-out: layout, theme, language, kiosk options (a wall keeps its look for the next person). */
  settings: `${PREFIX}settings`,
  /**
   * Wiped. The prefix handed to oidc-client-ts's store, which writes under it the sign-ins in flight
   * (`oidc.<state id>`) and the signed-in Athom user (below).
   */
  oidcStore: `${PREFIX}oidc.`,
  /** Wiped. Where every signed-in Athom user is stored (any Athom address, any client). */
  oidcUsers: `${PREFIX}oidc.user:`,
  /** Wiped. The signed-in Athom user with its access and refresh tokens, in oidc-client-ts's format. */
  oidcUser: (athomApiUrl: string, clientId: string) => `${PREFIX}oidc.user:${athomApiUrl}:${clientId}`,
  /** Wiped. Local mode: the Homey's address and the owner's API key. */
  localCredentials: `${PREFIX}local-credentials`,
  /** Wiped. The Homey session bought with a delegation token, so a reload does not log in again. */
  homeySession: (homeyId: string) => `${PREFIX}session:${homeyId}`,
  /** Wiped. When that session was opened (epoch ms), to tell how long the wall can run on it. */
  homeySessionOpenedAt: (homeyId: string) => `${PREFIX}session-opened:${homeyId}`,
  /** Wiped. The address that last reached this Homey (local or cloud), tried first at the next start. */
  homeyRoute: (homeyId: string) => `${PREFIX}route:${homeyId}`,
  /** Wiped. Which of the account's Homeys this screen shows. */
  chosenHomey: `${PREFIX}chosen-homey`,
  /** Wiped. The last known Homey values (the persisted query cache), drawn at a cold start. */
  queryCache: `${PREFIX}query-cache`,
  /** Written and removed at once, to learn whether this browser stores anything (lib/storage.ts). */
  probe: `${PREFIX}probe`,
} as const;

/**
 * Whether sign-out removes `key`: everything under the dashboard's prefix but the settings, so a key
 * an older version wrote goes too. Keys of other apps on the same origin are left alone.
 */
export function wipedOnSignOut(key: string): boolean {
  return key.startsWith(PREFIX) && !key.startsWith(storageKeys.settings);
}
