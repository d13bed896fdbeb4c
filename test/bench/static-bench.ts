// Figures that need no browser: the desk shell's size and name search over 20,000 people.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { indexRoster, searchRoster } from '../../src/domain/roster.ts';
import { foldVietnamese } from '../../src/domain/fold.ts';
import type { Participant } from '../../src/shared/schemas.ts';

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
