import { storageKeys } from '../lib/storage-keys.ts';
import { createStorageEdge } from '../lib/storage.ts';

/**
 * Reloads after something threw while drawing, without the stored copy of the Homey's values, since
 * that copy may be what threw: so the wall keeps nothing broken. The settings stay (they are
 * checked whenever they are read), and so does the sign-in.
 */
export async function reloadAfresh(): Promise<void> {
  // Never throws: where the browser refuses storage, there is no copy to drop.
  createStorageEdge().remove(storageKeys.queryCache);
  window.location.reload();
}
