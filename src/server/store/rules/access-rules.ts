// The rules of who may reach the server, once for both engines: a pairing code is spent once and
// only on success, and a new password ends every session of its account.
import type { NewDevice, RedeemResult } from '../store.ts';
import { io, type Rule } from './run.ts';
import type { AccountTx, DeviceTx } from './tx.ts';

/** Check, spend and pair in one transaction: two desks racing for one code cannot both win; a wrong desk keeps the code. */
export function* redeemPairingCode(tx: DeviceTx, codeHash: string, device: NewDevice, now: number): Rule<RedeemResult> {
  const eventId = yield* io(tx.lockPairingCode(codeHash, now));
  if (eventId === undefined) return { kind: 'invalid-code' };
  if (!(yield* io(tx.holdDesk(eventId, device.deskId)))) return { kind: 'unknown-desk' };
  yield* io(tx.spendPairingCode(codeHash, now));
  yield* io(tx.pairDevice(eventId, device, now));
  return { kind: 'paired', eventId };
}

/** Creates the account if missing and (re)issues its one-time setup token. */
export function* issueSetupToken(tx: AccountTx, username: string, tokenHash: string, expiresAt: number, now: number): Rule<void> {
  yield* io(tx.ensureAccount(username, now));
  yield* io(tx.writeSetupToken(username, tokenHash, expiresAt));
}

/** A new password ends every session of the account and its setup token: a leaked cookie dies with the old password. */
export function* setPassword(tx: AccountTx, username: string, hash: string, salt: string, now: number): Rule<void> {
  yield* io(tx.ensureAccount(username, now));
  yield* io(tx.writePassword(username, hash, salt));
  yield* io(tx.endSessions(username));
}

/** A setup token is spent once, even when two requests bring it at the same moment. */
export function* completeSetup(tx: AccountTx, tokenHash: string, hash: string, salt: string, now: number): Rule<string | undefined> {
  const username = yield* io(tx.lockSetupToken(tokenHash, now));
  if (username === undefined) return undefined;
  yield* setPassword(tx, username, hash, salt, now);
  return username;
}

/** Expired sessions are swept whenever a new one starts, so the table stays small without a timer. */
export function* createSession(tx: AccountTx, session: { idHash: string; username: string; expiresAt: number; now: number }): Rule<void> {
  yield* io(tx.deleteExpiredSessions(session.now));
  yield* io(tx.addSession(session));
}
