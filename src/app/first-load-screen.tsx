import { LoadingScreen } from '../components/loading-screen.tsx';
import { ProblemScreen } from '../components/problem-screen.tsx';
import { useHomeyConnection } from '../features/homey/homey-connection.tsx';
import { HomeyLoginRefusedError } from '../features/homey/errors.ts';
import { HomeyUnreachableError } from '../features/homey/route-discovery.ts';
import { useI18n } from '../lib/i18n.tsx';

export interface FirstLoadScreenProps {
  /** A try at the device list has failed (it is still retried). */
  failed: boolean;
  /** Why, as far as known. */
  failure: Error | null;
  onRetry: () => void;
}

/**
 * The screen until the first device list arrives: the wait, or, once a try has failed, why the
 * Homey does not answer and the way forward. Once devices are known they stay on screen and a
 * failure is the connection banner's to tell.
 */
export function FirstLoadScreen({ failed, failure, onRetry }: FirstLoadScreenProps) {
  const connection = useHomeyConnection();
  const { t } = useI18n();
  if (!failed) return <LoadingScreen message={t('home.loadingDevices')} />;
  const secondary = connection.chooseAnotherHomey && { label: t('connection.chooseAnother'), onClick: connection.chooseAnotherHomey };
  if (isSubscriptionInactive(failure)) {
    return (
      <ProblemScreen
        title={t('connection.subscription', { name: connection.homey.name })}
        message={t('connection.subscriptionMessage')}
        onRetry={onRetry}
        retryLabel={t('connection.tryAgain')}
        secondary={secondary}
      />
    );
  }
  if (failure instanceof HomeyLoginRefusedError) {
    return (
      <ProblemScreen
        title={t('connection.loginRefused', { name: connection.homey.name })}
        message={`${failure.reason ? `${failure.reason}. ` : ''}${t('connection.loginRefusedMessage')}`}
        onRetry={onRetry}
        retryLabel={t('connection.tryAgain')}
        secondary={secondary}
      />
    );
  }
  if (connection.localNetwork === 'denied' && failure instanceof HomeyUnreachableError && failure.localNetworkDenied) {
    return (
      <ProblemScreen
        title={t('connection.lanDeniedTitle', { name: connection.homey.name })}
        message={t('connection.lanDeniedMessage')}
        onRetry={onRetry}
        retryLabel={t('connection.tryAgain')}
        secondary={secondary}
      />
    );
  }
  const reason = failure?.message ?? '';
  return (
    <ProblemScreen
      title={t('connection.homeyUnreachable', { name: connection.homey.name })}
      message={`${reason ? `${reason}. ` : ''}${t('connection.homeyUnreachableMessage')}`}
      onRetry={onRetry}
      retryLabel={t('connection.tryAgain')}
      secondary={secondary}
    />
  );
}

/** Athom's relay refuses a Homey whose subscription lapsed; route discovery keeps that as the attempt's reason. */
function isSubscriptionInactive(error: unknown): boolean {
  return error instanceof HomeyUnreachableError && error.attempts.some((attempt) => /subscription/i.test(attempt.reason));
}
