import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './fixtures/chromium';

const chromium = findChromium();

export default defineConfig({
  testDir: './specs',
  outputDir: './test-output/results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: process.env['CI'] === 'true',
  reporter: [['list'], ['json', { outputFile: './test-output/results.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'browser-shell',
      testIgnore: /electron\/.*\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        launchOptions: {
          args: CHROMIUM_ARGS,
          ...(chromium.found && chromium.executablePath !== undefined
            ? { executablePath: chromium.executablePath }
            : {}),
        },
      },
    },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts$/ },
  ],
});
