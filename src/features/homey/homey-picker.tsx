import { useQuery } from '@tanstack/react-query';
import type { AthomHomey } from './athom-cloud.ts';
import { homeyQueries } from './homey-queries.ts';
import type { LocalNetworkPermission } from './local-network-permission.ts';
import { noLocalNetworkPermission } from './local-network-permission.ts';
import { discoverRoute, unpromptedKinds } from './route-discovery.ts';
import { useI18n } from '../../lib/i18n.tsx';

export interface HomeyPickerProps {
  homeys: readonly AthomHomey[];
  chosenId: string | undefined;
  onChoose: (homey: AthomHomey) => void;
  permission?: LocalNetworkPermission;
}

/** Several Homeys on one account: pick the one this screen shows (remembered; changeable later). */
export function HomeyPicker({ homeys, chosenId, onChoose, permission = noLocalNetworkPermission }: HomeyPickerProps) {
  const { t } = useI18n();
  const choose = (homey: AthomHomey) => {
    // While the browser would still ask for the local network, the first call to the LAN goes out
    // inside this tap, so the question comes with it (the online/offline checks asked only the relay).
    if (permission.state() === 'prompt') void discoverRoute(homey, { kinds: ['localSecure', 'local'] }).catch(() => undefined);
    onChoose(homey);
  };
  return (
    <main className="screen">
      <h1>{t('picker.title')}</h1>
      <ul className="homey-picker">
        {homeys.map((homey) => (
          <li key={homey.id}>
            <HomeyChoice homey={homey} current={homey.id === chosenId} onChoose={choose} permission={permission} />
          </li>
        ))}
      </ul>
    </main>
  );
}

function HomeyChoice({
  homey,
  current,
  onChoose,
  permission,
}: {
  homey: AthomHomey;
  current: boolean;
  onChoose: (homey: AthomHomey) => void;
  permission: LocalNetworkPermission;
}) {
  const { t } = useI18n();
  const reachable = useQuery(
    homeyQueries.reachable(homey, (h) =>
      permission.ready().then(() => discoverRoute(h, { kinds: unpromptedKinds(permission.state()), localNetwork: permission.state() })),
    ),
  );
  // The class stays the same in every language (app.css colours online and offline).
  const status = reachable.data === undefined ? 'checking' : reachable.data ? 'online' : 'offline';
  const label = status === 'checking' ? t('picker.checking') : status === 'online' ? t('picker.online') : t('picker.offline');
  return (
    <button type="button" onClick={() => onChoose(homey)} aria-current={current || undefined}>
      <span className="homey-name">{homey.name}</span> <span className={`homey-status ${status}`}>{label}</span>
    </button>
  );
}
