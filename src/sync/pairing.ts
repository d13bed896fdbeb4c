// Pairing a desk with the server: a one-time code exchanged for a revocable device token.
import { PairResponse, type PairRequest } from '../shared/sync.ts';
import { HttpFailure, requestJson } from './http.ts';
import type { DeskDb } from '../db/db.ts';
import { pairingKey, putSetting, type Pairing } from '../db/settings.ts';

/** Exchanges a pairing code for a token and keeps it; throws with a message in both languages. */
export async function pairDevice(db: DeskDb, request: PairRequest, baseUrl = ''): Promise<Pairing> {
  let body: PairResponse;
  try {
    ({ body } = await requestJson(`${baseUrl}/api/pair`, PairResponse, { method: 'POST', body: JSON.stringify(request) }));
  } catch (error) {
    if (!(error instanceof HttpFailure)) throw error;
    if (error.status === 0) throw { vi: 'Cần có mạng để ghép nối thiết bị.', en: 'Pairing needs the network.' };
    throw { vi: error.vi, en: error.en };
  }
  const pairing: Pairing = { token: body.token, deviceId: body.deviceId, deskId: body.deskId, eventId: body.eventId };
  await putSetting(db, pairingKey(body.eventId), pairing);
  return pairing;
}

/** The pairing code in the address (`#pair=CODE`), as the coordinator's QR opens it. */
export function pairCodeFromUrl(): string | undefined {
  const match = /(?:^#|&)pair=([A-Za-z0-9-]+)/.exec(location.hash);
  return match?.[1];
}
