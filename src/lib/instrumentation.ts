// Seams where `npm run bench` counts what the app does. Here they do nothing: the bench build
// (`vite build --mode bench`, bench/vite.bench.config.ts) swaps this module for one that counts.
// Call sites also test `import.meta.env.MODE === 'bench'`, so every other build drops the call.

/** A device tile's body rendered once. */
export function countTileRender(): void {}

/** Mounted inside the QueryClientProvider; renders nothing. */
export function Instrumentation(): null {
  return null;
}
