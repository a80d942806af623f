import { useId } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import { ProblemScreen } from './problem-screen.tsx';

// What stands where something threw while drawing: plain words and the way on, never the error
// itself (its message or stack may carry markup or names from the data).

export interface CrashScreenProps {
  onReload: () => void;
}

/** The whole page stopped: nothing of the dashboard is left to show. */
export function CrashScreen({ onReload }: CrashScreenProps) {
  const { t } = useI18n();
  return <ProblemScreen title={t('crash.title')} message={t('crash.message')} onRetry={onReload} retryLabel={t('crash.reload')} />;
}

export interface CrashPanelProps {
  onReload: () => void;
  /** Back to every device, when a device page or a view is what stopped. */
  onShowAll?: (() => void) | undefined;
}

/** One part of the page stopped, below a header and banner that still work. */
export function CrashPanel({ onReload, onShowAll }: CrashPanelProps) {
  const { t } = useI18n();
  const titleId = useId();
  return (
    <main className="screen">
      <section role="alert" className="problem" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('crash.part.title')}</h2>
        <p>{t('crash.part.message')}</p>
      </section>
      <div className="actions">
        <button type="button" className="primary" onClick={onReload}>
          {t('crash.reload')}
        </button>
        {onShowAll && (
          <button type="button" onClick={onShowAll}>
            {t('crash.showAll')}
          </button>
        )}
      </div>
    </main>
  );
}
