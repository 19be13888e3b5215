// End-to-end tests of the built dist/ in Debian's Chromium (never a downloaded browser).
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT || 8765);

export default defineConfig({
  testDir: './specs',
  outputDir: './artifacts/results',
  timeout: 120_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/app/`,
    viewport: { width: 1360, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions',
      ],
    },
  },
  webServer: {
    // dist/ under a sub-path, plus a static "docs" host page for the embed test.
    command: `node serve.mjs --dir ../../dist --prefix /app/ --extra-dir ./host --host 127.0.0.1 --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/app/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
