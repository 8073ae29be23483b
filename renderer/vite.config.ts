import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The screens, built once for Electron (app://) and for browser mode (served by electron/server). Both serve the same
 * strict CSP (script-src 'self', style-src 'self', no eval), so nothing may be emitted inline: the module-preload
 * polyfill is off (Chromium has native modulepreload) and assets are never inlined as data: URLs into scripts or CSS.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('../dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React changes least often: a stable vendor chunk. Languages other than English are dynamic imports
            // (src/i18n/bundles), so each already gets a chunk of its own and loads only when chosen.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
});
