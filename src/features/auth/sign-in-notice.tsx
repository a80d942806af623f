import { useState } from 'react';
import { useNow } from '../../lib/clock.ts';
import { useI18n } from '../../lib/i18n.tsx';

export interface SignInNoticeProps {
  /** When the Homey session the wall runs on is expected to end (epoch ms), if known. */
  endsAt: () => number | undefined;
  onSignIn: () => Promise<void>;
}

/**
 * Athom refused to renew the sign-in, but the wall still runs on its Homey session: one calm line
 * over the dashboard instead of a sign-in page, saying how long it can go on, with the way forward.
 */
export function SignInNotice({ endsAt, onSignIn }: SignInNoticeProps) {
  const { t } = useI18n();
  const now = useNow(60_000);
  const [busy, setBusy] = useState(false);
  const end = endsAt();
  const hours = end === undefined ? undefined : Math.round((end - now) / 3_600_000);
  const left =
    hours === undefined ? '' : hours >= 2 ? t('signInNotice.hoursLeft', { hours }) : hours === 1 ? t('signInNotice.oneHourLeft') : t('signInNotice.lessThanAnHour');
  return (
    <section className="sign-in-notice" role="status" aria-labelledby="sign-in-notice-title">
      <p>
        <strong id="sign-in-notice-title">{t('signInNotice.title')}</strong> {t('signInNotice.message')} {left}
      </p>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          // A redirect leaves the page; a sign-in window that was closed gives the button back.
          onSignIn().then(
            () => setBusy(false),
            () => setBusy(false),
          );
        }}
      >
        {t('signIn.again')}
      </button>
    </section>
  );
}
