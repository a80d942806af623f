import { useEffect, useRef } from 'react';
import { HomeHeader } from '../features/home/home-header.tsx';
import type { Weather } from '../features/home/home-schema.ts';
import { useHomeyConnection } from '../features/homey/homey-connection.tsx';
import { isLocalKind } from '../features/homey/route-discovery.ts';
import { LongPress } from '../features/kiosk/kiosk-shell.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { useLiveMode } from './live-updates.tsx';
import { SignOutButton } from './sign-out-button.tsx';

export interface DashboardHeaderProps {
  weather: Weather | undefined;
  /** Locked walls hide settings and sign-out; a long press on the clock opens the settings. */
  locked: boolean;
  onOpenSettings: () => void;
  onSignOut: () => void;
  /** Back from the settings: the focus returns to the button that opened them. */
  focusSettings?: boolean | undefined;
}

/** The home header with what the app adds to it: how the Homey is reached, read-only, and the way to settings, another Homey and sign-out. */
export function DashboardHeader({ weather, locked, onOpenSettings, onSignOut, focusSettings = false }: DashboardHeaderProps) {
  const settingsButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusSettings) settingsButton.current?.focus();
  }, [focusSettings]);
  const connection = useHomeyConnection();
  const { t } = useI18n();
  const route = connection.route;
  const live = useLiveMode() === 'live';
  return (
    <HomeHeader
      homeyName={connection.homey.name}
      weather={weather}
      clockWrapper={locked ? (clock) => <LongPress label={t('kiosk.holdToUnlock')} onLongPress={onOpenSettings}>{clock}</LongPress> : undefined}
    >
      <span className="route" data-testid="route">
        {route ? t(isLocalKind(route.kind) ? 'route.local' : 'route.cloud') : t('route.connecting')}
      </span>
      <span className="route" data-testid="live" data-live={live ? 'live' : 'polling'}>
        {t(live ? 'live.live' : 'live.polling')}
      </span>
      {connection.scopes && !connection.canControl && <span className="badge">{t('header.readOnly')}</span>}
      {!locked && connection.chooseAnotherHomey && (
        <button type="button" onClick={connection.chooseAnotherHomey}>
          {t('header.changeHomey')}
        </button>
      )}
      {!locked && (
        <button type="button" ref={settingsButton} onClick={onOpenSettings}>
          {t('header.settings')}
        </button>
      )}
      {!locked && (
        <SignOutButton onSignOut={onSignOut} />
      )}
    </HomeHeader>
  );
}
