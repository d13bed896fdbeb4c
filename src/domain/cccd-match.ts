// Which roster people a citizen ID card (CCCD) may belong to. A desk never holds ID numbers, so
// offline it matches the card's folded name and, where the roster gives one, its birth year; the
// server's answer by ID number, when the desk is online and got one, is surer than both.
import type { Participant } from '../shared/schemas.ts';
import { foldVietnamese } from './fold.ts';
import type { RosterIndex } from './roster.ts';

/** What a card says that a desk may match on (never the ID number). */
export interface CardHolder { name: string; birthYear: number }

/** Most candidates the card panel lists. */
export const MAX_CARD_CANDIDATES = 50;

/**
 * The people to offer for a tap, surest first: the one the server found by ID number (`heldBy`),
 * then same folded name and same birth year, then same name on a roster row without a birth year.
 * Same name with another birth year is someone else; a re-issued (revoked) code is never offered.
 */
export function cardCandidates(index: RosterIndex, card: CardHolder, options: { heldBy?: number } = {}): Participant[] {
  const folded = ` ${foldVietnamese(card.name)}`;
  const byId = options.heldBy === undefined || index.revoked.has(options.heldBy) ? undefined : index.byNo.get(options.heldBy);
  const sameYear: Participant[] = [];
  const noYear: Participant[] = [];
  for (const { person, folded: name } of index.searchable) {
    if (name !== folded || person.no === byId?.no || index.revoked.has(person.no)) continue;
    if (person.birthYear === undefined) noYear.push(person);
    else if (person.birthYear === card.birthYear) sameYear.push(person);
  }
  return [...(byId ? [byId] : []), ...sameYear, ...noYear].slice(0, MAX_CARD_CANDIDATES);
}
