import { useId, useState } from 'react';
import type { ChangeEvent } from 'react';
import { useI18n } from '../../lib/i18n.tsx';
import { StorageFullError, StorageRefusedError } from '../../lib/storage.ts';
import { exportSettings, importSettings } from './settings-model.ts';
import type { Settings } from './settings-model.ts';
import { SettingsSection } from './settings-section.tsx';

export interface SettingsTransferProps {
  settings: Settings;
  /** Stores the imported settings, or throws StorageFullError / StorageRefusedError and changes nothing. */
  onImport: (settings: Settings) => void;
}

/** Export and import: one wall's settings as a file, to set up the next wall the same way. */
export function SettingsTransfer({ settings, onImport }: SettingsTransferProps) {
  const { t } = useI18n();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const fileId = useId();
  const download = () => {
    const blob = new Blob([exportSettings(settings)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'homey-dashboard-settings.json';
    link.click();
    URL.revokeObjectURL(url);
  };
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared at once, so choosing the same file again imports it again.
    event.target.value = '';
    if (!file) return;
    const result = importSettings(await file.text());
    if (result.ok) {
      try {
        onImport(result.settings);
      } catch (error) {
        // Not "imported" when the browser did not keep it: that would last only until the next reload.
        if (error instanceof StorageFullError) setMessage({ ok: false, text: `${t('settings.importRefused')} ${t('storage.importFull')}` });
        else if (error instanceof StorageRefusedError) setMessage({ ok: false, text: `${t('settings.importRefused')} ${t('storage.importRefused')}` });
        else throw error;
        return;
      }
      setMessage({ ok: true, text: t('settings.imported') });
    } else {
      setMessage({ ok: false, text: `${t('settings.importRefused')} ${result.problems.join('; ')}` });
    }
  };
  return (
    <SettingsSection title={t('settings.transfer')}>
      <p className="muted">{t('settings.transferHelp')}</p>
      <div className="actions">
        <button type="button" onClick={download}>
          {t('settings.export')}
        </button>
        <div className="field">
          <label htmlFor={fileId}>{t('settings.import')}</label>
          <input id={fileId} type="file" accept="application/json,.json" onChange={(event) => void upload(event)} />
        </div>
      </div>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'write-failure'}>
          {message.text}
        </p>
      )}
    </SettingsSection>
  );
}
