// Security headers: every answer is nosniff and sends no referrer; every HTML page gets a CSP
// that runs only the server's own script files and the exact inline scripts that page ships,
// found and hashed here, so a name injected into a page could never run even if escaping failed.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/** Inline <script> bodies (those without src), exactly as the browser hashes them. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]!);
}

const hashOf = (script: string) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;

/**
 * The page's policy. Styles allow inline: the printable pages carry their own <style> blocks and
 * the scanner library positions its video with style attributes; styles cannot run code.
 */
export function contentSecurityPolicy(html: string): string {
  const scripts = ["'self'", ...new Set(inlineScripts(html).map(hashOf))];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Adds the headers after the route answered; HTML bodies are read once to hash their scripts. */
export function pageHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    if (!/^text\/html\b/i.test(c.res.headers.get('Content-Type') ?? '')) return;
    const html = await c.res.clone().text();
    c.res.headers.set('Content-Security-Policy', contentSecurityPolicy(html));
    c.res.headers.set('X-Frame-Options', 'DENY');
  };
}
