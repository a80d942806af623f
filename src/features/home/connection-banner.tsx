import { formatTime } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';

export interface ConnectionBannerProps {
  homeyName: string;
  /** When polls started failing (epoch ms); null while all is well. */
  failingSince: number | null;
  /** The device itself has no network. */
  offline: boolean;
  reason?: string | undefined;
  /** Which side is failing: the Homey (the default), Athom's cloud, or the Homey refusing this account. */
  side?: 'homey' | 'cloud' | 'login-refused' | undefined;
  /**
   * The browser may not reach the local network (docs/homey-web-api.md §5): said while all is well
   * too, since the dashboard then goes through Athom's cloud; and a Homey failure is put down to it.
   */
  localNetworkDenied?: boolean | undefined;
}

/** One banner for the connection, instead of a message per failed poll. Data stays on screen below it. */
export function ConnectionBanner({ homeyName, failingSince, offline, reason, side = 'homey', localNetworkDenied = false }: ConnectionBannerProps) {
  const { t, locale } = useI18n();
  if (offline) {
    return (
      <p role="status" className="connection-banner is-offline">
        {t('connection.offline')}
      </p>
    );
  }
  if (failingSince === null) {
    if (!localNetworkDenied) return null;
    return (
      <p role="status" className="connection-banner is-notice" data-side="local-network">
        {t('connection.lanDenied')}
      </p>
    );
  }
  const time = formatTime(failingSince, locale);
  const text =
    localNetworkDenied && side === 'homey'
      ? t('connection.lanDeniedBanner', { name: homeyName, time })
      : side === 'cloud'
      ? t('connection.cloudBanner', { name: homeyName, time })
      : side === 'login-refused'
        ? t('connection.loginRefusedBanner', { name: homeyName, time, reason: reason ?? '' }).trim()
        : t('connection.banner', { name: homeyName, time });
  return (
    <p role="status" className="connection-banner" data-side={localNetworkDenied && side === 'homey' ? 'local-network' : side} title={reason}>
      {text}
    </p>
  );
}
