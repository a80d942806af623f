import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contentSecurityPolicy } from './scripts/csp.ts';

// The runtime configuration (public/config.json) is fetched at start, never bundled, so one build
// serves every deployment. `npm start` serves its own /config.json pointing at the emulator.
export default defineConfig({
  // The built index.html carries a Content-Security-Policy meta tag (README "Security").
  plugins: [react(), contentSecurityPolicy()],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  build: {
    target: 'es2020',
    sourcemap: true,
  },
});
