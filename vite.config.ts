import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy } from './scripts/csp.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The runtime configuration (public/config.json) is fetched at start, never bundled, so one build
// serves every deployment. `npm start` serves its own /config.json pointing at the emulator.
export default defineConfig({
  plugins: [
    react(),
    // An installable app whose shell starts without a network (README "Deploying the static build",
    // docs/decisions/004). The service worker is registered by our own bundled module
    // (src/features/kiosk/app-updates.ts), never by an inline script: the policy forbids those.
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      mode: 'production',
      manifest: {
        id: './',
        name: 'Homey wall dashboard',
        short_name: 'Homey wall',
        description: 'A wall, tablet and kiosk dashboard for the Homey smart-home hub.',
        lang: 'en',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f4f5f7',
        theme_color: '#f4f5f7',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon.png'],
      workbox: {
        // The app shell: HTML, JS and CSS (the icons, favicon and manifest come in through the
        // manifest and `includeAssets`). config.json is left out on purpose: a precached copy would
        // outlive a change until the next deploy. It is cached network-first below instead.
        globPatterns: ['**/*.{js,css,html}'],
        navigateFallback: 'index.html',
        // Only page addresses fall back to the app; a file (config.json, sw.js, an icon: a last path
        // segment with a dot) never does. Workbox tests path and query together; only the path counts.
        navigateFallbackDenylist: [/^[^?]*\/[^/?]*\.[^/?]*(?:\?.*)?$/],
        // `injectRegister: false` leaves these to us: a new version takes over at once, and the
        // page reloads itself when it is idle (app-updates.ts).
        skipWaiting: true,
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // Fresh from the network whenever it answers, so an edited config.json applies at the
            // next start; the last good copy when it does not (offline, or no answer within 5 s).
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.endsWith('/config.json'),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'runtime-config',
              networkTimeoutSeconds: 5,
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
    // The built index.html carries a Content-Security-Policy meta tag (README "Security").
    contentSecurityPolicy(),
  ],
  define: {
    // The persisted query cache is dropped when the app's version changes (src/app/query-persistence.ts).
    'import.meta.env.APP_VERSION': JSON.stringify(version),
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  build: {
    // The oldest browsers we support, and why: README "Browser support".
    target: 'es2020',
    sourcemap: true,
  },
});
