// First start: make sure someone can become coordinator. Until an account has a password,
// every start issues a fresh one-time setup link (the previous one stops working).
import { hashSecret, newSecret } from './auth-secrets.ts';
import type { AccountStore } from '../store/store.ts';

/** The account created on first start. */
export const FIRST_COORDINATOR = 'admin';
/** A setup link works for a day: enough to find the console output, short enough not to linger. */
export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** The link and account to print, or undefined when some coordinator can already sign in. */
export interface SetupInvite {
  username: string;
  link: string;
  expiresAt: number;
}

/** Issues the setup link when no coordinator has a password yet; `origin` is what the console shows. */
export async function inviteFirstCoordinator(store: AccountStore, { origin, now }: { origin: string; now: number }): Promise<SetupInvite | undefined> {
  const accounts = await store.listCoordinators();
  if (accounts.some((a) => a.passwordHash !== undefined)) return undefined;
  const username = accounts[0]?.username ?? FIRST_COORDINATOR;
  const token = newSecret();
  const expiresAt = now + SETUP_TOKEN_TTL_MS;
  await store.issueSetupToken(username, hashSecret(token), expiresAt, now);
  return { username, link: `${origin.replace(/\/+$/, '')}/setup#token=${token}`, expiresAt };
}

/** The console lines for an invite: the link, and the command that works without a browser. */
export function inviteMessage(invite: SetupInvite): string {
  return [
    `Điểm danh: no coordinator password is set yet. For account "${invite.username}", either`,
    `  open this one-time link within 24 hours:  ${invite.link}`,
    `  or run:  npm run set-password -- ${invite.username}`,
  ].join('\n');
}
