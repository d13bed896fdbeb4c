// Coordinator sign-in: password login, logout, the one-time setup link, and "who am I".
import type { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import * as z from 'zod/mini';
import { sendError } from './errors.ts';
import {
  SESSION_COOKIE, SESSION_TTL_MS, clearSessionCookie, clientAddress, setSessionCookie, type Principal,
} from './auth.ts';
import { MIN_PASSWORD_LENGTH, ScryptBusy, hashPassword, hashSecret, newSecret, verifyPassword } from './auth-secrets.ts';
import { LoginThrottle, sendLoginLocked } from './login-limit.ts';
import { readBody } from './request-input.ts';
import type { AccountStore } from '../store/store.ts';

/** POST /api/login body. */
export const LoginRequest = z.object({
  username: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
  password: z.string().check(z.minLength(1), z.maxLength(256)),
});

/** POST /api/setup-password body; the token comes from the link printed on first start. */
export const SetupPasswordRequest = z.object({
  token: z.string().check(z.minLength(20), z.maxLength(128)),
  password: z.string().check(z.maxLength(256)),
});

/** What GET /api/me says about the caller (never a secret). */
export type WhoAmI =
  | { kind: 'none' }
  | { kind: 'desk'; deviceId: string; eventId: number; deskId: string }
  | { kind: 'coordinator'; username: string };

async function startSession(store: AccountStore, username: string, now: number): Promise<string> {
  const sessionId = newSecret();
  await store.createSession({ idHash: hashSecret(sessionId), username, expiresAt: now + SESSION_TTL_MS, now });
  return sessionId;
}

const whoAmI = (principal: Exclude<Principal, { kind: 'revoked' }>): WhoAmI => principal;

/** verifyPassword, or 'busy' when too many checks already wait for scrypt. */
async function checkPassword(password: string, account: { passwordHash?: string; passwordSalt?: string } | undefined): Promise<boolean | 'busy'> {
  try {
    // verifyPassword runs scrypt even for an unknown user, so timing does not reveal usernames.
    return await verifyPassword(password, { hash: account?.passwordHash, salt: account?.passwordSalt });
  } catch (error) {
    if (error instanceof ScryptBusy) return 'busy';
    throw error;
  }
}

/** Mounts /api/login, /api/logout, /api/setup-password and /api/me. */
export function mountAuthRoutes(app: Hono, store: AccountStore, now: () => number, throttle = new LoginThrottle()): void {
  app.post('/api/login', async (c) => {
    const body = await readBody(c, LoginRequest);
    if (!body.ok) return body.response;
    const { username, password } = body.value;
    const address = clientAddress(c);
    const key = username.toLowerCase();
    const waitMs = throttle.waitMs(key, address, now());
    if (waitMs > 0) return sendLoginLocked(c, waitMs);
    const account = await store.getCoordinator(username);
    const ok = await checkPassword(password, account);
    if (ok === 'busy') {
      c.header('Retry-After', '1');
      return sendError(c, 'loginBusy');
    }
    if (!ok || !account) {
      throttle.failed(key, address, now());
      return sendError(c, 'badLogin');
    }
    throttle.succeeded(key);
    setSessionCookie(c, await startSession(store, account.username, now()));
    return c.json({ username: account.username });
  });

  app.post('/api/logout', async (c) => {
    const session = getCookie(c, SESSION_COOKIE);
    if (session !== undefined) await store.deleteSession(hashSecret(session));
    clearSessionCookie(c);
    return c.json({ ok: true });
  });

  app.post('/api/setup-password', async (c) => {
    const body = await readBody(c, SetupPasswordRequest);
    if (!body.ok) return body.response;
    const { token, password } = body.value;
    if (password.length < MIN_PASSWORD_LENGTH) return sendError(c, 'weakPassword');
    const { hash, salt } = await hashPassword(password);
    const username = await store.completeSetup(hashSecret(token), hash, salt, now());
    if (username === undefined) return sendError(c, 'badSetupToken');
    setSessionCookie(c, await startSession(store, username, now()));
    return c.json({ username });
  });

  app.get('/api/me', (c) => {
    const principal = c.get('principal');
    if (principal.kind === 'revoked') return sendError(c, 'revoked');
    return c.json(whoAmI(principal));
  });
}
