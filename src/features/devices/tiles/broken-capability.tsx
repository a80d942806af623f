import { useI18n } from '../../../lib/i18n.tsx';

/** A capability that could not be read: its name and why, in place of the tile. */
export function BrokenCapability({ id, problem }: { id: string; problem: string }) {
  const { t } = useI18n();
  return (
    <div className="capability capability-broken" role="note">
      <span className="capability-title">{id}</span>
      <span className="capability-value">{t('tile.unreadableCapability', { problem })}</span>
    </div>
  );
}
