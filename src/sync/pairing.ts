// Pairing a desk with the server: a one-time code exchanged for a revocable device token.
import { PairingCodeEvent, PairResponse, type PairRequest } from '../shared/sync.ts';
import { HttpFailure, requestJson } from './http.ts';
import type { DeskDb } from '../db/db.ts';
import { PAIRING_KEY_PREFIX, pairingKey, putSetting, type Pairing } from '../db/settings.ts';

/** A token this device already holds for `deviceId` (any event, even revoked): the server keeps the id only for its holder. */
async function tokenOfDevice(db: DeskDb, deviceId: string | undefined): Promise<string | undefined> {
  if (deviceId === undefined) return undefined;
  const rows = await db.settings.where('key').startsWith(PAIRING_KEY_PREFIX).toArray();
  return rows.map((row) => row.value as Pairing | undefined).find((p) => p?.deviceId === deviceId)?.token;
}

/**
 * Exchanges a pairing code for a token and keeps it, with the device id the server returns
 * (it may differ from the one asked for); throws with a message in both languages.
 */
export async function pairDevice(db: DeskDb, request: PairRequest, baseUrl = ''): Promise<Pairing> {
  let body: PairResponse;
  try {
    const token = await tokenOfDevice(db, request.deviceId);
    ({ body } = await requestJson(`${baseUrl}/api/pair`, PairResponse, { method: 'POST', body: JSON.stringify(request), token }));
  } catch (error) {
    if (!(error instanceof HttpFailure)) throw error;
    if (error.status === 0) throw { vi: 'Cần có mạng để ghép nối thiết bị.', en: 'Pairing needs the network.' };
    throw { vi: error.vi, en: error.en };
  }
  const pairing: Pairing = { token: body.token, deviceId: body.deviceId, deskId: body.deskId, eventId: body.eventId };
  await putSetting(db, pairingKey(body.eventId), pairing);
  return pairing;
}

/** The event a pairing code was made for, or undefined when the code is unknown, spent or the server out of reach. */
export async function eventOfPairingCode(code: string, baseUrl = ''): Promise<number | undefined> {
  try {
    const { body } = await requestJson(`${baseUrl}/api/pair/event`, PairingCodeEvent, { method: 'POST', body: JSON.stringify({ code }) });
    return body.eventId;
  } catch {
    return undefined;
  }
}

/** The pairing code in the address (`#pair=CODE`), as the coordinator's QR opens it. */
export function pairCodeFromUrl(): string | undefined {
  const match = /(?:^#|&)pair=([A-Za-z0-9-]+)/.exec(location.hash);
  return match?.[1];
}
