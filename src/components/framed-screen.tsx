import { useI18n } from '../lib/i18n.tsx';
import { ProblemScreen } from './problem-screen.tsx';

export interface FramedScreenProps {
  /** Opens the dashboard in a tab of its own. */
  onOpen: () => void;
}

/** All a page of another origin that frames the dashboard gets to see. */
export function FramedScreen({ onOpen }: FramedScreenProps) {
  const { t } = useI18n();
  return <ProblemScreen title={t('framed.title')} message={t('framed.message')} onRetry={onOpen} retryLabel={t('framed.open')} />;
}
