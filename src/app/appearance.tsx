import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { THEMES } from '../features/settings/settings-model.ts';
import type { Theme } from '../features/settings/settings-model.ts';
import { useSettings } from '../features/settings/settings-store.ts';
import { I18nProvider, useI18n } from '../lib/i18n.tsx';
import { ownValue } from '../lib/own-key.ts';
import { useSearchParam } from '../lib/use-search-param.ts';

// Theme, density and language for the whole page. The theme comes from the address (`?theme=eink`,
// so a wall can be set up without touching settings), else the open view's, else the settings.

/** The theme in use: `?theme=`, else the open view's, else the settings'. */
export function useTheme(): Theme {
  const [settings] = useSettings();
  const [themeParam] = useSearchParam('theme');
  const [viewName] = useSearchParam('view');
  const viewTheme = viewName ? ownValue(settings.views, viewName)?.theme : undefined;
  return themeParam && (THEMES as readonly string[]).includes(themeParam) ? (themeParam as Theme) : viewTheme && viewTheme !== 'auto' ? viewTheme : settings.theme;
}

export function Appearance({ children }: { children: ReactNode }) {
  const [settings] = useSettings();
  const theme = useTheme();

  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'auto') delete root.dataset.theme;
    else root.dataset.theme = theme;
    root.dataset.density = settings.density;
  }, [theme, settings.density]);

  return (
    <I18nProvider setting={settings.language}>
      <DocumentLanguage />
      {children}
    </I18nProvider>
  );
}

/** `<html lang>` follows the UI language, so screen readers pronounce Dutch as Dutch (WCAG 3.1.1). */
function DocumentLanguage() {
  const { language } = useI18n();
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return null;
}

/** `?kiosk=1` / `?locked=1` in the address switch the wall behaviours on without opening settings. */
export function useAddressFlag(name: string): boolean {
  const [value] = useSearchParam(name);
  return value !== null && value !== '0' && value !== 'false';
}
