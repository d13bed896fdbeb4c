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
