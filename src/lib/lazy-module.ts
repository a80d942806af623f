import { useEffect, useState } from 'react';

// A module kept out of the first visit's JavaScript (README "Performance", figure 1a) and fetched
// once, the first time something draws that needs it. Until then (or if it never arrives: a deploy
// replaced the chunk) its users draw without it.

export interface LazyModule<T> {
  /** The module once it has arrived. */
  current(): T | undefined;
  load(): Promise<T | undefined>;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let loaded: T | undefined;
  let loading: Promise<T | undefined> | undefined;
  return {
    current: () => loaded,
    load: () =>
      (loading ??= importer().then(
        (module) => (loaded = module),
        () => undefined,
      )),
  };
}

/** The module, and a re-render when it arrives. */
export function useLazyModule<T>(module: LazyModule<T>): T | undefined {
  const [value, setValue] = useState(module.current);
  useEffect(() => {
    if (value !== undefined) return undefined;
    let live = true;
    void module.load().then((loaded) => {
      if (live && loaded !== undefined) setValue(() => loaded);
    });
    return () => {
      live = false;
    };
  }, [module, value]);
  return value;
}
