import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Vitest looks for its config at the top level; the renderer's build config lives in renderer/vite.config.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts'],
          testTimeout: 30_000,
          // Benchmarks run once, here (`npm run bench`), never as part of `npm test`.
          benchmark: { include: ['shared/**/*.bench.ts', 'electron/**/*.bench.ts'] },
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['renderer/test-setup.ts'],
        },
      },
    ],
  },
});
