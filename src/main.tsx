import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FramedScreen } from './components/framed-screen.tsx';
import { App, AppErrorBoundary, startLoading } from './app/app.tsx';
import { framedByAnotherOrigin } from './lib/frame-guard.ts';
import { I18nProvider, loadLanguage, resolveLanguage } from './lib/i18n.tsx';
import './app/app.css';

// React's first render replaces index.html's own fallback in #root (what a browser that cannot run
// this file, or never got it, shows after a while).
const root = document.getElementById('root');
if (root && framedByAnotherOrigin()) {
  // Before anything that holds a session: a framed dashboard reads no storage and asks no Homey.
  void refuseToRunFramed(root);
} else if (root) {
  try {
    void startLoading();
  } catch {
    // App asks again once it is drawn, inside the error boundary, which then says what went wrong.
  }
  createRoot(root).render(
    <StrictMode>
      <AppErrorBoundary>
        <App />
      </AppErrorBoundary>
    </StrictMode>,
  );

  // The service worker (offline start) and the hourly look for a new version: production builds only
  // (the dev server has no service worker), and loaded after the page is up, since drawing the first
  // screen needs neither.
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    window.addEventListener(
      'load',
      () => {
        void import('./features/kiosk/app-updates.ts').then(({ startAppUpdates }) => startAppUpdates());
      },
      { once: true },
    );
  }
}

async function refuseToRunFramed(container: HTMLElement): Promise<void> {
  // The browser's language: the settings live in this origin's storage, which a framed page leaves alone.
  await loadLanguage(resolveLanguage('auto'));
  createRoot(container).render(
    <StrictMode>
      <I18nProvider setting="auto">
        <FramedScreen onOpen={openOnItsOwn} />
      </I18nProvider>
    </StrictMode>,
  );
}

/** The dashboard in a tab of its own, without the framing page's query (it chose that). */
function openOnItsOwn(): void {
  window.open(`${window.location.origin}${window.location.pathname}`, '_blank', 'noopener,noreferrer');
}
