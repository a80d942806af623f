import { useQuery } from '@tanstack/react-query';
import type { AthomHomey } from './athom-cloud.ts';
import { homeyQueries } from './homey-queries.ts';
import { discoverRoute } from './route-discovery.ts';
import { useI18n } from '../../lib/i18n.tsx';

export interface HomeyPickerProps {
  homeys: readonly AthomHomey[];
  chosenId: string | undefined;
  onChoose: (homey: AthomHomey) => void;
}

/** Several Homeys on one account: pick the one this screen shows (remembered; changeable later). */
export function HomeyPicker({ homeys, chosenId, onChoose }: HomeyPickerProps) {
  const { t } = useI18n();
  return (
    <main className="screen">
      <h1>{t('picker.title')}</h1>
      <ul className="homey-picker">
        {homeys.map((homey) => (
          <li key={homey.id}>
            <HomeyChoice homey={homey} current={homey.id === chosenId} onChoose={onChoose} />
          </li>
        ))}
      </ul>
    </main>
  );
}

function HomeyChoice({ homey, current, onChoose }: { homey: AthomHomey; current: boolean; onChoose: (homey: AthomHomey) => void }) {
  const { t } = useI18n();
  const reachable = useQuery(homeyQueries.reachable(homey, discoverRoute));
  // The class stays the same in every language (app.css colours online and offline).
  const status = reachable.data === undefined ? 'checking' : reachable.data ? 'online' : 'offline';
  const label = status === 'checking' ? t('picker.checking') : status === 'online' ? t('picker.online') : t('picker.offline');
  return (
    <button type="button" onClick={() => onChoose(homey)} aria-current={current || undefined}>
      <span className="homey-name">{homey.name}</span> <span className={`homey-status ${status}`}>{label}</span>
    </button>
  );
}
