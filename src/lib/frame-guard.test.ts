import { describe, expect, it } from 'vitest';
import type { FrameWindow } from './frame-guard.ts';
import { framedByAnotherOrigin } from './frame-guard.ts';

/** A window of `origin`; `readable: false` makes its location throw as another origin's does. */
function fakeWindow(origin: string, parent?: FrameWindow, readable = true): FrameWindow {
  const win: { parent: FrameWindow; location: { origin: string } } = {
    parent: parent ?? (undefined as unknown as FrameWindow),
    get location() {
      if (!readable) throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
      return { origin };
    },
  };
  if (!parent) win.parent = win;
  return win;
}

const OWN = 'https://wall.example.net';

describe('framedByAnotherOrigin', () => {
  it('is false for a page of its own (the top window)', () => {
    expect(framedByAnotherOrigin(fakeWindow(OWN))).toBe(false);
  });

  it('is false in a frame of a page of its own origin, however deep', () => {
    const top = fakeWindow(OWN);
    expect(framedByAnotherOrigin(fakeWindow(OWN, top))).toBe(false);
    expect(framedByAnotherOrigin(fakeWindow(OWN, fakeWindow(OWN, top)))).toBe(false);
  });

  it('is true in a frame of another origin, whose location cannot be read', () => {
    expect(framedByAnotherOrigin(fakeWindow(OWN, fakeWindow('https://evil.example', undefined, false)))).toBe(true);
  });

  it('is true when a readable ancestor names another origin', () => {
    expect(framedByAnotherOrigin(fakeWindow(OWN, fakeWindow('http://wall.example.net')))).toBe(true);
  });

  it('is true when a page of its own origin is itself framed by another origin', () => {
    const evil = fakeWindow('https://evil.example', undefined, false);
    expect(framedByAnotherOrigin(fakeWindow(OWN, fakeWindow(OWN, evil)))).toBe(true);
  });

  it('is true in a sandboxed frame (an opaque origin, which matches nothing)', () => {
    expect(framedByAnotherOrigin(fakeWindow('null', fakeWindow(OWN, undefined, false)))).toBe(true);
  });
});
