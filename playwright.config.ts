import { defineConfig } from '@playwright/test'

// End-to-end tests run against the built app (`next start`) and the AEP simulator, both started by the same
// launcher people use (`npm start`), on ports of their own so a running demo does not interfere.
export const appPort = Number(process.env.E2E_APP_PORT ?? 3100)
export const simulatorPort = Number(process.env.E2E_SIMULATOR_PORT ?? 4110)
const baseURL = `http://127.0.0.1:${appPort}`

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.e2e.ts',
  // One output folder per app port, so parallel runs on other ports never clobber each other's traces.
  outputDir: `test-results/${appPort}`,
  // Two cores: the app, the simulator and Chromium share them; one worker keeps timings honest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    { name: 'chromium', dependencies: ['setup'] },
  ],
  webServer: {
    command: 'node --import tsx scripts/start.ts',
    url: `${baseURL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(appPort),
      SIMULATOR_PORT: String(simulatorPort),
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? 'file:.data/e2e.sqlite',
    },
  },
})
