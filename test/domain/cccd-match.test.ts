import { describe, expect, it } from 'vitest';
import { cardCandidates, MAX_CARD_CANDIDATES } from '../../src/domain/cccd-match.ts';
import { indexRoster } from '../../src/domain/roster.ts';
import type { Participant } from '../../src/shared/schemas.ts';

const person = (no: number, name: string, birthYear?: number): Participant =>
  ({ no, name, phone: '', unitId: 1, category: '', ...(birthYear === undefined ? {} : { birthYear }) });

const people: Participant[] = [
  person(1, 'Nguyễn Văn An', 1988),
  person(2, 'Nguyễn Văn An'),
  person(3, 'Nguyễn Văn An', 1995),
  person(4, 'Nguyễn Văn Anh', 1995),
  person(5, 'NGUYEN  VAN AN', 1995),
  person(6, 'Trần Thị Bích', 2001),
  person(7, 'Nguyễn Văn An', 1995),
];
const index = indexRoster({ participants: people, units: [], revokedCodes: [7] });
const nos = (found: Participant[]) => found.map((p) => p.no);

describe('cardCandidates', () => {
  it('puts the same name with the same birth year first, then the same name without a year; another year is someone else', () => {
    expect(nos(cardCandidates(index, { name: 'Nguyễn Văn An', birthYear: 1995 }))).toEqual([3, 5, 2]);
    expect(nos(cardCandidates(index, { name: 'Nguyễn Văn An', birthYear: 1988 }))).toEqual([1, 2]);
    expect(nos(cardCandidates(index, { name: 'Nguyễn Văn An', birthYear: 2000 }))).toEqual([2]);
  });

  it('matches the whole folded name, never a part of it', () => {
    expect(nos(cardCandidates(index, { name: 'Nguyễn Văn', birthYear: 1995 }))).toEqual([]);
    expect(nos(cardCandidates(index, { name: 'nguyễn văn anh', birthYear: 1995 }))).toEqual([4]);
  });

  it('never offers a re-issued code', () => {
    expect(nos(cardCandidates(index, { name: 'Nguyễn Văn An', birthYear: 1995 }))).not.toContain(7);
    expect(nos(cardCandidates(index, { name: 'Nguyễn Văn An', birthYear: 1995 }, { heldBy: 7 }))).toEqual([3, 5, 2]);
  });

  it('puts the person the server found by ID number first, once, whatever their name or year', () => {
    expect(nos(cardCandidates(index, { name: 'Nguyễn Văn An', birthYear: 1995 }, { heldBy: 6 }))).toEqual([6, 3, 5, 2]);
    expect(nos(cardCandidates(index, { name: 'Nguyễn Văn An', birthYear: 1995 }, { heldBy: 5 }))).toEqual([5, 3, 2]);
    expect(nos(cardCandidates(index, { name: 'Nguyễn Văn An', birthYear: 1995 }, { heldBy: 1 }))).toEqual([1, 3, 5, 2]);
    // A number the desk's roster does not hold yet adds nobody.
    expect(nos(cardCandidates(index, { name: 'Lê Văn Tám', birthYear: 1990 }, { heldBy: 999 }))).toEqual([]);
  });

  it('lists at most a screenful of namesakes', () => {
    const many = indexRoster({ participants: Array.from({ length: 80 }, (_, i) => person(i + 1, 'Nguyễn Văn An')), units: [], revokedCodes: [] });
    expect(cardCandidates(many, { name: 'Nguyễn Văn An', birthYear: 1995 })).toHaveLength(MAX_CARD_CANDIDATES);
  });
});
