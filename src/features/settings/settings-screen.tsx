import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { CheckField, NumberField, SelectField, TimeField } from '../../components/form-fields.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import type { MessageKey } from '../../lib/messages/en.ts';
import type { Choice } from './ordered-picker.tsx';
import { DENSITIES, LANGUAGES, THEMES } from './settings-model.ts';
import type { KioskSettings, Settings } from './settings-model.ts';
import { SettingsSection } from './settings-section.tsx';
import { SettingsTransfer } from './settings-transfer.tsx';
import { settingsStore, useSettings } from './settings-store.ts';
import { ViewsEditor } from './views-editor.tsx';

// The settings of this screen (not of the account): what it shows, how it looks, how it behaves on
// a wall. Loaded lazily: a wall opens it once, when it is put up.

export interface SettingsScreenProps {
  zones: readonly Choice[];
  devices: readonly Choice[];
  onClose: () => void;
  onChangeHomey?: (() => void) | undefined;
  onDimNow: () => void;
  onFullscreen: () => void;
  /** What the app has to say about this wall, at the foot of the screen (composed in by the app). */
  children?: ReactNode;
}

export function SettingsScreen({ zones, devices, onClose, onChangeHomey, onDimNow, onFullscreen, children }: SettingsScreenProps) {
  const { t } = useI18n();
  const [settings, update] = useSettings();
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => update((s) => ({ ...s, [key]: value }));
  const setKiosk = <K extends keyof KioskSettings>(key: K, value: KioskSettings[K]) => update((s) => ({ ...s, kiosk: { ...s.kiosk, [key]: value } }));
  const heading = useRef<HTMLHeadingElement>(null);
  // The screen replaces the dashboard: without this the focus falls to the page body, and a
  // keyboard or switch user starts again from the top of nothing.
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => closeOnEscape(onClose), [onClose]);

  return (
    <main className="settings-screen">
      <div className="settings-top">
        <h1 ref={heading} tabIndex={-1}>
          {t('settings.title')}
        </h1>
        <button type="button" className="primary" onClick={onClose}>
          {t('settings.done')}
        </button>
      </div>

      <SettingsSection title={t('settings.display')}>
        <SelectField label={t('settings.language')} value={settings.language} options={LANGUAGES} optionLabel={(l) => t(`language.${l}` as MessageKey)} onChange={(v) => set('language', v)} />
        <SelectField label={t('settings.theme')} value={settings.theme} options={THEMES} optionLabel={(v) => t(`theme.${v}` as MessageKey)} onChange={(v) => set('theme', v)} />
        <SelectField label={t('settings.density')} value={settings.density} options={DENSITIES} optionLabel={(v) => t(`density.${v}` as MessageKey)} onChange={(v) => set('density', v)} />
        <NumberField
          label={t('settings.pollSeconds')}
          value={settings.devicesPollMs === null ? '' : String(settings.devicesPollMs / 1000)}
          placeholder={t('settings.default')}
          min={2}
          max={600}
          onChange={(seconds) => set('devicesPollMs', seconds === null ? null : Math.round(seconds * 1000))}
        />
        {onChangeHomey && (
          <button type="button" onClick={onChangeHomey}>
            {t('header.changeHomey')}
          </button>
        )}
      </SettingsSection>

      <SettingsSection title={t('settings.kiosk')}>
        <CheckField label={t('settings.kioskEnabled')} checked={settings.kiosk.enabled} onChange={(v) => setKiosk('enabled', v)} />
        <CheckField label={t('settings.wakeLock')} checked={settings.kiosk.wakeLock} onChange={(v) => setKiosk('wakeLock', v)} />
        <CheckField label={t('settings.dimEnabled')} checked={settings.kiosk.dimEnabled} onChange={(v) => setKiosk('dimEnabled', v)} />
        <div className="settings-row">
          <TimeField label={t('settings.dimFrom')} value={settings.kiosk.dimFrom} onChange={(v) => setKiosk('dimFrom', v)} />
          <TimeField label={t('settings.dimUntil')} value={settings.kiosk.dimUntil} onChange={(v) => setKiosk('dimUntil', v)} />
          <NumberField
            label={t('settings.dimLevel')}
            value={String(Math.round(settings.kiosk.dimLevel * 100))}
            min={5}
            max={100}
            onChange={(percent) => setKiosk('dimLevel', Math.min(1, Math.max(0.05, (percent ?? 30) / 100)))}
          />
        </div>
        <div className="actions">
          <button type="button" onClick={onDimNow}>
            {t('kiosk.dimNow')}
          </button>
          <button type="button" onClick={onFullscreen}>
            {t('kiosk.fullscreen')}
          </button>
        </div>
        <CheckField label={t('settings.burnIn')} checked={settings.kiosk.burnInShift} onChange={(v) => setKiosk('burnInShift', v)} />
        <NumberField
          label={t('settings.hideCursor')}
          value={String(settings.kiosk.hideCursorAfterSeconds)}
          min={0}
          max={3600}
          onChange={(v) => setKiosk('hideCursorAfterSeconds', Math.round(v ?? 0))}
        />
        <CheckField label={t('settings.locked')} checked={settings.kiosk.locked} onChange={(v) => setKiosk('locked', v)} />
        <p className="muted">{t('settings.lockedHelp')}</p>
      </SettingsSection>

      <ViewsEditor zones={zones} devices={devices} views={settings.views} onChange={(views) => set('views', views)} />

      <SettingsTransfer settings={settings} onImport={(next) => settingsStore().save(next)} />

      {children}
    </main>
  );
}

/** Escape closes the settings as Done does: every change is saved as it is made, so nothing is lost. */
function closeOnEscape(onClose: () => void, target: Pick<Document, 'addEventListener' | 'removeEventListener'> = document): () => void {
  const listener = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) onClose();
  };
  target.addEventListener('keydown', listener);
  return () => target.removeEventListener('keydown', listener);
}
