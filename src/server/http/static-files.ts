// Serves the built PWA. The cache headers are what make service-worker updates reach users:
// sw.js and index.html are revalidated every time, content-hashed assets are cached forever.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

const NO_CACHE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The Cache-Control a static path gets, undefined to leave the default. */
export function cacheControlFor(path: string): string | undefined {
  if (path.startsWith('/assets/')) return IMMUTABLE;
  if (path === '/' || path.endsWith('/index.html') || path === '/sw.js') return NO_CACHE;
  return undefined;
}

const isApi = (path: string): boolean => path === '/api' || path.startsWith('/api/');

/** Mounts dist/ after the API routes, with an SPA fallback to index.html for client-side routes. */
export function mountStaticFiles(app: Hono, distDir: string): void {
  const files = serveStatic({ root: distDir });
  const indexFile = serveStatic({ root: distDir, path: 'index.html' });
  app.use('*', async (c, next) => {
    if (isApi(c.req.path)) return next();
    // serveStatic returns a Response when it found the file; otherwise it ran next() for us.
    const found = await files(c, next);
    if (!(found instanceof Response)) return;
    const cacheControl = cacheControlFor(c.req.path);
    if (cacheControl) found.headers.set('Cache-Control', cacheControl);
    return found;
  });
  // A missing hashed asset must stay a 404: answering HTML would poison the immutable cache.
  app.get('*', async (c, next) => {
    if (isApi(c.req.path) || c.req.path.startsWith('/assets/') || !existsSync(join(distDir, 'index.html'))) {
      return next();
    }
    const response = await indexFile(c, next);
    if (!(response instanceof Response)) return;
    response.headers.set('Cache-Control', NO_CACHE);
    return response;
  });
}
