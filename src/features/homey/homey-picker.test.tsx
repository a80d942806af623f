import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../test-support/memory-storage.ts';
import { I18nProvider, loadLanguage } from '../../lib/i18n.tsx';
import { HomeyConnectionProvider } from './homey-connection.tsx';
import { HomeyPicker } from './homey-picker.tsx';

// What the Homey feature says before there is a dashboard to show, in the wall's language.

function render(language: string, children: ReactNode): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <I18nProvider setting={language}>{children}</I18nProvider>
    </QueryClientProvider>,
  );
}

const homeys = [
  { id: 'h1', name: 'Home' },
  { id: 'h2', name: 'Holiday cabin' },
];
const picker = <HomeyPicker homeys={homeys} chosenId={undefined} onChoose={() => undefined} />;
const local = (
  <HomeyConnectionProvider
    access={{ kind: 'local', baseUrl: 'http://192.168.1.20', apiKey: 'k'.repeat(32) }}
    onSignInRequired={() => undefined}
    storage={createMemoryStorage() as unknown as Storage}
  >
    {null}
  </HomeyConnectionProvider>
);

beforeAll(() => Promise.all([loadLanguage('nl'), loadLanguage('de')]));

describe('the Homey picker and the connecting screen', () => {
  it('speak English on an English wall', () => {
    expect(render('en', picker)).toContain('Which Homey should this screen show?');
    expect(render('en', picker)).toContain('<span class="homey-status checking">checking…</span>');
    expect(render('en', local)).toContain('Connecting to 192.168.1.20…');
  });

  it('speak Dutch on a Dutch wall', () => {
    expect(render('nl', picker)).toContain('Welke Homey moet dit scherm tonen?');
    expect(render('nl', picker)).toContain('<span class="homey-status checking">controleren…</span>');
    expect(render('nl', local)).toContain('Verbinden met 192.168.1.20…');
  });

  it('speak German on a German wall', () => {
    expect(render('de', picker)).toContain('Welchen Homey soll dieser Bildschirm zeigen?');
    expect(render('de', picker)).toContain('<span class="homey-status checking">wird geprüft…</span>');
    expect(render('de', local)).toContain('Verbindung mit 192.168.1.20…');
  });
});
