// The roster held in memory for the scan path and name lookup: built once per package.
import type { EventPackage, Participant, Unit } from '../shared/schemas.ts';
import { compareVietnamese, digitsOf, foldVietnamese } from './fold.ts';

/** Lookups a desk makes on every scan, built once from the package. */
export interface RosterIndex {
  byNo: Map<number, Participant>;
  units: Map<number, Unit>;
  revoked: Set<number>;
  /** Folded "name" and phone digits, in the roster's order, for lookup. */
  searchable: { person: Participant; folded: string; digits: string }[];
}

export function indexRoster(pkg: Pick<EventPackage, 'participants' | 'units' | 'revokedCodes'>): RosterIndex {
  return {
    byNo: new Map(pkg.participants.map((p) => [p.no, p])),
    units: new Map(pkg.units.map((u) => [u.id, u])),
    revoked: new Set(pkg.revokedCodes),
    searchable: pkg.participants.map((person) => ({
      person, folded: ` ${foldVietnamese(person.name)}`, digits: digitsOf(person.phone),
    })),
  };
}

/** Vietnamese order for people: by given name (the last word), then the full name. */
export function comparePeople(a: Participant, b: Participant): number {
  const given = (name: string) => name.trim().split(/\s+/).pop() ?? name;
  return compareVietnamese(given(a.name), given(b.name)) || compareVietnamese(a.name, b.name);
}

/**
 * Finds people by part of the name typed without diacritics ("nguyen van a"), word starts
 * first, or by at least 3 phone digits. Returns at most `limit` people.
 */
export function searchRoster(index: RosterIndex, query: string, limit = 20): Participant[] {
  const folded = foldVietnamese(query);
  const digits = digitsOf(query);
  if (digits.length >= 3 && digits.length === query.replace(/[\s.\-+]/g, '').length) {
    return index.searchable.filter((s) => s.digits.includes(digits)).slice(0, limit).map((s) => s.person);
  }
  if (folded.length < 2) return [];
  const wordStart = ` ${folded}`;
  const starts: Participant[] = [];
  const inside: Participant[] = [];
  for (const s of index.searchable) {
    if (s.folded.includes(wordStart)) starts.push(s.person);
    else if (s.folded.includes(folded)) inside.push(s.person);
  }
  starts.sort(comparePeople);
  inside.sort(comparePeople);
  return [...starts, ...inside].slice(0, limit);
}
