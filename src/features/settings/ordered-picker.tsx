import { useId, useRef } from 'react';
import { useI18n } from '../../lib/i18n.tsx';

export interface Choice {
  id: string;
  name: string;
  /** "Home › Kitchen" for zones, the zone for devices. */
  detail?: string | undefined;
}

export interface OrderedPickerProps {
  title: string;
  choices: readonly Choice[];
  chosen: readonly string[];
  onChange: (ids: string[]) => void;
}

/** Choose items and put them in order: drag, or the Up/Down buttons (the keyboard way). */
export function OrderedPicker({ title, choices, chosen, onChange }: OrderedPickerProps) {
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

/** A select that adds what is picked and then reads "…" again, ready for the next one. */
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
