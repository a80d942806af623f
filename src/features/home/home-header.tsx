import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { formatNumber, formatTime } from '../../lib/format.ts';
import type { Weather } from './home-schema.ts';

export interface HomeHeaderProps {
  homeyName: string;
  locale: string;
  weather: Weather | undefined;
  /** Route indicator, Homey switcher, sign-out: composed in by the app. */
  children?: ReactNode;
}

const GREETINGS: Record<string, [morning: string, afternoon: string, evening: string, night: string]> = {
  en: ['Good morning', 'Good afternoon', 'Good evening', 'Good night'],
  nl: ['Goedemorgen', 'Goedemiddag', 'Goedenavond', 'Goedenacht'],
  de: ['Guten Morgen', 'Guten Tag', 'Guten Abend', 'Gute Nacht'],
};

export function greeting(hour: number, locale: string): string {
  const words = GREETINGS[locale.slice(0, 2)] ?? GREETINGS.en!;
  if (hour >= 5 && hour < 12) return words[0];
  if (hour >= 12 && hour < 18) return words[1];
  if (hour >= 18 && hour < 23) return words[2];
  return words[3];
}

/** The time, re-rendered once a minute on the minute (not every second: a wall tablet's battery). */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    let timer: number;
    const schedule = () => {
      const msToNextMinute = 60_000 - (Date.now() % 60_000) + 50;
      timer = window.setTimeout(() => {
        setNow(new Date());
        schedule();
      }, msToNextMinute);
    };
    schedule();
    return () => window.clearTimeout(timer);
  }, []);
  return now;
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

export function HomeHeader({ homeyName, locale, weather, children }: HomeHeaderProps) {
  const now = useMinuteClock();
  return (
    <header className="home-header">
      <div className="home-greeting">
        <p className="greeting">{greeting(now.getHours(), locale)}</p>
        <h1 className="homey-name">{homeyName}</h1>
      </div>
      <div className="home-clock">
        <time className="clock" dateTime={now.toISOString()}>
          {formatTime(now, locale)}
        </time>
        <span className="date">{formatDate(now, locale)}</span>
      </div>
      {weather && <WeatherSummary weather={weather} locale={locale} />}
      <div className="home-actions">{children}</div>
    </header>
  );
}

function WeatherSummary({ weather, locale }: { weather: Weather; locale: string }) {
  const parts: string[] = [];
  if (weather.temperature !== null) parts.push(`${formatNumber(weather.temperature, locale, 1)}\u00a0${weather.temperatureUnits ?? '°C'}`);
  if (weather.humidity !== null) parts.push(`${formatNumber(weather.humidity <= 1 ? weather.humidity * 100 : weather.humidity, locale, 0)}\u00a0%`);
  if (parts.length === 0 && !weather.state) return null;
  return (
    <p className="weather" aria-label="Weather">
      {weather.city && <span className="weather-city">{weather.city}</span>} {weather.state && <span className="weather-state">{weather.state}</span>}{' '}
      <span className="weather-values">{parts.join(' · ')}</span>
    </p>
  );
}
