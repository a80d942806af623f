// Keeps the screen on while the dashboard is visible (Screen Wake Lock API). Browsers release the
// lock whenever the page is hidden and sometimes on their own (battery saver); it is asked for again
// on every return to visible and after every release. Where the API is missing nothing happens.

export interface WakeLockEnvironment {
  wakeLock: Pick<WakeLock, 'request'> | undefined;
  document: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
}

const defaultEnvironment = (): WakeLockEnvironment => ({
  wakeLock: typeof navigator !== 'undefined' && 'wakeLock' in navigator ? navigator.wakeLock : undefined,
  document,
});

/** Holds the lock until the returned function is called. */
export function holdWakeLock(env: WakeLockEnvironment = defaultEnvironment()): () => void {
  const { wakeLock } = env;
  if (!wakeLock) return () => undefined;
  let sentinel: WakeLockSentinel | undefined;
  let stopped = false;
  let requesting = false;

  const request = async () => {
    if (stopped || requesting || sentinel || env.document.visibilityState !== 'visible') return;
    requesting = true;
    try {
      const lock = await wakeLock.request('screen');
      if (stopped) {
        void lock.release();
        return;
      }
      sentinel = lock;
      lock.addEventListener('release', () => {
        sentinel = undefined;
        // Released by the browser while still visible (power saving): ask again.
        void request();
      });
    } catch {
      // Refused (no user gesture yet, battery saver): the next visibility change tries again.
    } finally {
      requesting = false;
    }
  };

  const onVisibility = () => void request();
  env.document.addEventListener('visibilitychange', onVisibility);
  void request();
  return () => {
    stopped = true;
    env.document.removeEventListener('visibilitychange', onVisibility);
    void sentinel?.release();
    sentinel = undefined;
  };
}
