// Talking to the sync server as coordinator and desks, over real HTTP or in-process
// (`app.request`): sign in, pair devices, make facts, push and pull. Shared by the server
// tests and the sync benchmark.
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { AdmitFact, Checkpoint, Fact, FactMethod, VoidFact } from '../../src/shared/schemas.ts';
import { PairResponse, PullResponse, PushResponse, type ServerFact } from '../../src/shared/sync.ts';
import { setCoordinatorPassword } from '../../src/server/cli/set-password.ts';
import { SqliteStore } from '../../src/server/store/sqlite/sqlite-store.ts';

/** fetch() against one server: `(path, init) => fetch(base + path, init)` or `app.request`. */
export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

/** A fetcher for a server listening at `baseUrl`. */
export const httpFetcher = (baseUrl: string): Fetcher => (path, init) => fetch(`${baseUrl}${path}`, init);

/** Waits out 429 answers as a well-behaved client does (Retry-After seconds), up to `attempts` tries. */
export function politeFetcher(fetcher: Fetcher, attempts = 20): Fetcher {
  return async (path, init) => {
    for (let attempt = 1; ; attempt++) {
      const response = await fetcher(path, init);
      if (response.status !== 429 || attempt >= attempts) return response;
      await response.body?.cancel();
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, Math.max(0.05, seconds) * 1000));
    }
  };
}

/** How a request proves who sends it. */
export type Credentials = { token: string } | { cookie: string } | undefined;

/** The headers a request carries for these credentials. */
export function authHeaders(auth: Credentials): Record<string, string> {
  if (!auth) return {};
  // What a browser adds to the coordinator page's own requests; the server refuses cookie writes without it.
  return 'token' in auth ? { authorization: `Bearer ${auth.token}` } : { cookie: auth.cookie, 'sec-fetch-site': 'same-origin' };
}

/** A JSON request with credentials. */
export function jsonInit(method: string, body: unknown, auth?: Credentials): RequestInit {
  return { method, headers: { 'content-type': 'application/json', ...authHeaders(auth) }, body: JSON.stringify(body) };
}

/** The password helpers use for the coordinator they create. */
export const COORDINATOR = { username: 'dieuphoi', password: 'mật-khẩu-đủ-dài' } as const;

/** Creates the coordinator in a data dir before the server process starts on it. */
export async function prepareCoordinator(dataDir: string, account = COORDINATOR): Promise<void> {
  const store = new SqliteStore(join(dataDir, 'diemdanh.sqlite'));
  try {
    await setCoordinatorPassword(store, { ...account, now: Date.now() });
  } finally {
    store.close();
  }
}

/** Signs in and returns the Cookie header value for the session. */
export async function login(fetcher: Fetcher, account: { username: string; password: string } = COORDINATOR): Promise<{ cookie: string }> {
  const response = await fetcher('/api/login', jsonInit('POST', account));
  if (response.status !== 200) throw new Error(`login: HTTP ${response.status} ${await response.text()}`);
  const cookie = /^(dd_session=[^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('login: no session cookie');
  return { cookie };
}

/** A fresh one-time pairing code for the event, as the coordinator's screen would show it. */
export async function offerPairing(fetcher: Fetcher, coordinator: { cookie: string }, eventId: number): Promise<string> {
  const offer = await fetcher(`/api/events/${eventId}/pairings`, jsonInit('POST', {}, coordinator));
  if (offer.status !== 201) throw new Error(`pairing code: HTTP ${offer.status} ${await offer.text()}`);
  return ((await offer.json()) as { code: string }).code;
}

/** Asks for a pairing code as the coordinator and redeems it as a desk. */
export async function pairDesk(fetcher: Fetcher, coordinator: { cookie: string },
  desk: { eventId: number; deskId: string; name: string; deviceId?: string; appVersion?: string }): Promise<PairResponse> {
  const code = await offerPairing(fetcher, coordinator, desk.eventId);
  const paired = await fetcher('/api/pair', jsonInit('POST', {
    code, deviceName: desk.name, deskId: desk.deskId, deviceId: desk.deviceId, appVersion: desk.appVersion,
  }));
  if (paired.status !== 200) throw new Error(`pair: HTTP ${paired.status} ${await paired.text()}`);
  return PairResponse.parse(await paired.json());
}

/** Who records a fact. */
export interface FactSource { eventId: number; deviceId: string; deskId: string }

/** An admission as a desk records it; the id is a fresh UUIDv7. */
export function admitFact(source: FactSource, person: {
  personKey: string; unitId: number; category: string; checkpoint?: Checkpoint; method?: FactMethod;
  deviceTime: number; clockOffsetMs?: number; unknown?: boolean;
}): AdmitFact {
  const fact: AdmitFact = {
    id: uuidv7(), eventId: source.eventId, kind: 'admit', personKey: person.personKey, unitId: person.unitId,
    category: person.category, checkpoint: person.checkpoint ?? 'arrived', method: person.method ?? 'scan',
    deviceId: source.deviceId, deskId: source.deskId, deviceTime: person.deviceTime, clockOffsetMs: person.clockOffsetMs ?? 0,
  };
  if (person.unknown) fact.unknown = true;
  return fact;
}

/** The undo of an admission, recorded by `source`. */
export function voidFact(source: FactSource, admission: Fact, deviceTime: number): VoidFact {
  // An undo names the admission and its person; a walk-in's details and the review flag stay on the admission.
  const { eventId, personKey, unitId, category, checkpoint } = admission;
  return {
    id: uuidv7(), eventId, kind: 'void', personKey, unitId, category, checkpoint, method: 'undo',
    deviceId: source.deviceId, deskId: source.deskId, deviceTime, clockOffsetMs: 0, voids: admission.id,
  };
}

/** POSTs a batch; returns the raw response (tests check failures too). */
export function pushRaw(fetcher: Fetcher, auth: Credentials, eventId: number, facts: readonly Fact[], pending = 0): Promise<Response> {
  return fetcher(`/api/events/${eventId}/facts`, jsonInit('POST', { facts, pending }, auth));
}

/** POSTs a batch that must succeed, and parses the answer. */
export async function push(fetcher: Fetcher, auth: Credentials, eventId: number, facts: readonly Fact[], pending = 0): Promise<PushResponse> {
  const response = await pushRaw(fetcher, auth, eventId, facts, pending);
  if (response.status !== 200) throw new Error(`push: HTTP ${response.status} ${await response.text()}`);
  return PushResponse.parse(await response.json());
}

/** Pulls every fact after `after`, page by page. */
export async function pullAll(fetcher: Fetcher, auth: Credentials, eventId: number, after = 0, limit = 2000): Promise<{ facts: ServerFact[]; cursor: number }> {
  const facts: ServerFact[] = [];
  let cursor = after;
  for (;;) {
    const response = await fetcher(`/api/events/${eventId}/facts?after=${cursor}&limit=${limit}`, { headers: authHeaders(auth) });
    if (response.status !== 200) throw new Error(`pull: HTTP ${response.status} ${await response.text()}`);
    const page = PullResponse.parse(await response.json());
    facts.push(...page.facts);
    cursor = page.cursor;
    if (!page.more) return { facts, cursor };
  }
}
