// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider, loadLanguage } from '../lib/i18n.tsx';
import { CrashPanel, CrashScreen } from './crash-screen.tsx';
import { ErrorBoundary } from './error-boundary.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// What a part of the page that throws leaves behind: plain words and a way on, never the error's
// message or stack (which may carry markup or names from the data), and another chance once the
// address changes.

const HOSTILE = '<img src=x onerror="window.__pwned=1"> Living room';

function Thrower({ when }: { when: boolean }) {
  if (when) throw new Error(HOSTILE);
  return <p>All well</p>;
}

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  // React reports a caught error on the console; the boundary adds one line of its own.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
});

describe('ErrorBoundary', () => {
  it('shows its fallback in plain words, and nothing of the error', () => {
    const reload = vi.fn();
    act(() =>
      root.render(
        <ErrorBoundary name="The dashboard" fallback={<CrashScreen onReload={reload} />}>
          <Thrower when />
        </ErrorBoundary>,
      ),
    );
    expect(container.querySelector('h1')?.textContent).toBe('The dashboard stopped');
    expect(container.textContent).toContain('Reload the page to start again: the wall keeps nothing broken');
    expect(container.textContent).not.toContain('Living room');
    expect(container.textContent).not.toMatch(/\bat \S+ \(|\.tsx?:\d+/);
    expect(container.querySelector('img')).toBeNull();
    act(() => container.querySelector('button')!.click());
    expect(reload).toHaveBeenCalledOnce();
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('The dashboard failed: '), expect.anything());
  });

  it('gives its children another chance when its reset key changes, and only then', () => {
    const show = (when: boolean, resetKey: string) =>
      act(() =>
        root.render(
          <ErrorBoundary name="The home screen" resetKey={resetKey} fallback={<CrashPanel onReload={() => undefined} />}>
            <Thrower when={when} />
          </ErrorBoundary>,
        ),
      );
    show(true, '?view=kitchen');
    expect(container.querySelector('h2')?.textContent).toBe('This part of the screen could not be shown');
    show(false, '?view=kitchen');
    expect(container.textContent).toContain('This part of the screen could not be shown');
    show(false, '');
    expect(container.textContent).toBe('All well');
  });

  it('offers the way back to every device only where there is one', () => {
    const showAll = vi.fn();
    act(() => root.render(<CrashPanel onReload={() => undefined} onShowAll={showAll} />));
    act(() => [...container.querySelectorAll('button')].find((b) => b.textContent === 'Show all devices')!.click());
    expect(showAll).toHaveBeenCalledOnce();
    act(() => root.render(<CrashPanel onReload={() => undefined} />));
    expect([...container.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Reload']);
  });

  it('speaks the UI language', async () => {
    await loadLanguage('nl');
    act(() =>
      root.render(
        <I18nProvider setting="nl">
          <ErrorBoundary name="The dashboard" fallback={<CrashScreen onReload={() => undefined} />}>
            <Thrower when />
          </ErrorBoundary>
        </I18nProvider>,
      ),
    );
    expect(container.querySelector('h1')?.textContent).toBe('Het dashboard is gestopt');
    expect(container.querySelector('button')?.textContent).toBe('Herladen');
  });
});
