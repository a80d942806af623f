import { useId, useState } from 'react';
import { SelectField } from '../../components/form-fields.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import type { MessageKey } from '../../lib/messages/en.ts';
import { OrderedPicker } from './ordered-picker.tsx';
import type { Choice } from './ordered-picker.tsx';
import { THEMES } from './settings-model.ts';
import type { Settings } from './settings-model.ts';
import { SettingsSection } from './settings-section.tsx';

export interface ViewsEditorProps {
  zones: readonly Choice[];
  devices: readonly Choice[];
  views: Settings['views'];
  onChange: (views: Settings['views']) => void;
}

/** Named views (`?view=kitchen`): add one, then choose its theme, zones and devices in order, or remove it. */
export function ViewsEditor({ zones, devices, views, onChange }: ViewsEditorProps) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<string | undefined>(Object.keys(views)[0]);
  const [name, setName] = useState('');
  const nameId = useId();
  const add = () => {
    const clean = name.trim().toLowerCase().replace(/[^\w-]+/g, '-').slice(0, 40);
    if (!clean || views[clean]) return;
    onChange({ ...views, [clean]: { zones: [], devices: [] } });
    setEditing(clean);
    setName('');
  };
  const view = editing ? views[editing] : undefined;
  return (
    <SettingsSection title={t('settings.views')}>
      <p className="muted">{t('settings.viewsHelp')}</p>
      <div className="settings-row">
        <div className="field">
          <label htmlFor={nameId}>{t('settings.newView')}</label>
          <input id={nameId} value={name} onChange={(event) => setName(event.target.value)} placeholder="kitchen" />
        </div>
        <button type="button" onClick={add}>
          {t('settings.addView')}
        </button>
      </div>
      {Object.keys(views).length > 0 && (
        <div className="view-tabs" role="tablist" aria-label={t('settings.views')}>
          {Object.keys(views).map((key) => (
            <button key={key} type="button" role="tab" aria-selected={key === editing} onClick={() => setEditing(key)}>
              {key}
            </button>
          ))}
        </div>
      )}
      {editing && view && (
        <div className="view-editor">
          <p>
            {t('settings.viewUrl')} <code>?view={editing}</code>
          </p>
          <SelectField
            label={t('settings.theme')}
            value={view.theme ?? 'auto'}
            options={THEMES}
            optionLabel={(v) => t(`theme.${v}` as MessageKey)}
            onChange={(theme) => onChange({ ...views, [editing]: { ...view, theme } })}
          />
          <OrderedPicker title={t('settings.viewZones')} choices={zones} chosen={view.zones} onChange={(ids) => onChange({ ...views, [editing]: { ...view, zones: ids } })} />
          <OrderedPicker title={t('settings.viewDevices')} choices={devices} chosen={view.devices} onChange={(ids) => onChange({ ...views, [editing]: { ...view, devices: ids } })} />
          <button
            type="button"
            onClick={() => {
              const { [editing]: _removed, ...rest } = views;
              onChange(rest);
              setEditing(Object.keys(rest)[0]);
            }}
          >
            {t('settings.removeView', { name: editing })}
          </button>
        </div>
      )}
    </SettingsSection>
  );
}
