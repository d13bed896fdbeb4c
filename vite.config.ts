import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

// One config for the PWA build and for the tests. The service worker is ours
// (injectManifest): Workbox only supplies the precache list and its helpers.
export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      // The zxing-cpp decoder's .wasm (~0.95 MB) is precached so the desk scans offline from a
      // cold start; the limit leaves room above Workbox's 2 MiB default for a grown wasm.
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,wasm}'], maximumFileSizeToCacheInBytes: 4 * 1024 * 1024 },
      devOptions: { enabled: false },
    }),
  ],
  build: { target: 'es2022', sourcemap: true },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/{domain,db,server,sync,shared,ui}/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // One server process for every e2e file (test/support/e2e.ts explains how files share it).
          globalSetup: ['test/support/e2e-server.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // One worker runs the files one after another; without isolation it imports Playwright,
          // the harness and the server modules once instead of once per file.
          isolate: false,
        },
      },
    ],
  },
});
