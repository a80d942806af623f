import { lazyModule, useLazyModule } from '../lib/lazy-module.ts';
import type { IconName } from './icon-set.tsx';

export type { IconName };

// Every drawing is in one chunk of its own (icon-set.tsx says why), fetched once.
const iconSet = lazyModule(() => import('./icon-set.tsx'));

/** Starts fetching the drawings; the app calls it early, so they are usually there by the first tile. */
export function loadIcons(): Promise<unknown> {
  return iconSet.load();
}

/**
 * One of the dashboard's drawings, decorative: whatever it shows is also said in words next to it (or
 * in the control's accessible name). Its box has its size from the first render, so nothing moves
 * when the drawing arrives.
 */
export function Icon({ name, className }: { name: IconName; className?: string }) {
  const Drawing = useLazyModule(iconSet)?.ICONS[name];
  return (
    <span className={`icon${className ? ` ${className}` : ''}`} aria-hidden="true" data-icon={name}>
      {Drawing && <Drawing size="100%" strokeWidth={1.75} aria-hidden />}
    </span>
  );
}
