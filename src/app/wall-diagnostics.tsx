import type { RuntimeConfig } from '../config/runtime-config.ts';
import { SettingsSection } from '../features/settings/settings-section.tsx';
import { formatAge, formatNumber } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';
import { PERSISTED_CACHE_MAX_CHARS, PERSISTED_TEXT_MAX_CHARS, usePersistedCacheReport } from './persisted-cache-report.ts';

// "About this wall" at the foot of the settings: what the dashboard did not take as given. The values
// of config.json it lowered to their bounds, and the stored copy of the Homey's values (its size, and
// what the cap left out or refused). Said here and not in the console, where the person who set up
// the wall would never look; the household never needs it on the wall itself.

export function WallDiagnostics({ config }: { config: RuntimeConfig }) {
  const { t, locale } = useI18n();
  const report = usePersistedCacheReport();
  const size = (chars: number) => `${formatNumber(Math.max(1, Math.round(chars / 1000)), locale, 0)}\u00a0kB`;
  const cap = size(PERSISTED_CACHE_MAX_CHARS);
  const lines: { key: string; text: string }[] = [];

  for (const adjusted of config.adjusted ?? []) {
    lines.push({
      key: adjusted.setting,
      text: t('about.configLowered', { setting: adjusted.setting, asked: String(adjusted.askedMs), used: formatAge(adjusted.usedMs, locale) }),
    });
  }
  if (report.refused) lines.push({ key: 'refused', text: t('about.cacheRefused', { size: size(report.refused.chars), cap }) });
  if (report.written) {
    lines.push({ key: 'written', text: t('about.cacheStored', { size: size(report.written.chars), cap }) });
    if (report.written.leftOut > 0) lines.push({ key: 'leftOut', text: t('about.cacheLeftOut', { count: report.written.leftOut, cap }) });
    if (report.written.cutTexts > 0) {
      lines.push({ key: 'cut', text: t('about.cacheCutTexts', { count: report.written.cutTexts, max: formatNumber(PERSISTED_TEXT_MAX_CHARS, locale, 0) }) });
    }
  }
  if (report.tooLarge) lines.push({ key: 'tooLarge', text: t('about.cacheTooLarge', { size: size(report.tooLarge.chars), cap }) });
  if (report.failed) lines.push({ key: 'failed', text: t('about.cacheFailed', { reason: report.failed }) });
  if (!report.written && !report.tooLarge && !report.failed) lines.push({ key: 'none', text: t('about.cacheNone') });

  return (
    <SettingsSection title={t('about.title')}>
      <ul className="muted">
        {lines.map((line) => (
          <li key={line.key}>{line.text}</li>
        ))}
      </ul>
    </SettingsSection>
  );
}
