import { useI18n } from '../lib/i18n.tsx';
import type { StorageHealth } from '../lib/storage.ts';

export interface StorageNoticeProps {
  health: StorageHealth;
}

/**
 * Where this browser keeps nothing (refused) or nothing more (full): says that the sign-in lasts only
 * as long as the page, and what would make it last. Nothing while storage works.
 */
export function StorageNotice({ health }: StorageNoticeProps) {
  const { t } = useI18n();
  if (health === 'works') return null;
  return (
    <p role="status" className="problem">
      {t(health === 'full' ? 'storage.full' : 'storage.refused')}
    </p>
  );
}
