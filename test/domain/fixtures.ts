// Realistic data for the domain tests, taken from the seed plans (Bắc Kạn blood drive,
// Lạng Sơn Olympic run). Builders return parsed, schema-valid facts so a fixture can
// never drift from the wire format.
import { randomUUID } from 'node:crypto';
import { AdmitFact, Participant, Unit, VoidFact, type Checkpoint, type Fact, type FactMethod } from '../../src/shared/schemas.ts';

/** Hành trình đỏ 2024, Bắc Kạn: opens 07:00, the city's units donate 08:30–10:00. */
export const BAC_KAN = { id: 2024071, date: '2024-07-10', timeZone: 'Asia/Ho_Chi_Minh', opensAt: '07:00' } as const;

/** Ngày chạy Olympic 2024, Lạng Sơn: everyone on site before 07:00, start at 08:00. */
export const LANG_SON = { id: 2024033, date: '2024-03-30', timeZone: 'Asia/Ho_Chi_Minh', arriveBy: '07:00' } as const;

export const UNITS: readonly Unit[] = [
  Unit.parse({ id: 1, name: 'Đoàn Thanh niên thành phố', quotas: [{ category: 'đoàn viên', quota: 110 }], slot: { from: '08:30', to: '10:00' } }),
  Unit.parse({ id: 2, name: 'Công an thành phố', quotas: [{ category: 'cán bộ', quota: 60 }], slot: { from: '08:30', to: '10:00' } }),
  Unit.parse({
    id: 3,
    name: 'Phòng Giáo dục và Đào tạo',
    leaderName: 'Hoàng Thị Thu',
    quotas: [{ category: 'giáo viên', quota: 50 }, { category: 'học sinh', quota: 200 }],
  }),
  Unit.parse({ id: 4, name: 'Phường Sông Cầu', group: 'phường', quotas: [{ category: 'nhân dân', quota: 20 }] }),
];

export const PEOPLE: readonly Participant[] = [
  { no: 1001, name: 'Nguyễn Văn An', phone: '0912 345 678', unitId: 1, category: 'đoàn viên' },
  { no: 1002, name: 'Trần Thị Bích Ngọc', phone: '0987.654.321', unitId: 1, category: 'đoàn viên' },
  { no: 1003, name: 'Lê Hoàng Dũng', phone: '0203 871 456', unitId: 1, category: 'đoàn viên' },
  { no: 2001, name: 'Đặng Thị Đào', phone: '0915 222 333', unitId: 2, category: 'cán bộ' },
  { no: 3001, name: 'Phạm Minh Tuấn', phone: '0977 100 200', unitId: 3, category: 'giáo viên' },
  { no: 3002, name: 'Vũ Thị Hương', phone: '0977 100 201', unitId: 3, category: 'giáo viên' },
  { no: 3101, name: 'Hoàng Gia Bảo', phone: '', unitId: 3, category: 'học sinh' },
  { no: 3102, name: 'Nông Thị Mai', phone: '', unitId: 3, category: 'học sinh' },
  { no: 3103, name: 'Ma Văn Khánh', phone: '', unitId: 3, category: 'học sinh' },
  { no: 4001, name: 'Triệu Thị Lan', phone: '0209 3870 111', unitId: 4, category: 'nhân dân' },
].map((p) => Participant.parse(p));

/** The participant with this code number; throws so a typo in a test fails loudly. */
export function person(no: number): Participant {
  const found = PEOPLE.find((p) => p.no === no);
  if (!found) throw new Error(`no participant ${no} in the fixtures`);
  return found;
}

/** Epoch ms of a wall-clock time on the Bắc Kạn event day (UTC+7, no DST). */
export const bacKanAt = (hh: number, mm: number, ss = 0, ms = 0): number => Date.UTC(2024, 6, 10, hh - 7, mm, ss, ms);

interface AdmitOptions {
  deskId?: string;
  deviceId?: string;
  at?: number;
  clockOffsetMs?: number;
  checkpoint?: Checkpoint;
  method?: FactMethod;
}

/** An admission of a roster participant, as a desk would record it. */
export function admitFact(who: Participant, options: AdmitOptions = {}): AdmitFact {
  return AdmitFact.parse({
    id: randomUUID(),
    eventId: BAC_KAN.id,
    kind: 'admit',
    personKey: String(who.no),
    unitId: who.unitId,
    category: who.category,
    checkpoint: options.checkpoint ?? 'arrived',
    method: options.method ?? 'scan',
    deviceId: options.deviceId ?? 'tablet-01',
    deskId: options.deskId ?? 'ban-1',
    deviceTime: options.at ?? bacKanAt(8, 45),
    clockOffsetMs: options.clockOffsetMs ?? 0,
  });
}

/** A walk-in registered at the desk: keyed by its own fact id, not a code number. */
export function walkInFact(name: string, unitId: number, category: string, options: AdmitOptions = {}): AdmitFact {
  const id = randomUUID();
  return AdmitFact.parse({
    id,
    eventId: BAC_KAN.id,
    kind: 'admit',
    personKey: `w:${id}`,
    unitId,
    category,
    checkpoint: options.checkpoint ?? 'arrived',
    method: 'walk-in',
    deviceId: options.deviceId ?? 'tablet-01',
    deskId: options.deskId ?? 'ban-1',
    deviceTime: options.at ?? bacKanAt(9, 0),
    clockOffsetMs: options.clockOffsetMs ?? 0,
    walkIn: { name, unitId, category },
  });
}

/** The undo of an admission: a new fact naming the one it cancels. */
export function voidFact(target: Fact, options: Omit<AdmitOptions, 'checkpoint' | 'method'> = {}): VoidFact {
  return VoidFact.parse({
    ...target,
    id: randomUUID(),
    kind: 'void',
    method: 'undo',
    voids: target.id,
    walkIn: undefined,
    deviceId: options.deviceId ?? target.deviceId,
    deskId: options.deskId ?? target.deskId,
    deviceTime: options.at ?? target.deviceTime + 30_000,
    clockOffsetMs: options.clockOffsetMs ?? target.clockOffsetMs,
  });
}
