import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useNow } from '../../lib/clock.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { BURN_IN_STEP_MS, burnInOffset } from './burn-in.ts';
import { isWithinDimWindow, msUntilNextDimChange } from './night-dim.ts';
import { holdWakeLock } from './wake-lock.ts';

// The dashboard as an appliance: screen kept on, dimmed at night, a layout that shifts a little
// against burn-in, a cursor that disappears. Each behaviour is one effect with its own cleanup.

export interface KioskOptions {
  enabled: boolean;
  wakeLock: boolean;
  dimEnabled: boolean;
  dimFrom: string;
  dimUntil: string;
  dimLevel: number;
  burnInShift: boolean;
  hideCursorAfterSeconds: number;
}

interface KioskControls {
  dimNow: () => void;
  dimmed: boolean;
}

const KioskContext = createContext<KioskControls>({ dimNow: () => undefined, dimmed: false });

export function useKiosk(): KioskControls {
  return useContext(KioskContext);
}

/** A touch on a dimmed screen lights it up for this long before the schedule dims it again. */
const WAKE_FOR_MS = 2 * 60_000;

export function KioskShell({ options, children }: { options: KioskOptions; children: ReactNode }) {
  const { t } = useI18n();
  const { enabled } = options;

  useEffect(() => (enabled && options.wakeLock ? holdWakeLock() : undefined), [enabled, options.wakeLock]);

  const scheduled = useDimSchedule(enabled && options.dimEnabled, options.dimFrom, options.dimUntil);
  const [manual, setManual] = useState(false);
  const [wokenUntil, setWokenUntil] = useState(0);
  const now = useNow(wokenUntil > 0 ? 15_000 : 0);
  const dimmed = manual || (scheduled && now >= wokenUntil);
  const wake = useCallback(() => {
    setManual(false);
    setWokenUntil(Date.now() + WAKE_FOR_MS);
  }, []);

  const offset = useBurnInOffset(enabled && options.burnInShift);
  const cursorHidden = useIdleCursor(enabled ? options.hideCursorAfterSeconds : 0);

  const controls = useMemo<KioskControls>(() => ({ dimNow: () => setManual(true), dimmed }), [dimmed]);
  return (
    <KioskContext.Provider value={controls}>
      <div
        className={`kiosk-shell${cursorHidden ? ' cursor-hidden' : ''}`}
        data-kiosk={enabled ? 'on' : 'off'}
        style={offset[0] || offset[1] ? { transform: `translate(${offset[0]}px, ${offset[1]}px)` } : undefined}
      >
        {children}
      </div>
      {dimmed && (
        <button type="button" className="dim-veil" style={{ opacity: 1 - options.dimLevel }} onClick={wake} aria-label={t('kiosk.undim')} data-testid="dim-veil" />
      )}
    </KioskContext.Provider>
  );
}


function useDimSchedule(active: boolean, from: string, until: string): boolean {
  const [inside, setInside] = useState(false);
  useEffect(() => {
    if (!active) return undefined;
    let timer: number;
    const check = () => {
      const now = new Date();
      setInside(isWithinDimWindow(now, from, until));
      window.clearTimeout(timer);
      // A tablet that slept past the change catches up when it wakes (visibilitychange below).
      timer = window.setTimeout(check, Math.min(msUntilNextDimChange(now, from, until) + 500, 10 * 60_000));
    };
    check();
    document.addEventListener('visibilitychange', check);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [active, from, until]);
  return active && inside;
}

function useBurnInOffset(active: boolean): readonly [number, number] {
  const [offset, setOffset] = useState<readonly [number, number]>([0, 0]);
  useEffect(() => {
    if (!active) return undefined;
    const step = () => setOffset(burnInOffset(Date.now()));
    step();
    const timer = window.setInterval(step, BURN_IN_STEP_MS / 4);
    return () => window.clearInterval(timer);
  }, [active]);
  return active ? offset : [0, 0];
}

function useIdleCursor(afterSeconds: number): boolean {
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    if (afterSeconds <= 0) return undefined;
    let timer = window.setTimeout(() => setHidden(true), afterSeconds * 1000);
    const moved = () => {
      setHidden(false);
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setHidden(true), afterSeconds * 1000);
    };
    window.addEventListener('pointermove', moved);
    window.addEventListener('pointerdown', moved);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('pointermove', moved);
      window.removeEventListener('pointerdown', moved);
    };
  }, [afterSeconds]);
  return afterSeconds > 0 && hidden;
}

/** Runs `onLongPress` after a press held for `ms` (pointer, or Enter/Space held on the keyboard). */
export function LongPress({ ms = 2000, onLongPress, label, children }: { ms?: number; onLongPress: () => void; label: string; children: ReactNode }) {
  const timer = useRef<number | undefined>(undefined);
  const start = () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(onLongPress, ms);
  };
  const cancel = () => window.clearTimeout(timer.current);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return (
    <div
      className="long-press"
      role="button"
      tabIndex={0}
      aria-label={label}
      onPointerDown={start}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onPointerCancel={cancel}
      onKeyDown={(event) => {
        if ((event.key === 'Enter' || event.key === ' ') && !event.repeat) start();
      }}
      onKeyUp={cancel}
      onContextMenu={(event) => event.preventDefault()}
    >
      {children}
    </div>
  );
}

/** Fullscreen on and off (on a user gesture, as browsers require). */
export function toggleFullscreen(doc: Document = document): void {
  if (doc.fullscreenElement) void doc.exitFullscreen().catch(() => undefined);
  else void doc.documentElement.requestFullscreen?.().catch(() => undefined);
}
