import { useId, useState } from 'react';

// Labelled form controls: each pairs its label with its input through a generated id, and reports
// a value only once it is one the caller can use.

export interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly T[];
  optionLabel: (value: T) => string;
  onChange: (value: T) => void;
}

export function SelectField<T extends string>({ label, value, options, optionLabel, onChange }: SelectFieldProps<T>) {
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

export interface CheckFieldProps {
  label: string;
  checked: boolean;
  onChange: (value: boolean) => void;
}

export function CheckField({ label, checked, onChange }: CheckFieldProps) {
  const id = useId();
  return (
    <div className="field check">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export interface NumberFieldProps {
  label: string;
  value: string;
  min: number;
  max: number;
  placeholder?: string;
  /** Called on leaving the field: the number clamped to min..max, or null when left empty. */
  onChange: (value: number | null) => void;
}

/** A number typed as text (a decimal comma counts), so half-typed input is never reported. */
export function NumberField({ label, value, min, max, placeholder, onChange }: NumberFieldProps) {
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

export interface TimeFieldProps {
  label: string;
  /** "HH:MM". */
  value: string;
  onChange: (value: string) => void;
}

export function TimeField({ label, value, onChange }: TimeFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {/* A cleared or half-typed time reads as "": the last whole one stays. */}
      <input id={id} type="time" value={value} onChange={(event) => /^\d\d:\d\d$/.test(event.target.value) && onChange(event.target.value)} />
    </div>
  );
}
