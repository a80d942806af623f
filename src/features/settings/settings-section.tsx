import { useId } from 'react';
import type { ReactNode } from 'react';

/** One titled group of the settings screen, named by its heading for screen readers. */
export function SettingsSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
