import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { en } from './messages/en.ts';
import type { MessageKey, Messages } from './messages/en.ts';

// UI text in English, Dutch and German. Homey's own titles arrive already in the Homey's language;
// this covers only what the dashboard itself says. Numbers and dates follow `locale`.

export type UiLanguage = 'en' | 'nl' | 'de';
export const UI_LANGUAGES: readonly UiLanguage[] = ['en', 'nl', 'de'];

// English is built in (it is also the fallback for a missing key); Dutch and German are separate
// chunks loaded before the first render that needs them, so nobody downloads all three.
const CATALOGUES: Partial<Record<UiLanguage, Messages>> = { en };
const LOADERS: Record<Exclude<UiLanguage, 'en'>, () => Promise<Messages>> = {
  nl: () => import('./messages/nl.ts').then((m) => m.nl),
  de: () => import('./messages/de.ts').then((m) => m.de),
};

/** Makes `language` available to `translate`; resolves at once for English or a loaded language. */
export async function loadLanguage(language: UiLanguage): Promise<void> {
  if (CATALOGUES[language]) return;
  if (language === 'en') return;
  try {
    CATALOGUES[language] = await LOADERS[language]();
  } catch {
    // Offline before the chunk was ever cached: English it is, rather than no screen.
  }
}

export function isLanguageLoaded(language: UiLanguage): boolean {
  return CATALOGUES[language] !== undefined;
}

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** The language to use: the setting, else the first browser language we speak, else English. */
export function resolveLanguage(setting: string, browserLanguages: readonly string[] = navigatorLanguages()): UiLanguage {
  if ((UI_LANGUAGES as readonly string[]).includes(setting)) return setting as UiLanguage;
  for (const tag of browserLanguages) {
    const base = tag.slice(0, 2).toLowerCase();
    if ((UI_LANGUAGES as readonly string[]).includes(base)) return base as UiLanguage;
  }
  return 'en';
}

/** The locale for numbers and dates: the browser's own when it is the same language (nl-BE stays nl-BE). */
export function resolveLocale(language: UiLanguage, browserLanguages: readonly string[] = navigatorLanguages()): string {
  return browserLanguages.find((tag) => tag.slice(0, 2).toLowerCase() === language) ?? language;
}

function navigatorLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export function translate(language: UiLanguage, key: MessageKey, vars?: Vars): string {
  const template = CATALOGUES[language]?.[key] ?? en[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export interface I18n {
  language: UiLanguage;
  locale: string;
  t: Translate;
}

const I18nContext = createContext<I18n>({ language: 'en', locale: 'en', t: (key, vars) => translate('en', key, vars) });

export function I18nProvider({ setting, children }: { setting: string; children: ReactNode }) {
  const wanted = resolveLanguage(setting);
  // The language in use: the wanted one once its text has loaded (app start preloads it).
  const [loaded, setLoaded] = useState<UiLanguage | undefined>(() => (isLanguageLoaded(wanted) ? wanted : undefined));
  useEffect(() => {
    let live = true;
    void loadLanguage(wanted).then(() => {
      if (live) setLoaded(wanted);
    });
    return () => {
      live = false;
    };
  }, [wanted]);
  const language = loaded === wanted || isLanguageLoaded(wanted) ? wanted : (loaded ?? 'en');
  const value = useMemo<I18n>(
    () => ({ language, locale: resolveLocale(language), t: (key, vars) => translate(language, key, vars) }),
    [language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
