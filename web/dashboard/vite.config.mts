import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard is built into the package (dist/web/dashboard) and served by the API server
// at /dashboard: every script, style and chart library is bundled, nothing comes from a CDN.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/dashboard/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/web/dashboard', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
});
