import { useLayoutEffect, useState } from 'react';
import type { RefObject } from 'react';

type ResizeObserverClass = typeof ResizeObserver;

/**
 * The rendered width of an element in CSS pixels, following resizes (a rotated tablet, a split
 * screen); 0 until it has been measured. The observer class is a parameter so tests can pass a fake,
 * and where there is none (old browsers, jsdom) the first measurement stands.
 */
export function useElementWidth(ref: RefObject<Element | null>, Observer: ResizeObserverClass | undefined = globalThis.ResizeObserver): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    // Whole pixels: sub-pixel jitter while a layout settles must not redraw a chart.
    const measure = () => setWidth(Math.floor(element.getBoundingClientRect().width));
    measure();
    if (!Observer) return undefined;
    const observer = new Observer(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, Observer]);
  return width;
}
