import { formatTime } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';

export interface ConnectionBannerProps {
  homeyName: string;
  /** When polls started failing (epoch ms); null while all is well. */
  failingSince: number | null;
  /** The device itself has no network. */
  offline: boolean;
  reason?: string | undefined;
}

/** One banner for the connection, instead of a message per failed poll. Data stays on screen below it. */
export function ConnectionBanner({ homeyName, failingSince, offline, reason }: ConnectionBannerProps) {
  const { t, locale } = useI18n();
  if (offline) {
    return (
      <p role="status" className="connection-banner is-offline">
        {t('connection.offline')}
      </p>
    );
  }
  if (failingSince === null) return null;
  return (
    <p role="status" className="connection-banner" title={reason}>
      {t('connection.banner', { name: homeyName, time: formatTime(failingSince, locale) })}
    </p>
  );
}
