import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { StorageNotice } from '../../components/storage-notice.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import type { MessageKey } from '../../lib/messages/en.ts';
import { isQuotaError, useStorageHealth } from '../../lib/storage.ts';
import { SignInWindowError } from './auth-errors.ts';
import type { AuthProblem } from './auth-errors.ts';
import { askForLocalNetwork, checkLocalCredentials } from './local-credentials.ts';
import type { LocalCredentials } from './local-credentials.ts';

export interface SignInScreenProps {
  problem?: AuthProblem | undefined;
  /** Back from a local address that did not answer, or whose key was refused: the local form, open, with it filled in. */
  localAddress?: string | undefined;
  onSignIn: () => Promise<void>;
  onSignInLocal: (credentials: LocalCredentials) => void;
}

/** Why the cloud sign-in did not start, in the words for what went wrong. */
function startFailure(error: unknown): MessageKey {
  if (error instanceof SignInWindowError) return error.reason === 'blocked' ? 'signIn.windowBlocked' : 'signIn.windowClosed';
  return isQuotaError(error) ? 'storage.full' : 'signIn.startFailed';
}

/**
 * One clear button for the cloud sign-in; local mode one click away. A problem, if any, on top; and
 * where this browser keeps nothing, or nothing more, that a sign-in lasts only as long as the page.
 */
export function SignInScreen({ problem, localAddress, onSignIn, onSignInLocal }: SignInScreenProps) {
  const { t } = useI18n();
  const storage = useStorageHealth();
  const [busy, setBusy] = useState(false);
  const [startError, setStartError] = useState<string | undefined>();
  const [local, setLocal] = useState(localAddress !== undefined);
  // A local problem is put right in the local form: there the way forward says "Sign in again".
  const localProblem = problem !== undefined && localAddress !== undefined;

  const start = async () => {
    setBusy(true);
    setStartError(undefined);
    try {
      await onSignIn();
    } catch (error) {
      setBusy(false);
      setStartError(t(startFailure(error)));
    }
  };

  return (
    <main className="screen sign-in">
      {problem ? (
        <section role="alert" className="problem" aria-labelledby="problem-title">
          <h1 id="problem-title">{t(`problem.${problem.kind}.title`)}</h1>
          <p>
            {t(`problem.${problem.kind}.message`)}
            {problem.detail ? ` (${problem.detail})` : ''}
          </p>
        </section>
      ) : (
        <h1>{t('app.title')}</h1>
      )}
      <StorageNotice health={storage} />
      <p>{t(storage === 'works' ? 'signIn.intro' : 'signIn.introForThisPage')}</p>
      <button type="button" className="primary" onClick={() => void start()} disabled={busy}>
        {problem && !localProblem ? t('signIn.again') : t('signIn.button')}
      </button>
      {startError && <p role="alert">{startError}</p>}
      <details open={local} onToggle={(event) => setLocal((event.target as HTMLDetailsElement).open)}>
        <summary>{t('signIn.local')}</summary>
        <LocalSignInForm onSubmit={onSignInLocal} address={localAddress} again={localProblem} />
      </details>
    </main>
  );
}

function LocalSignInForm({ onSubmit, address, again }: { onSubmit: (credentials: LocalCredentials) => void; address: string | undefined; again: boolean }) {
  const { t } = useI18n();
  const addressId = useId();
  const keyId = useId();
  const [problem, setProblem] = useState<string | undefined>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const check = checkLocalCredentials(String(data.get('address') ?? ''), String(data.get('apiKey') ?? ''));
    if (!check.ok) {
      setProblem(t(`signIn.problem.${check.problem}`));
      return;
    }
    askForLocalNetwork(check.credentials.baseUrl);
    onSubmit(check.credentials);
  };

  return (
    <form onSubmit={submit} className="local-sign-in">
      <label htmlFor={addressId}>{t('signIn.address')}</label>
      <input id={addressId} name="address" inputMode="url" autoComplete="url" placeholder="192.168.1.20" defaultValue={address} required />
      <label htmlFor={keyId}>{t('signIn.apiKey')}</label>
      <input id={keyId} name="apiKey" type="password" autoComplete="off" required />
      {problem && <p role="alert">{problem}</p>}
      <button type="submit">{again ? t('signIn.again') : t('signIn.connect')}</button>
    </form>
  );
}
