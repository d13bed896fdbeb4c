// Who is asking: every /api request gets a principal from its bearer token or session
// cookie before any route runs, and routes ask one of the guards below instead of reading headers.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { sendError } from './errors.ts';
import { hashSecret } from './auth-secrets.ts';
import type { AccountStore, DeviceStore } from '../store/store.ts';

/** The closed set of callers; `revoked` is a desk whose token the coordinator withdrew. */
export type Principal =
  | { kind: 'none' }
  | { kind: 'desk'; deviceId: string; eventId: number; deskId: string }
  | { kind: 'coordinator'; username: string }
  | { kind: 'revoked'; deviceId: string };

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal;
    /** What the rate limiter counts by: a known token's or session's hash, else the client address. */
    credential: string;
  }
}

/** The coordinator's session cookie. */
export const SESSION_COOKIE = 'dd_session';
/** A coordinator signs in once per event day. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const bearerOf = (header: string | undefined): string | undefined => /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];

/** The peer's address, for per-address limits; 'unknown' in-process. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

async function principalOf(c: Context, store: AccountStore & DeviceStore, now: number): Promise<{ principal: Principal; credential: string }> {
  const bearer = bearerOf(c.req.header('Authorization'));
  if (bearer !== undefined) {
    const tokenHash = hashSecret(bearer);
    const device = await store.deviceByTokenHash(tokenHash);
    // An unknown token earns no bucket of its own: a made-up one per request would bypass every limit.
    if (!device) return { principal: { kind: 'none' }, credential: `ip:${clientAddress(c)}` };
    const credential = `token:${tokenHash}`;
    if (device.revokedAt !== undefined) return { principal: { kind: 'revoked', deviceId: device.id }, credential };
    return { principal: { kind: 'desk', deviceId: device.id, eventId: device.eventId, deskId: device.deskId }, credential };
  }
  const session = getCookie(c, SESSION_COOKIE);
  if (session !== undefined) {
    const idHash = hashSecret(session);
    const username = await store.sessionUser(idHash, now);
    if (username !== undefined) return { principal: { kind: 'coordinator', username }, credential: `session:${idHash}` };
  }
  return { principal: { kind: 'none' }, credential: `ip:${clientAddress(c)}` };
}

/** Resolves the principal once per request; a bearer token wins over a cookie. */
export function resolvePrincipal(store: AccountStore & DeviceStore, now: () => number): MiddlewareHandler {
  return async (c, next) => {
    const { principal, credential } = await principalOf(c, store, now());
    c.set('principal', principal);
    c.set('credential', credential);
    await next();
  };
}

/** 401 for nobody (a revoked desk is told so plainly), else undefined. */
export function denyAnonymous(c: Context): Response | undefined {
  const principal = c.get('principal');
  switch (principal.kind) {
    case 'none': return sendError(c, 'unauthorized');
    case 'revoked': return sendError(c, 'revoked');
    case 'desk':
    case 'coordinator': return undefined;
  }
}

/** Only a coordinator may change an event, pair or revoke: 401 without credentials, 403 for a desk. */
export function denyUnlessCoordinator(c: Context): Response | undefined {
  const denied = denyAnonymous(c);
  if (denied) return denied;
  return c.get('principal').kind === 'coordinator' ? undefined : sendError(c, 'coordinatorOnly');
}

/** A desk token reads and writes only the event it was paired with. Call after denyAnonymous. */
export function denyOtherEvent(c: Context, eventId: number): Response | undefined {
  const principal = c.get('principal');
  return principal.kind === 'desk' && principal.eventId !== eventId ? sendError(c, 'otherEvent') : undefined;
}

/** HttpOnly + SameSite=Strict keep the session away from scripts and other sites; Secure once behind https. */
export function setSessionCookie(c: Context, sessionId: string): void {
  const https = new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https';
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true, sameSite: 'Strict', path: '/', maxAge: SESSION_TTL_MS / 1000, secure: https,
  });
}

/** Clears the browser's copy; the server-side session is deleted by the caller. */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
