import type { ReactNode } from 'react';
import { Icon } from '../../components/icon.tsx';
import type { IconName } from '../../components/icon.tsx';
import { formatNumber, formatTime } from '../../lib/format.ts';
import { useMinuteClock } from '../../lib/clock.ts';
import { useI18n } from '../../lib/i18n.tsx';
import type { Weather } from './home-schema.ts';

export interface HomeHeaderProps {
  homeyName: string;
  weather: Weather | undefined;
  /** Route indicator, Homey switcher, sign-out: composed in by the app. */
  children?: ReactNode;
  /** Wraps the clock, e.g. in a long press that opens the settings of a locked wall. */
  clockWrapper?: ((clock: ReactNode) => ReactNode) | undefined;
}

/** Which part of the day it is, for the greeting. */
export function partOfDay(hour: number): 'morning' | 'afternoon' | 'evening' | 'night' {
  if (hour >= 5 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 18) return 'afternoon';
  if (hour >= 18 && hour < 23) return 'evening';
  return 'night';
}


const dateFormats = new Map<string, Intl.DateTimeFormat>();
function formatDate(date: Date, locale: string): string {
  let format = dateFormats.get(locale);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' });
    } catch {
      format = new Intl.DateTimeFormat('en', { weekday: 'long', day: 'numeric', month: 'long' });
    }
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

export function HomeHeader({ homeyName, weather, children, clockWrapper = (clock) => clock }: HomeHeaderProps) {
  const now = useMinuteClock();
  const { t, locale } = useI18n();
  return (
    <header className="home-header">
      <div className="home-greeting">
        <p className="greeting">{t(`greeting.${partOfDay(now.getHours())}`)}</p>
        <h1 className="homey-name">{homeyName}</h1>
      </div>
      {clockWrapper(
        <div className="home-clock">
          <time className="clock" dateTime={now.toISOString()}>
            {formatTime(now, locale)}
          </time>
          <span className="date">{formatDate(now, locale)}</span>
        </div>,
      )}
      {weather && <WeatherSummary weather={weather} locale={locale} />}
      <div className="home-actions">{children}</div>
    </header>
  );
}

/**
 * The drawing for the Homey's weather `iconId` ("clouds_light_day", "rain_light_day": kind, strength,
 * day or night), or undefined for one we do not know.
 */
export function weatherIcon(iconId: string | null): IconName | undefined {
  if (!iconId) return undefined;
  const id = iconId.toLowerCase();
  const night = id.includes('night');
  if (/thunder|storm|lightning/.test(id)) return 'cloud-lightning';
  if (/snow|sleet|hail/.test(id)) return 'cloud-snow';
  if (/drizzle/.test(id)) return 'cloud-drizzle';
  if (/rain|shower/.test(id)) return 'cloud-rain';
  if (/fog|mist|haze/.test(id)) return 'cloud-fog';
  if (/clouds?_light|partly|few/.test(id)) return night ? 'cloud-moon' : 'cloud-sun';
  if (/cloud|overcast/.test(id)) return 'cloud';
  if (/clear|sun/.test(id)) return night ? 'moon' : 'sun';
  return undefined;
}

function WeatherSummary({ weather, locale }: { weather: Weather; locale: string }) {
  const { t } = useI18n();
  const parts: string[] = [];
  if (weather.temperature !== null) parts.push(`${formatNumber(weather.temperature, locale, 1)}\u00a0${weather.temperatureUnits ?? '°C'}`);
  if (weather.humidity !== null) parts.push(`${formatNumber(weather.humidity <= 1 ? weather.humidity * 100 : weather.humidity, locale, 0)}\u00a0%`);
  if (parts.length === 0 && !weather.state) return null;
  const icon = weatherIcon(weather.iconId);
  return (
    <p className="weather">
      {icon && <Icon name={icon} className="weather-icon" />}
      <span className="visually-hidden">{t('header.weather')}: </span>
      {weather.city && <span className="weather-city">{weather.city}</span>} {weather.state && <span className="weather-state">{weather.state}</span>}{' '}
      <span className="weather-values">{parts.join(' · ')}</span>
    </p>
  );
}
