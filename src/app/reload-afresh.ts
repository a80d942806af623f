import { loadQueryPersistence } from './query-client.ts';

/**
 * Reloads after something threw while drawing, without the stored copy of the Homey's values, since
 * that copy may be what threw: so the wall keeps nothing broken. The settings stay (they are
 * checked whenever they are read), and so does the sign-in.
 */
export async function reloadAfresh(): Promise<void> {
  try {
    const { PERSISTED_CACHE_KEY } = await loadQueryPersistence();
    window.localStorage.removeItem(PERSISTED_CACHE_KEY);
  } catch {
    // Storage refused, or the chunk did not load: then there is no copy to drop, or none we can reach.
  }
  window.location.reload();
}
