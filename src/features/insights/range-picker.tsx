import { useI18n } from '../../lib/i18n.tsx';
import type { MessageKey } from '../../lib/messages/en.ts';
import type { Resolution } from './insight-timing.ts';

// The ranges a wall needs, as the Homey names them (docs/homey-web-api.md §2). Buttons, not a select: one
// tap on a touch screen, and each says whether it is the one shown (aria-pressed).

export const CHART_RANGES: readonly { resolution: Resolution; label: MessageKey }[] = [
  { resolution: 'lastHour', label: 'chart.range.lastHour' },
  { resolution: 'last6Hours', label: 'chart.range.last6Hours' },
  { resolution: 'last24Hours', label: 'chart.range.last24Hours' },
  { resolution: 'last7Days', label: 'chart.range.last7Days' },
  { resolution: 'last31Days', label: 'chart.range.last31Days' },
  { resolution: 'thisYear', label: 'chart.range.thisYear' },
];

export const DEFAULT_CHART_RANGE: Resolution = 'last24Hours';

export interface RangePickerProps {
  value: Resolution;
  onChange: (resolution: Resolution) => void;
}

export function RangePicker({ value, onChange }: RangePickerProps) {
  const { t } = useI18n();
  return (
    <div className="range-picker" role="group" aria-label={t('chart.range')}>
      {CHART_RANGES.map((range) => (
        <button
          key={range.resolution}
          type="button"
          aria-pressed={range.resolution === value}
          onClick={() => onChange(range.resolution)}
        >
          {t(range.label)}
        </button>
      ))}
    </div>
  );
}
