import { describe, expect, it } from 'vitest';
import { loadLanguage, resolveLanguage, resolveLocale, translate } from './i18n.tsx';
import { de } from './messages/de.ts';
import { en } from './messages/en.ts';
import { nl } from './messages/nl.ts';

describe('i18n', () => {
  it('has every English key in Dutch and German, each with the same placeholders', () => {
    for (const catalogue of [nl, de]) {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(placeholders(catalogue[key as keyof typeof en]), key).toEqual(placeholders(text));
      }
    }
  });

  it('follows the setting, else the browser, else English', () => {
    expect(resolveLanguage('de', ['nl-NL'])).toBe('de');
    expect(resolveLanguage('auto', ['fr-FR', 'nl-BE'])).toBe('nl');
    expect(resolveLanguage('auto', ['fr-FR'])).toBe('en');
    expect(resolveLocale('nl', ['fr-FR', 'nl-BE'])).toBe('nl-BE');
    expect(resolveLocale('de', ['en-GB'])).toBe('de');
  });

  it('fills placeholders and leaves unknown ones visible', async () => {
    await loadLanguage('nl');
    expect(translate('nl', 'tile.more', { count: 3 })).toBe('+3 meer');
    expect(translate('en', 'connection.banner', { name: 'Home' })).toBe('Home unreachable since {time}: showing the last known values.');
  });
});
