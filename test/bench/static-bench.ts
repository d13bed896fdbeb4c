// Figures that need no browser: the desk shell's size and name search over 20,000 people.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { indexRoster, searchRoster } from '../../src/domain/roster.ts';
import { foldVietnamese } from '../../src/domain/fold.ts';
import type { EventInfo, Fact, Participant, Unit } from '../../src/shared/schemas.ts';
import { LiveTally } from '../../src/domain/live-tally.ts';
import { v7 as uuidv7 } from 'uuid';

const gzKb = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

/** The JavaScript a desk loads before it can scan (entry + static imports), and the scanner chunk. */
export function shellSizes(distDir: string): { shellKb: number; scannerKb: number } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const scanner = readdirSync(join(distDir, 'assets')).find((f) => f.startsWith('html5-qrcode-scanner') && f.endsWith('.js'));
  if (files.length === 0 || !scanner) throw new Error('dist/ has no entry script or no scanner chunk: run vite build');
  return { shellKb: files.reduce((sum, f) => sum + gzKb(join(distDir, f)), 0), scannerKb: gzKb(join(distDir, 'assets', scanner)) };
}

/** Per-query search times (ms) over the roster: name fragments without diacritics, and phone digits. */
export function searchTimes(people: Participant[], queries = 200): number[] {
  const index = indexRoster({ participants: people, units: [], revokedCodes: [] });
  const times: number[] = [];
  for (let i = 0; i < queries; i++) {
    const person = people[(i * 7919) % people.length]!;
    const words = foldVietnamese(person.name).split(' ');
    const query = i % 4 === 3 ? person.phone.replace(/\D/g, '').slice(-6) : words.slice(-2).join(' ').slice(0, 3 + (i % 8));
    const start = performance.now();
    searchRoster(index, query, 12);
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * The coordinator's tally over a 20,000-person event: from scratch (ms per full build) and
 * one new fact at a time (µs per fact), each repeated and reported as a median.
 */
export function tallyTimes(event: Pick<EventInfo, 'date' | 'timeZone' | 'arriveBy'>, units: Unit[], people: Participant[]): { fullMs: number[]; incrementalUs: number[] } {
  const base = Date.UTC(2024, 6, 10, 1, 0);
  const fact = (p: Participant, i: number, deskId: string): Fact => ({
    id: uuidv7(), eventId: 90, kind: 'admit', personKey: String(p.no), unitId: p.unitId, category: p.category,
    checkpoint: 'arrived', method: 'scan', deviceId: `d-${deskId}`, deskId, deviceTime: base + i * 150, clockOffsetMs: 0,
  });
  const log = people.slice(0, 20_000).map((p, i) => fact(p, i, `ban-${1 + (i % 4)}`));
  const fullMs: number[] = [];
  for (let r = 0; r < 7; r++) {
    const start = performance.now();
    new LiveTally(event, units).addAll(log);
    fullMs.push(performance.now() - start);
  }
  const incrementalUs: number[] = [];
  const tally = new LiveTally(event, units).addAll(log);
  // New facts: people admitted again at another desk (duplicates) and fresh undo facts.
  for (let i = 0; i < 2_000; i++) {
    const next = i % 2 === 0 ? fact(people[i]!, i, 'ban-9') : { ...fact(people[i]!, i, 'ban-9'), kind: 'void' as const, voids: log[i]!.id, method: 'undo' as const };
    const start = performance.now();
    tally.add(next);
    incrementalUs.push((performance.now() - start) * 1000);
  }
  return { fullMs, incrementalUs };
}
