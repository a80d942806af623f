import { reloadWouldInterrupt } from './reload-guard.ts';

// A wall is never reloaded by a person, so a deployed version has to arrive by itself. The service
// worker (vite-plugin-pwa, `autoUpdate`: skipWaiting + clientsClaim) installs a new version as soon
// as it finds one and takes over the page; this module asks it to look every hour (and on return
// to visible when the last look is over an hour old: timers stall while a tablet sleeps), and
// reloads the page once the new version has taken over, but only while the page is idle, so an
// open settings screen or a write under way is never cut short. Loaded after the first screen is
// drawn (main.tsx); registered in production builds only.

export const UPDATE_CHECK_MS = 60 * 60_000;
/** While the page is busy, how often to look again whether a waiting reload can happen. */
export const IDLE_RETRY_MS = 30_000;

export interface AppUpdatesEnvironment {
  serviceWorker: Pick<ServiceWorkerContainer, 'register' | 'controller' | 'addEventListener' | 'removeEventListener'>;
  document: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
  reload: () => void;
  /** True when a reload loses nothing; by default, no reload guard holds (reload-guard.ts). */
  isIdle?: () => boolean;
  /** The service worker script and its scope; by default `sw.js` at Vite's base, which is its scope. */
  scriptUrl?: string;
  scope?: string;
}

const defaultEnvironment = (): AppUpdatesEnvironment => ({
  serviceWorker: navigator.serviceWorker,
  document,
  reload: () => window.location.reload(),
});

/** Registers the service worker and starts looking for new versions; returns the function that stops. */
export function startAppUpdates(env: AppUpdatesEnvironment = defaultEnvironment()): () => void {
  const {
    serviceWorker,
    document: doc,
    reload,
    isIdle = () => !reloadWouldInterrupt(),
    scriptUrl = `${import.meta.env.BASE_URL}sw.js`,
    scope = import.meta.env.BASE_URL,
  } = env;
  let registration: Pick<ServiceWorkerRegistration, 'update'> | undefined;
  let lastCheck = Date.now();
  // The first service worker to control a page that had none (the first visit) is no new version.
  let controlled = serviceWorker.controller !== null;
  let reloadPending = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const check = () => {
    lastCheck = Date.now();
    // Offline, or the server is down: the next check tries again.
    registration?.update().catch(() => undefined);
  };
  const onVisibility = () => {
    if (doc.visibilityState === 'visible' && Date.now() - lastCheck >= UPDATE_CHECK_MS) check();
  };
  const reloadWhenIdle = () => {
    retry = undefined;
    if (isIdle()) reload();
    else retry = setTimeout(reloadWhenIdle, IDLE_RETRY_MS);
  };
  const onControllerChange = () => {
    if (!controlled) {
      controlled = true;
      return;
    }
    if (reloadPending) return;
    reloadPending = true;
    reloadWhenIdle();
  };

  serviceWorker.addEventListener('controllerchange', onControllerChange);
  doc.addEventListener('visibilitychange', onVisibility);
  const interval = setInterval(check, UPDATE_CHECK_MS);
  serviceWorker.register(scriptUrl, { scope }).then(
    (registered) => {
      registration = registered;
    },
    // No service worker (private mode, an insecure origin): the app simply works online only.
    () => undefined,
  );

  return () => {
    serviceWorker.removeEventListener('controllerchange', onControllerChange);
    doc.removeEventListener('visibilitychange', onVisibility);
    clearInterval(interval);
    if (retry !== undefined) clearTimeout(retry);
  };
}
