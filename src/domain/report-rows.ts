// The committee's two result tables as CSV rows: one row per person, one row per unit.
// Pure: the server (all desks merged) and a desk (its own log) build the same rows.
import type { AdmitFact, Checkpoint, Fact, Participant } from '../shared/schemas.ts';
import { byStanding, correctedTime } from './standing.ts';
import { deadlineFor, punctualityAt, type Deadline } from './event-time.ts';
import { formatDateTime, label, neutraliseCell as safe, phoneForExcel, type ReportLang, type ReportTable } from './report-format.ts';
import {
  arrivalCheckpoint, fulfilledPercent, reportTally, totalOf, unitSummaries, type ReportInput, type UnitSummary,
} from './report-summary.ts';

type How = 'viaRoster' | 'viaWalkIn' | 'viaUnrostered';

/** A person as the participants table sees them: from the roster, a walk-in, or a code off the roster. */
interface ReportPerson {
  key: string;
  no: string;
  name: string;
  unitId: number;
  category: string;
  phone: string;
  how: How;
}

/** Per person: the standing admission at each checkpoint and how many other admissions still stand. */
interface PersonFacts {
  standing: Map<Checkpoint, Fact>;
  duplicates: number;
}

function factsByPerson(input: ReportInput): Map<string, PersonFacts> {
  const tally = reportTally(input);
  const voided = new Set<string>();
  for (const f of input.facts) if (f.kind === 'void' && f.voids) voided.add(f.voids);
  const people = new Map<string, PersonFacts>();
  const of = (key: string) => {
    let p = people.get(key);
    if (!p) { p = { standing: new Map(), duplicates: 0 }; people.set(key, p); }
    return p;
  };
  for (const checkpoint of input.event.checkpoints) {
    for (const fact of tally.standing(checkpoint)) of(fact.personKey).standing.set(checkpoint, fact);
  }
  // Admissions that are neither undone nor the standing one: offline desks admitting the same person.
  for (const f of input.facts) {
    if (f.kind !== 'admit' || voided.has(f.id)) continue;
    const p = of(f.personKey);
    if (p.standing.get(f.checkpoint)?.id !== f.id) p.duplicates++;
  }
  return people;
}

function peopleOf(input: ReportInput, known: Map<string, PersonFacts>): ReportPerson[] {
  const people: ReportPerson[] = input.participants.map((p: Participant) => ({
    key: String(p.no), no: String(p.no), name: p.name, unitId: p.unitId, category: p.category, phone: p.phone, how: 'viaRoster',
  }));
  const rostered = new Set(people.map((p) => p.key));
  const extra = new Map<string, ReportPerson>();
  // Only admissions off the roster make extra rows (walk-ins, unrostered codes): sort just those.
  const offRoster = input.facts.filter((f): f is AdmitFact => f.kind === 'admit' && !rostered.has(f.personKey) && known.has(f.personKey));
  // In standing order, so the row shows what the desk typed at the admission that counts.
  for (const f of offRoster.sort(byStanding)) {
    if (extra.has(f.personKey)) continue;
    extra.set(f.personKey, f.walkIn
      ? { key: f.personKey, no: '', name: f.walkIn.name, unitId: f.walkIn.unitId, category: f.walkIn.category, phone: f.walkIn.phone ?? '', how: 'viaWalkIn' }
      : { key: f.personKey, no: f.personKey, name: '', unitId: f.unitId, category: f.category, phone: '', how: 'viaUnrostered' });
  }
  return [...people, ...extra.values()];
}

/** The participants table: one row per person, each checkpoint's time (server clock) and desk. */
export function participantRows(input: ReportInput, lang: ReportLang): ReportTable {
  const { event } = input;
  const checkpoints = event.checkpoints;
  const arrival = arrivalCheckpoint(event);
  const fields = [
    label('no', lang), label('name', lang), label('unit', lang), label('group', lang), label('category', lang), label('phone', lang),
    label('registered', lang), label('registeredHow', lang),
    ...checkpoints.flatMap((c) => [`${label(`checkpoint_${c}`, lang)} ${label('at', lang)}`, `${label(`checkpoint_${c}`, lang)} ${label('desk', lang)}`]),
    label('punctuality', lang), label('walkIn', lang), label('duplicates', lang),
  ];
  const units = new Map(input.units.map((u) => [u.id, u]));
  const desks = new Map(input.desks.map((d) => [d.id, d.name]));
  const deadlines = new Map<number, Deadline | undefined>();
  const deadlineOf = (unitId: number) => {
    if (!deadlines.has(unitId)) deadlines.set(unitId, deadlineFor({ ...event, slot: units.get(unitId)?.slot }));
    return deadlines.get(unitId);
  };
  const byPerson = factsByPerson(input);
  const yes = label('yes', lang);
  const words = {
    no: label('no_', lang), unknownUnit: label('unknownUnit', lang), onTime: label('onTime', lang), early: label('early', lang), late: label('late', lang),
    viaRoster: label('viaRoster', lang), viaWalkIn: label('viaWalkIn', lang), viaUnrostered: label('viaUnrostered', lang),
  };
  const rows = peopleOf(input, byPerson).map((p) => {
    const facts = byPerson.get(p.key);
    const unit = units.get(p.unitId);
    const cells: string[] = [
      p.no, safe(p.name), safe(unit?.name ?? words.unknownUnit), safe(unit?.group ?? ''), safe(p.category), safe(phoneForExcel(p.phone)),
      p.how === 'viaUnrostered' ? words.no : yes, words[p.how],
    ];
    for (const c of checkpoints) {
      const fact = facts?.standing.get(c);
      cells.push(fact ? formatDateTime(correctedTime(fact), event.timeZone) : '', fact ? safe(desks.get(fact.deskId) ?? fact.deskId) : '');
    }
    const arrived = facts?.standing.get(arrival);
    const when = arrived ? punctualityAt(correctedTime(arrived), deadlineOf(p.unitId)) : undefined;
    cells.push(
      when === 'on-time' ? words.onTime : when === 'early' ? words.early : when === 'late' ? words.late : '',
      p.how === 'viaWalkIn' ? yes : '',
      String(facts?.duplicates ?? 0),
    );
    return cells;
  });
  return { fields, rows };
}

/** Categories across the event, in the order units list them. */
function eventCategories(rows: readonly UnitSummary[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const c of r.quotaByCategory.keys()) seen.add(c);
  return [...seen];
}

/** The units table: quota (per category when the event has several), registered, each checkpoint, on time, late. */
export function unitRows(input: ReportInput, lang: ReportLang, summaries = unitSummaries(input)): ReportTable {
  const checkpoints = input.event.checkpoints;
  const arrival = arrivalCheckpoint(input.event);
  const categories = eventCategories(summaries);
  const split = categories.length > 1 ? categories : [];
  const fields = [
    label('unit', lang), label('group', lang), label('slot', lang), label('quota', lang),
    ...split.map((c) => `${label('quota', lang)}: ${safe(c)}`),
    label('registered', lang),
    ...checkpoints.map((c) => label(`checkpoint_${c}`, lang)),
    ...split.map((c) => `${label(`checkpoint_${arrival}`, lang)}: ${safe(c)}`),
    label('fulfilled', lang), label('onTime', lang), label('late', lang), label('walkIns', lang),
  ];
  const row = (name: string, r: Omit<UnitSummary, 'unitId' | 'name' | 'group' | 'slot'> & { group?: string; slot?: string }) => [
    safe(name), safe(r.group ?? ''), r.slot ?? '', String(r.quota),
    ...split.map((c) => String(r.quotaByCategory.get(c) ?? 0)),
    String(r.registered),
    ...checkpoints.map((c) => String(r.byCheckpoint.get(c) ?? 0)),
    ...split.map((c) => String(r.arrivedByCategory.get(c) ?? 0)),
    fulfilledPercent(r.byCheckpoint.get(arrival) ?? 0, r.quota), String(r.onTime), String(r.late), String(r.walkIns),
  ];
  const rows = summaries.map((s) => row(s.name || label('unknownUnit', lang), s));
  rows.push(row(label('total', lang), totalOf(summaries)));
  return { fields, rows };
}
