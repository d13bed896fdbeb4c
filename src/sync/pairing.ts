// Pairing a desk with the server: a one-time code exchanged for a revocable device token.
import * as z from 'zod/mini';
import { ApiError, PairResponse, type PairRequest } from '../shared/sync.ts';
import type { DeskDb } from '../db/db.ts';
import { pairingKey, putSetting, type Pairing } from '../db/settings.ts';

/** Exchanges a pairing code for a token and keeps it; throws with a message in both languages. */
export async function pairDevice(db: DeskDb, request: PairRequest, baseUrl = ''): Promise<Pairing> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/api/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  } catch {
    throw Object.assign(new Error('offline'), { vi: 'Cần có mạng để ghép nối thiết bị.', en: 'Pairing needs the network.' });
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const e = z.safeParse(ApiError, json).data?.error;
    throw Object.assign(new Error(e?.en ?? String(res.status)), { vi: e?.vi ?? 'Mã ghép nối không đúng hoặc đã hết hạn.', en: e?.en ?? 'The pairing code is wrong or has expired.' });
  }
  const body = PairResponse.parse(json);
  const pairing: Pairing = { token: body.token, deviceId: body.deviceId, deskId: body.deskId, eventId: body.eventId };
  await putSetting(db, pairingKey(body.eventId), pairing);
  return pairing;
}

/** The pairing code in the address (`#pair=CODE`), as the coordinator's QR opens it. */
export function pairCodeFromUrl(): string | undefined {
  const match = /(?:^#|&)pair=([A-Za-z0-9-]+)/.exec(location.hash);
  return match?.[1];
}
