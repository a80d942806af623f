import { describe, expect, it } from 'vitest';
import { NEAR_MARGIN, watchNearScreen } from './near-screen.ts';

// One shared observer for every watched element, the margin that counts as near, and a browser
// without IntersectionObserver, where everything is near.

class FakeObserver {
  static instances: FakeObserver[] = [];
  observed = new Set<Element>();
  disconnected = false;
  constructor(
    readonly callback: IntersectionObserverCallback,
    readonly options?: IntersectionObserverInit,
  ) {
    FakeObserver.instances.push(this);
  }
  observe(element: Element) {
    this.observed.add(element);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
  }
  disconnect() {
    this.disconnected = true;
    this.observed.clear();
  }
  /** The browser reporting `element` near (or not). */
  report(element: Element, isIntersecting: boolean, height = 100) {
    const entry = { target: element, isIntersecting, boundingClientRect: { height } } as unknown as IntersectionObserverEntry;
    this.callback([entry], this as unknown as IntersectionObserver);
  }
}

const Observer = FakeObserver as unknown as typeof IntersectionObserver;
const element = () => ({}) as Element;

describe('watchNearScreen', () => {
  it('shares one observer with a screen of margin, tells each element about itself, and lets go when the last stops', () => {
    FakeObserver.instances = [];
    const a = element();
    const b = element();
    const seen: string[] = [];
    const stopA = watchNearScreen(a, (near, entry) => seen.push(`a ${near} ${entry?.boundingClientRect.height}`), Observer);
    const stopB = watchNearScreen(b, (near) => seen.push(`b ${near}`), Observer);
    expect(FakeObserver.instances).toHaveLength(1);
    const observer = FakeObserver.instances[0]!;
    expect(observer.options?.rootMargin).toBe(NEAR_MARGIN);
    observer.report(a, true, 180);
    observer.report(b, false);
    observer.report(a, false, 200);
    expect(seen).toEqual(['a true 180', 'b false', 'a false 200']);

    stopA();
    observer.report(a, true);
    expect(seen).toHaveLength(3);
    expect(observer.disconnected).toBe(false);
    stopB();
    expect(observer.disconnected).toBe(true);

    // A new watcher after that gets a new observer.
    const stopC = watchNearScreen(element(), () => undefined, Observer);
    expect(FakeObserver.instances).toHaveLength(2);
    stopC();
  });

  it('counts everything as near where the browser has no IntersectionObserver', () => {
    const seen: boolean[] = [];
    const stop = watchNearScreen(element(), (near) => seen.push(near), null);
    expect(seen).toEqual([true]);
    stop();
  });
});
