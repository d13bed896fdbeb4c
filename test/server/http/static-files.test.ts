import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../../src/server/app.ts';
import { openTempStore, type TempStore } from '../store/temp-store.ts';

describe('static PWA files', () => {
  let temp: TempStore;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    temp = await openTempStore({ seed: false });
    const dist = join(temp.dir, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Điểm danh</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(dist, 'assets', 'index-AbC123.js'), 'console.log(1)');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{}');
    app = createApp({ store: temp.store, distDir: dist });
  });
  afterAll(() => temp.remove());

  it.each([
    ['/', 'no-cache'], ['/index.html', 'no-cache'], ['/sw.js', 'no-cache'],
    ['/assets/index-AbC123.js', 'public, max-age=31536000, immutable'],
  ])('serves %s with Cache-Control %s', async (path, cacheControl) => {
    const response = await app.request(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(cacheControl);
  });

  it('falls back to index.html for client routes, not for /api or missing assets', async () => {
    const route = await app.request('/events/1/desk');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Điểm danh');
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect((await app.request('/assets/missing-123.js')).status).toBe(404);
    const api = await app.request('/api/unknown');
    expect(api.status).toBe(404);
    expect(await api.json()).toHaveProperty('error.en');
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('refuses path traversal', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/assets/..%2f..%2fpackage.json']) {
      const response = await app.request(path);
      expect(await response.text()).not.toContain('"dependencies"');
    }
  });
});
