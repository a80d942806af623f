import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, startLoading } from './app/app.tsx';
import './app/app.css';

const root = document.getElementById('root');
if (root) {
  void startLoading();
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

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
