// Small device settings: who this device is, which event and desk it serves, its camera.
import { v7 as uuidv7 } from 'uuid';
import type { Checkpoint } from '../shared/schemas.ts';
import type { DeskDb } from './db.ts';

/** What the desk was set up for; kept so a reload or restart comes straight back to scanning. */
export interface DeskSetup {
  eventId: number;
  deskId: string;
  checkpoint: Checkpoint;
}

export async function getSetting<T>(db: DeskDb, key: string): Promise<T | undefined> {
  return (await db.settings.get(key))?.value as T | undefined;
}

export async function putSetting(db: DeskDb, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}

/** This device's id, made once and kept. */
export async function deviceId(db: DeskDb): Promise<string> {
  return db.transaction('rw', db.settings, async () => {
    const existing = await getSetting<string>(db, 'deviceId');
    if (existing) return existing;
    const id = uuidv7();
    await putSetting(db, 'deviceId', id);
    return id;
  });
}

/** The token a desk holds for one event, from pairing. */
export interface Pairing {
  token: string;
  deviceId: string;
  deskId: string;
  eventId: number;
}

/** Every event's pairing lives under this prefix, so a device can find all the tokens it holds. */
export const PAIRING_KEY_PREFIX = 'pairing:';
export const pairingKey = (eventId: number): string => `${PAIRING_KEY_PREFIX}${eventId}`;
/** The settings key of an event's pull cursor (db/pulled-facts.ts). */
export const cursorKey = (eventId: number): string => `cursor:${eventId}`;
/** The settings key of an event's package download in progress (db/package-staging.ts). */
export const downloadKey = (eventId: number): string => `download:${eventId}`;

export async function pairingFor(db: DeskDb, eventId: number): Promise<Pairing | undefined> {
  return getSetting<Pairing>(db, pairingKey(eventId));
}

/** Server time minus device time as last measured by sync; 0 before the first sync. */
export async function clockOffset(db: DeskDb): Promise<number> {
  return (await getSetting<number>(db, 'clockOffsetMs')) ?? 0;
}

/** Keeps the clock offset sync measured; facts recorded from now on carry it. */
export async function saveClockOffset(db: DeskDb, offsetMs: number): Promise<void> {
  await putSetting(db, 'clockOffsetMs', offsetMs);
}
