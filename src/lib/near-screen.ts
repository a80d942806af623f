import { useEffect, useState } from 'react';

// Whether an element is on the screen or near it (a screen's height above or below), for work only
// worth doing there: drawing a tile, asking for its sparkline. One IntersectionObserver is shared by
// every element (a big home watches thousands). Where the browser has none (jsdom; every browser the
// dashboard supports has it, Safari from 12.1), everything counts as near: the page does all the
// work, as it did before it knew better.

type IntersectionObserverClass = typeof IntersectionObserver;

/** How far beyond the viewport still counts as near: far enough that a quick flick finds tiles drawn. */
export const NEAR_MARGIN = '100% 0px';

/**
 * Whether `element` is near the screen by NEAR_MARGIN's measure, read from its box now: for the first
 * paint, before the observer has had its first look (which comes a frame or more later).
 */
export function isNearScreen(element: Element, viewportHeight: number = globalThis.innerHeight): boolean {
  const box = element.getBoundingClientRect();
  return box.bottom >= -viewportHeight && box.top <= 2 * viewportHeight;
}

interface Shared {
  observer: IntersectionObserver;
  listeners: Map<Element, (entry: IntersectionObserverEntry) => void>;
}

const observers = new WeakMap<IntersectionObserverClass, Shared>();

/**
 * Calls `onChange` when `element` comes near the screen or leaves it (and once soon after it is
 * watched), with the observer's entry, whose box says how tall the element was; returns the stop.
 * `Observer`: the browser's class, a fake in tests, or `null` for none.
 */
export function watchNearScreen(
  element: Element,
  onChange: (near: boolean, entry?: IntersectionObserverEntry) => void,
  Observer: IntersectionObserverClass | null = globalThis.IntersectionObserver ?? null,
): () => void {
  if (!Observer) {
    onChange(true);
    return () => undefined;
  }
  let shared = observers.get(Observer);
  if (!shared) {
    const listeners = new Map<Element, (entry: IntersectionObserverEntry) => void>();
    const observer = new Observer(
      (entries) => {
        for (const entry of entries) listeners.get(entry.target)?.(entry);
      },
      { rootMargin: NEAR_MARGIN },
    );
    shared = { observer, listeners };
    observers.set(Observer, shared);
  }
  const { observer, listeners } = shared;
  listeners.set(element, (entry) => onChange(entry.isIntersecting, entry));
  observer.observe(element);
  return () => {
    listeners.delete(element);
    observer.unobserve(element);
    if (listeners.size === 0 && observers.get(Observer) === shared) {
      observer.disconnect();
      observers.delete(Observer);
    }
  };
}

/**
 * `true` while `element` is on or near the screen; `initial` until the observer has said so (and
 * while there is no element yet). Without IntersectionObserver: always `true`.
 */
export function useNearScreen(element: Element | null, initial = false, Observer: IntersectionObserverClass | null = globalThis.IntersectionObserver ?? null): boolean {
  const [near, setNear] = useState(Observer ? initial : true);
  useEffect(() => {
    if (!element) return undefined;
    return watchNearScreen(element, setNear, Observer);
  }, [element, Observer]);
  return near;
}
