import { formatTime } from '../../lib/format.ts';

export interface ConnectionBannerProps {
  homeyName: string;
  /** When polls started failing (epoch ms); null while all is well. */
  failingSince: number | null;
  /** The device itself has no network. */
  offline: boolean;
  locale: string;
  reason?: string | undefined;
}

/** One banner for the connection, instead of a message per failed poll. Data stays on screen below it. */
export function ConnectionBanner({ homeyName, failingSince, offline, locale, reason }: ConnectionBannerProps) {
  if (offline) {
    return (
      <p role="status" className="connection-banner is-offline">
        Offline: showing the last known values. They update by themselves when the network is back.
      </p>
    );
  }
  if (failingSince === null) return null;
  return (
    <p role="status" className="connection-banner" title={reason}>
      {homeyName} unreachable since {formatTime(failingSince, locale)}: showing the last known values.
    </p>
  );
}
