import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';

// One renderer bundle for both shells. Relative base: served at / (browser shell) and app://renderer/ (Electron).
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/renderer'),
    emptyOutDir: true,
    // Everything from 'self': no inline scripts or styles, so the strict CSP holds.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
    // A desktop app's bundle is read from disk, not a network: one ~1 MB chunk (React, zod, charts) is fine.
    chunkSizeWarningLimit: 1500,
  },
});
