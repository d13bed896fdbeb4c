// CSRF guard for the coordinator's session cookie. SameSite=Strict does not stop a same-site
// host (another port on the venue laptop's address), so a write that carries the cookie must
// also show it comes from this very origin, and must be JSON, which a plain HTML form cannot send.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { sendError } from './errors.ts';
import { SESSION_COOKIE } from './auth.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Raw-body uploads and the content types each accepts; every other write is JSON. */
const UPLOAD_TYPES: ReadonlyArray<{ path: RegExp; types: readonly string[] }> = [
  {
    path: /^\/api\/events\/[^/]+\/roster-import$/,
    types: ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel'],
  },
  { path: /^\/api\/events\/[^/]+\/desk-file$/, types: ['application/json', 'application/octet-stream'] },
];

const mediaType = (header: string | undefined): string | undefined => header?.split(';')[0]!.trim().toLowerCase() || undefined;

/** Whether the browser says the request comes from a page of this server (Fetch Metadata first, then Origin). */
function fromThisOrigin(c: Context, publicUrl: string | undefined): boolean {
  const site = c.req.header('Sec-Fetch-Site');
  if (site !== undefined) return site === 'same-origin';
  const origin = c.req.header('Origin');
  if (origin === undefined || origin === 'null') return false;
  let originHost: string;
  try { originHost = new URL(origin).host; } catch { return false; }
  // The host, not the scheme: behind a TLS proxy the server itself sees http.
  const ownHosts = [new URL(c.req.url).host, c.req.header('Host')];
  if (publicUrl) ownHosts.push(new URL(publicUrl).host);
  return ownHosts.includes(originHost);
}

/** A write's body type is acceptable: JSON, an upload's own type, or no body at all. */
function acceptableBody(c: Context): 'ok' | 'notJson' | 'badUploadType' {
  const type = mediaType(c.req.header('Content-Type'));
  const upload = UPLOAD_TYPES.find((u) => u.path.test(c.req.path));
  if (upload) return type !== undefined && upload.types.includes(type) ? 'ok' : 'badUploadType';
  if (type === undefined && (c.req.header('Content-Length') ?? '0') === '0') return 'ok';
  return type === 'application/json' ? 'ok' : 'notJson';
}

/**
 * Guards writes that a browser would authenticate on its own: those with the session cookie and
 * no bearer token (desks send a token, which no other site can make a browser attach).
 */
export function sameOriginWrites(options: { publicUrl?: string } = {}): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (/^Bearer\s/i.test(c.req.header('Authorization') ?? '')) return next();
    const cookieAuth = getCookie(c, SESSION_COOKIE) !== undefined;
    // Sign-in sets the cookie: a foreign page must not sign a browser in to another account either.
    const signIn = c.req.path === '/api/login' || c.req.path === '/api/setup-password';
    if (!cookieAuth && !signIn) return next();
    const declared = c.req.header('Sec-Fetch-Site') !== undefined || c.req.header('Origin') !== undefined;
    if ((cookieAuth || declared) && !fromThisOrigin(c, options.publicUrl)) return sendError(c, 'crossSiteRequest');
    const body = acceptableBody(c);
    return body === 'ok' ? next() : sendError(c, body);
  };
}
