import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';

/**
 * Sign out, asked first: on a wall one stray tap would otherwise leave the sign-in screen until
 * someone with the account comes by. The question opens with the focus on Cancel, so Enter or a
 * second stray tap changes nothing; Escape cancels too.
 */
export function SignOutButton({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [backToButton, setBackToButton] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const messageId = useId();

  useEffect(() => {
    if (asking) cancel.current?.focus();
    else if (backToButton) button.current?.focus();
  }, [asking, backToButton]);

  const stopAsking = () => {
    setBackToButton(true);
    setAsking(false);
  };

  return (
    <>
      <button type="button" ref={button} aria-expanded={asking} onClick={() => setAsking(true)}>
        {t('header.signOut')}
      </button>
      {asking && (
        <div
          role="alertdialog"
          aria-labelledby={titleId}
          aria-describedby={messageId}
          className="sign-out-confirm"
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.preventDefault();
            stopAsking();
          }}
        >
          <p>
            <strong id={titleId}>{t('signOut.confirmTitle')}</strong> <span id={messageId}>{t('signOut.confirmMessage')}</span>
          </p>
          <button type="button" ref={cancel} onClick={stopAsking}>
            {t('signOut.cancel')}
          </button>
          <button type="button" onClick={onSignOut}>
            {t('signOut.yes')}
          </button>
        </div>
      )}
    </>
  );
}
