import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The runtime configuration (public/config.json) is fetched at start, never bundled, so one build
// serves every deployment. `npm start` serves its own /config.json pointing at the emulator.
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  build: {
    target: 'es2020',
    sourcemap: true,
  },
});
