// What would be lost if the page reloaded itself now (a settings screen being edited, a write on its
// way to the Homey). The app registers such checks; a self-reload for a new version (app-updates.ts)
// waits until none of them holds. Kept apart from app-updates.ts so the first visit carries only this.

const checks = new Set<() => boolean>();

/** Registers a check that is true while a reload would interrupt something; returns its removal. */
export function blockReloadWhile(busy: () => boolean): () => void {
  checks.add(busy);
  return () => {
    checks.delete(busy);
  };
}

/** True while any registered check says a reload would interrupt something. */
export function reloadWouldInterrupt(): boolean {
  for (const busy of checks) if (busy()) return true;
  return false;
}
