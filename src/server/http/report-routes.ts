// After the event: the committee's CSV reports (all desks merged) and the printable
// "Báo cáo kết quả", for the whole event and for each unit. Coordinator only: they name people.
import type { Context, Hono } from 'hono';
import { participantRows, unitRows } from '../../domain/report-rows.ts';
import { reportLang, toCsv, type ReportLang, type ReportTable } from '../../domain/report-format.ts';
import type { ReportInput } from '../../domain/report-summary.ts';
import { scanLogRows } from '../../domain/scan-log-rows.ts';
import { parseId, sendError } from './errors.ts';
import { denyUnlessCoordinator } from './auth.ts';
import { renderReportPage } from '../pages/report-page.ts';
import { renderReportsIndex } from '../pages/reports-index-page.ts';
import { findEventId, type Found } from './request-input.ts';
import type { EventStore, FactStore } from '../store/store.ts';

/** What the report routes need from outside; `now` dates the printed report. */
export interface ReportRouteOptions {
  store: EventStore & FactStore;
  now: () => number;
}

/** The event's package and whole log, merged from every desk, for a coordinator only. */
async function reportInput(c: Context, store: EventStore & FactStore): Promise<Found<ReportInput>> {
  const denied = denyUnlessCoordinator(c);
  if (denied) return { ok: false, response: denied };
  const found = await findEventId(c, store);
  if (!found.ok) return found;
  // Not re-parsed: the store wrote it from a parsed package, and nothing here goes to a desk.
  const pkg = (await store.getPackage(found.value))!;
  const { facts } = await store.factsOf(found.value);
  return { ok: true, value: { event: pkg.event, units: pkg.units, desks: pkg.desks, participants: pkg.participants, facts } };
}

/** ASCII download names (older Excel and mail gateways mangle UTF-8 names); English ones say so. */
export function reportFileName(eventId: number, kind: 'nguoi-tham-gia' | 'don-vi' | 'nhat-ky-quet', lang: ReportLang): string {
  return `bao-cao-su-kien-${eventId}-${kind}${lang === 'en' ? '-en' : ''}.csv`;
}

function sendCsv(c: Context, table: ReportTable, fileName: string): Response {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${fileName}"`);
  c.header('Cache-Control', 'no-store');
  return c.body(toCsv(table));
}

type Kind = Parameters<typeof reportFileName>[1];
const TABLES: Record<string, { kind: Kind; build: (input: ReportInput, lang: ReportLang) => ReportTable }> = {
  'participants.csv': { kind: 'nguoi-tham-gia', build: participantRows },
  'units.csv': { kind: 'don-vi', build: (input, lang) => unitRows(input, lang) },
  // The server holds no refused scans (never facts); each desk's own export carries them.
  'scans.csv': { kind: 'nhat-ky-quet', build: (input, lang) => scanLogRows(input, [], lang) },
};

/** Mounts the CSV reports and the printable report pages. */
export function mountReportRoutes(app: Hono, { store, now }: ReportRouteOptions): void {
  for (const [file, { kind, build }] of Object.entries(TABLES)) {
    app.get(`/api/events/:id/reports/${file}`, async (c) => {
      const input = await reportInput(c, store);
      if (!input.ok) return input.response;
      const lang = reportLang(c.req.query('lang'));
      return sendCsv(c, build(input.value, lang), reportFileName(input.value.event.id, kind, lang));
    });
  }

  app.get('/api/events/:id/reports', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const found = await findEventId(c, store);
    if (!found.ok) return found.response;
    return c.html(renderReportsIndex((await store.getPackage(found.value))!));
  });

  app.get('/api/events/:id/reports/print', async (c) => {
    const input = await reportInput(c, store);
    if (!input.ok) return input.response;
    return c.html(renderReportPage(input.value, { now: now() }));
  });

  app.get('/api/events/:id/reports/print/:unitId', async (c) => {
    const input = await reportInput(c, store);
    if (!input.ok) return input.response;
    const unitId = parseId(c.req.param('unitId'));
    if (unitId === undefined) return sendError(c, 'badUnitId');
    if (!input.value.units.some((u) => u.id === unitId)) return sendError(c, 'unitNotFound');
    return c.html(renderReportPage(input.value, { now: now(), unitId }));
  });
}
