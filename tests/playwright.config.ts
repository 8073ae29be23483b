import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium';

/**
 * End-to-end tests on Debian's chromium against the real `muster serve` (tests/e2e/server.ts starts one per test
 * file on a fresh data folder, so there is no webServer block). One worker: these machines have two cores.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: '../playwright-report' }]] : 'list',
  use: {
    browserName: 'chromium',
    locale: 'en-GB',
    timezoneId: 'Africa/Nairobi',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
