import { useId, useRef, useState } from 'react';
import type { ChangeEvent, ReactNode } from 'react';
import { useI18n } from '../../lib/i18n.tsx';
import type { MessageKey } from '../../lib/messages/en.ts';
import { DENSITIES, LANGUAGES, THEMES, exportSettings, importSettings } from './settings-model.ts';
import type { KioskSettings, Settings } from './settings-model.ts';
import { useSettings } from './settings-store.ts';

// The settings of this screen (not of the account): what it shows, how it looks, how it behaves on
// a wall. Loaded lazily: a wall opens it once, when it is put up.

export interface Choice {
  id: string;
  name: string;
  /** "Home › Kitchen" for zones, the zone for devices. */
  detail?: string | undefined;
}

export interface SettingsScreenProps {
  zones: readonly Choice[];
  devices: readonly Choice[];
  onClose: () => void;
  onChangeHomey?: (() => void) | undefined;
  onDimNow: () => void;
  onFullscreen: () => void;
}

export function SettingsScreen({ zones, devices, onClose, onChangeHomey, onDimNow, onFullscreen }: SettingsScreenProps) {
  const { t } = useI18n();
  const [settings, update] = useSettings();
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => update((s) => ({ ...s, [key]: value }));
  const setKiosk = <K extends keyof KioskSettings>(key: K, value: KioskSettings[K]) => update((s) => ({ ...s, kiosk: { ...s.kiosk, [key]: value } }));

  return (
    <main className="settings-screen">
      <div className="settings-top">
        <h1>{t('settings.title')}</h1>
        <button type="button" className="primary" onClick={onClose}>
          {t('settings.done')}
        </button>
      </div>

      <Section title={t('settings.display')}>
        <Select label={t('settings.language')} value={settings.language} options={LANGUAGES} optionLabel={(l) => t(`language.${l}` as MessageKey)} onChange={(v) => set('language', v)} />
        <Select label={t('settings.theme')} value={settings.theme} options={THEMES} optionLabel={(v) => t(`theme.${v}` as MessageKey)} onChange={(v) => set('theme', v)} />
        <Select label={t('settings.density')} value={settings.density} options={DENSITIES} optionLabel={(v) => t(`density.${v}` as MessageKey)} onChange={(v) => set('density', v)} />
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
      </Section>

      <Section title={t('settings.kiosk')}>
        <Check label={t('settings.kioskEnabled')} checked={settings.kiosk.enabled} onChange={(v) => setKiosk('enabled', v)} />
        <Check label={t('settings.wakeLock')} checked={settings.kiosk.wakeLock} onChange={(v) => setKiosk('wakeLock', v)} />
        <Check label={t('settings.dimEnabled')} checked={settings.kiosk.dimEnabled} onChange={(v) => setKiosk('dimEnabled', v)} />
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
        <Check label={t('settings.burnIn')} checked={settings.kiosk.burnInShift} onChange={(v) => setKiosk('burnInShift', v)} />
        <NumberField
          label={t('settings.hideCursor')}
          value={String(settings.kiosk.hideCursorAfterSeconds)}
          min={0}
          max={3600}
          onChange={(v) => setKiosk('hideCursorAfterSeconds', Math.round(v ?? 0))}
        />
        <Check label={t('settings.locked')} checked={settings.kiosk.locked} onChange={(v) => setKiosk('locked', v)} />
        <p className="muted">{t('settings.lockedHelp')}</p>
      </Section>

      <ViewsSection zones={zones} devices={devices} views={settings.views} onChange={(views) => set('views', views)} />

      <TransferSection settings={settings} onImport={(next) => update(() => next)} />
    </main>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Select<T extends string>({ label, value, options, optionLabel, onChange }: { label: string; value: T; options: readonly T[]; optionLabel: (value: T) => string; onChange: (value: T) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (value: boolean) => void }) {
  const id = useId();
  return (
    <div className="field check">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

function NumberField({ label, value, min, max, placeholder, onChange }: { label: string; value: string; min: number; max: number; placeholder?: string; onChange: (value: number | null) => void }) {
  const id = useId();
  const [text, setText] = useState(value);
  const commit = () => {
    if (text.trim() === '') return onChange(null);
    const number = Number(text.replace(',', '.'));
    if (Number.isFinite(number)) onChange(Math.min(max, Math.max(min, number)));
    else setText(value);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} inputMode="decimal" value={text} placeholder={placeholder} onChange={(event) => setText(event.target.value)} onBlur={commit} />
    </div>
  );
}

function TimeField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="time" value={value} onChange={(event) => /^\d\d:\d\d$/.test(event.target.value) && onChange(event.target.value)} />
    </div>
  );
}

function ViewsSection({ zones, devices, views, onChange }: { zones: readonly Choice[]; devices: readonly Choice[]; views: Settings['views']; onChange: (views: Settings['views']) => void }) {
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
    <Section title={t('settings.views')}>
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
          <Select
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
    </Section>
  );
}

/** Choose items and put them in order: drag, or the Up/Down buttons (the keyboard way). */
function OrderedPicker({ title, choices, chosen, onChange }: { title: string; choices: readonly Choice[]; chosen: readonly string[]; onChange: (ids: string[]) => void }) {
  const { t } = useI18n();
  const dragged = useRef<number | undefined>(undefined);
  const byId = new Map(choices.map((c) => [c.id, c]));
  const move = (from: number, to: number) => {
    if (to < 0 || to >= chosen.length) return;
    const next = [...chosen];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    onChange(next);
  };
  const available = choices.filter((c) => !chosen.includes(c.id));
  return (
    <fieldset className="ordered-picker">
      <legend>{title}</legend>
      {chosen.length === 0 && <p className="muted">{t('settings.noneChosen')}</p>}
      <ol>
        {chosen.map((id, index) => (
          <li
            key={id}
            draggable
            onDragStart={() => (dragged.current = index)}
            onDragOver={(event) => event.preventDefault()}
            onDrop={() => {
              if (dragged.current !== undefined) move(dragged.current, index);
              dragged.current = undefined;
            }}
          >
            <span className="picker-name">{byId.get(id)?.name ?? id}</span>
            <button type="button" aria-label={t('settings.moveUp', { name: byId.get(id)?.name ?? id })} disabled={index === 0} onClick={() => move(index, index - 1)}>
              ↑
            </button>
            <button type="button" aria-label={t('settings.moveDown', { name: byId.get(id)?.name ?? id })} disabled={index === chosen.length - 1} onClick={() => move(index, index + 1)}>
              ↓
            </button>
            <button type="button" aria-label={t('settings.remove', { name: byId.get(id)?.name ?? id })} onClick={() => onChange(chosen.filter((c) => c !== id))}>
              ×
            </button>
          </li>
        ))}
      </ol>
      {available.length > 0 && (
        <AddChoice label={t('settings.add')} choices={available} onAdd={(id) => onChange([...chosen, id])} />
      )}
    </fieldset>
  );
}

function AddChoice({ label, choices, onAdd }: { label: string; choices: readonly Choice[]; onAdd: (id: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value=""
        onChange={(event) => {
          if (event.target.value) onAdd(event.target.value);
        }}
      >
        <option value="">…</option>
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.detail ? `${choice.name} (${choice.detail})` : choice.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function TransferSection({ settings, onImport }: { settings: Settings; onImport: (settings: Settings) => void }) {
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
    event.target.value = '';
    if (!file) return;
    const result = importSettings(await file.text());
    if (result.ok) {
      onImport(result.settings);
      setMessage({ ok: true, text: t('settings.imported') });
    } else {
      setMessage({ ok: false, text: `${t('settings.importRefused')} ${result.problems.join('; ')}` });
    }
  };
  return (
    <Section title={t('settings.transfer')}>
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
    </Section>
  );
}

