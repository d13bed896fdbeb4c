// Two desks in two Chromium contexts, paired through the coordinator's screen. One desk is
// offline while both admit the same person; after sync every desk knows, and the server
// counts the person once.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PROJECT_ROOT, type RosterCode } from '../support/server.ts';
import { newPairingCode, readDeskDb, useVenue } from '../support/e2e.ts';
import { authHeaders } from '../support/sync-session.ts';
import { PullResponse } from '../../src/shared/sync.ts';
import { tallyByUnit } from '../../src/domain/tally.ts';

const venue = useVenue();
let event: number;
let codes: RosterCode[];

beforeAll(async () => {
  event = await venue.freshEvent(1);
  codes = await venue.codes(event);
});

describe('two desks, one truth', () => {
  it('pairs through the coordinator screen, admits offline at both, converges after sync', async () => {
    const { browser, server, scan } = venue;
    const coordinatorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const coordinator = await coordinatorContext.newPage();
    await venue.coordinator(coordinator, event);
    const codeA = await newPairingCode(coordinator);
    const codeB = await newPairingCode(coordinator);
    expect(codeA).toMatch(/^[A-Z2-9]{8}$/);

    const deskA = await venue.pairDesk({ event, desk: 'ban-1', code: codeA, viaLink: true });
    const contextB = await browser.newContext();
    const deskB = await venue.pairDesk({ event, desk: 'ban-2', code: codeB, context: contextB });

    const [p, q] = [codes[0]!, codes[7]!];
    await contextB.setOffline(true);
    expect(await scan(deskA, p.code)).toBe('admitted');
    expect(await scan(deskA, q.code)).toBe('admitted');
    expect(await scan(deskB, p.code)).toBe('admitted'); // B cannot know: it is offline
    await deskB.waitForSelector('[data-testid=pending][data-pending="1"]');

    // The network returns: B sends its admission and learns A's.
    await contextB.setOffline(false);
    await deskB.waitForSelector('[data-testid=pending][data-pending="0"]', { timeout: 20_000 });
    await expect.poll(async () => (await readDeskDb(deskB)).facts.length, { timeout: 20_000 }).toBe(3);
    expect(await scan(deskB, q.code)).toBe('already');
    expect(await deskB.textContent('[data-testid=first-scan]')).toContain('Bàn 1');
    await deskB.waitForTimeout(3_100);
    expect(await scan(deskB, p.code)).toBe('already');
    await deskA.waitForTimeout(3_100);
    expect(await scan(deskA, p.code)).toBe('already');

    // The server holds the three facts, counts P once, and marks B's admission a duplicate.
    const pulled = PullResponse.parse(await (await fetch(`${server.url}/api/events/${event}/facts?after=0`, { headers: authHeaders(server.coordinator) })).json());
    expect(pulled.facts).toHaveLength(3);
    const pkg = await venue.packageOf(event);
    const tally = tallyByUnit(pulled.facts, pkg.units, { checkpoint: 'arrived' });
    expect([...tally.values()].reduce((n, u) => n + u.count, 0)).toBe(2);
    expect(pulled.facts.filter((f) => f.duplicate).map((f) => f.deskId)).toEqual(['ban-2']);

    // The coordinator sees both devices, nothing left to send; revoking B is said plainly at B.
    await coordinator.reload();
    await coordinator.waitForFunction(() => document.querySelectorAll('[data-testid=devices] tbody tr').length === 2);
    await coordinator.screenshot({ path: join(PROJECT_ROOT, 'test-results', 'screens', 'coordinator-devices.png') });
    await coordinator.waitForSelector('[data-testid=devices] td >> text=Bàn 2');
    const rowB = coordinator.locator('[data-testid=devices] tbody tr', { hasText: 'Bàn 2' });
    await rowB.locator('[data-testid=revoke]').click();
    await rowB.locator('text=Đã thu hồi').waitFor();
    await deskB.waitForTimeout(3_100);
    await scan(deskB, codes[12]!.code); // a new fact makes B try to send
    await deskB.waitForSelector('[data-testid=sync-error][data-state=revoked]', { timeout: 20_000 });
    expect(await deskB.textContent('[data-testid=sync-error]')).toContain('thu hồi');
    expect((await readDeskDb(deskB)).outbox).toHaveLength(1); // kept on the device
  });
});
