// "Báo cáo kết quả": the printable report a committee or a unit sends upward, laid out like a
// Vietnamese official document (heading block, title, numbered sections, signatures) on A4.
import type { Unit } from '../../shared/schemas.ts';
import { correctedTime } from '../../domain/admit.ts';
import { deadlineFor, punctualityAt } from '../../domain/event-time.ts';
import { formatDateTime, formatLocalDate, label } from '../../domain/report-format.ts';
import {
  arrivalBuckets, arrivalCheckpoint, fulfilledPercent, groupSummaries, reportTally, totalOf, unitSummaries, type ReportInput, type UnitSummary,
} from '../../domain/report-summary.ts';
import { arrivalChartSvg } from './arrival-chart.ts';
import { escapeHtml as esc, htmlPage } from './html.ts';

const STYLE = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: 'Times New Roman', 'Noto Serif', 'Liberation Serif', serif; font-size: 13pt; line-height: 1.35; max-width: 170mm; margin: 10mm auto; }
.heading { width: 100%; border-collapse: collapse; }
.heading td { vertical-align: top; text-align: center; padding: 0; }
.heading .left { width: 42%; }
.org { font-weight: 700; text-transform: uppercase; }
.nation { font-weight: 700; font-size: 12pt; }
.motto { font-weight: 700; }
.rule { width: 35%; margin: 2px auto 6px; border-top: 1px solid #000; }
.place { font-style: italic; }
h1 { text-align: center; font-size: 14pt; margin: 18pt 0 0; }
.subject { text-align: center; font-weight: 700; margin: 0 0 12pt; }
h2 { font-size: 13pt; margin: 12pt 0 4pt; }
table.data { width: 100%; border-collapse: collapse; font-size: 11pt; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; }
table.data th { background: #eee; }
table.data td.n { text-align: right; }
table.data tr.total td, table.data tr.subtotal td { font-weight: 700; }
table.data tr.subtotal td { font-style: italic; }
table.data tr.category td { font-size: 10pt; }
.chart { margin: 6pt 0; text-align: center; break-inside: avoid; }
.chart svg { width: 100%; height: auto; }
.chart figcaption { font-style: italic; font-size: 11pt; }
.signatures { width: 100%; margin-top: 18pt; break-inside: avoid; }
.signatures td { width: 50%; text-align: center; vertical-align: top; height: 40mm; }
.signatures .role { font-weight: 700; }
.signatures .hint { font-style: italic; font-size: 11pt; }
.toolbar { font-family: sans-serif; font-size: 11pt; background: #fffbe6; padding: 6px; margin-bottom: 8mm; }
@media print { .toolbar { display: none; } body { margin: 0; } }
`;

/** "Bắc Kạn" from "…, TP. Bắc Kạn": the place of the date line is the venue's last part. */
export function placeOf(venue: string): string {
  const last = venue.split(',').at(-1)?.trim() ?? '';
  return last.replace(/^(TP\.|Tp\.|thành phố|Thành phố|tỉnh|Tỉnh|Q\.|quận|Quận|huyện|Huyện|P\.|phường|Phường)\s*/u, '') || venue;
}

/** "Bắc Kạn, ngày 10 tháng 7 năm 2024": day and months 1–2 written with two digits, as official documents do. */
export function dateLine(place: string, instant: number, timeZone: string): string {
  const [d, m, y] = formatDateTime(instant, timeZone).slice(0, 10).split('/').map(Number) as [number, number, number];
  const month = m < 3 ? String(m).padStart(2, '0') : String(m);
  return `${place}, ngày ${String(d).padStart(2, '0')} tháng ${month} năm ${y}`;
}

function heading(input: ReportInput, unit: Unit | undefined, now: number): string {
  const org = unit
    ? `<div>BAN TỔ CHỨC ${esc(input.event.name.toUpperCase())}</div><div class="org">${esc(unit.name)}</div>`
    : `<div>BAN TỔ CHỨC</div><div class="org">${esc(input.event.name)}</div>`;
  return `<table class="heading"><tr>
<td class="left">${org}<div class="rule"></div></td>
<td class="right"><div class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="motto">Độc lập - Tự do - Hạnh phúc</div><div class="rule"></div>
<div class="place">${esc(dateLine(placeOf(input.event.venue), now, input.event.timeZone))}</div></td>
</tr></table>`;
}

function summaryList(input: ReportInput, rows: readonly UnitSummary[], duplicates: number): string {
  const t = totalOf(rows);
  const arrival = arrivalCheckpoint(input.event);
  const came = t.byCheckpoint.get(arrival) ?? 0;
  const { event } = input;
  const items = [
    `Thời gian: ngày ${formatLocalDate(event.date)}, khai mạc ${event.opensAt}${event.arriveBy ? `, có mặt trước ${event.arriveBy}` : ''}.`,
    `Địa điểm: ${esc(event.venue)}.`,
    `Chỉ tiêu: ${t.quota} người; đã đăng ký: ${t.registered} người (trong đó ${t.walkIns} người đăng ký tại chỗ).`,
    ...event.checkpoints.map((c) => `${label(`checkpoint_${c}`, 'vi')}: ${t.byCheckpoint.get(c) ?? 0} người${c === arrival && t.quota > 0 ? `, đạt ${fulfilledPercent(came, t.quota)}% chỉ tiêu` : ''}.`),
    `Đúng giờ: ${t.onTime} người; muộn: ${t.late} người.`,
    `Lượt quét trùng (cùng một người được điểm danh ở hai máy khi mất mạng, chỉ tính một lần): ${duplicates}.`,
  ];
  return `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}

type Totals = ReturnType<typeof totalOf>;

/** One line of the unit table: a unit, a group's subtotal or the event's total. */
function unitLine(input: ReportInput, cells: { no: string; name: string; cls?: string }, r: Totals): string {
  const checkpoints = input.event.checkpoints;
  const arrival = arrivalCheckpoint(input.event);
  return `<tr class="${cells.cls ?? ''}"><td class="n">${cells.no}</td><td>${esc(cells.name)}</td>`
    + [r.quota, r.registered, ...checkpoints.map((c) => r.byCheckpoint.get(c) ?? 0)].map((n) => `<td class="n">${n}</td>`).join('')
    + `<td class="n">${fulfilledPercent(r.byCheckpoint.get(arrival) ?? 0, r.quota)}</td><td class="n">${r.onTime}</td><td class="n">${r.late}</td></tr>`;
}

/**
 * Lines per category under a line with more than one (Giáo viên / Học sinh): each category's quota
 * and how many of it came; the other columns count people, not categories, and stay empty.
 */
function categoryLines(input: ReportInput, r: Totals): string {
  const categories = new Set([...r.quotaByCategory.keys(), ...r.arrivedByCategory.keys()]);
  if (categories.size < 2) return '';
  const arrival = arrivalCheckpoint(input.event);
  return [...categories].map((category) => {
    const quota = r.quotaByCategory.get(category) ?? 0;
    const came = r.arrivedByCategory.get(category) ?? 0;
    const cells = input.event.checkpoints.map((c) => `<td class="n">${c === arrival ? came : ''}</td>`).join('');
    return `<tr class="category"><td></td><td>– ${esc(category)}</td><td class="n">${quota}</td><td></td>${cells}`
      + `<td class="n">${fulfilledPercent(came, quota)}</td><td></td><td></td></tr>`;
  }).join('\n');
}

function unitTable(input: ReportInput, rows: readonly UnitSummary[], withTotal: boolean): string {
  const checkpoints = input.event.checkpoints;
  const head = ['STT', 'Đơn vị', 'Chỉ tiêu', 'Đăng ký', ...checkpoints.map((c) => label(`checkpoint_${c}`, 'vi')), 'Đạt (%)', 'Đúng giờ', 'Muộn'];
  let no = 0;
  const body = groupSummaries(rows).map((group) => {
    const units = group.rows.map((r) => unitLine(input, { no: String(++no), name: r.name || label('unknownUnit', 'vi') }, r) + categoryLines(input, r));
    // A group of several units gets its subtotal, as the wards and communes line of a report.
    const subtotal = withTotal && group.group !== '' && group.rows.length > 1
      ? unitLine(input, { no: '', name: `Cộng ${group.group} (${group.rows.length} đơn vị)`, cls: 'subtotal' }, group.total) : '';
    return [...units, subtotal].join('\n');
  }).join('\n');
  const totals = totalOf(rows);
  const total = withTotal ? unitLine(input, { no: '', name: 'Tổng cộng', cls: 'total' }, totals) + categoryLines(input, totals) : '';
  return `<table class="data"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body}${total}</tbody></table>`;
}

function peopleTable(input: ReportInput, unit: Unit): string {
  const arrival = arrivalCheckpoint(input.event);
  const standing = new Map<string, number>();
  for (const f of reportTally(input).standing(arrival)) if (f.unitId === unit.id) standing.set(f.personKey, correctedTime(f));
  const deadline = deadlineFor({ ...input.event, slot: unit.slot });
  const rows = input.participants.filter((p) => p.unitId === unit.id).map((p, i) => {
    const at = standing.get(String(p.no));
    const when = at === undefined ? '' : punctualityAt(at, deadline) === 'late' ? 'Muộn' : punctualityAt(at, deadline) === 'no-deadline' ? '' : 'Đúng giờ';
    return `<tr><td class="n">${i + 1}</td><td>${esc(p.name)}</td><td>${esc(p.category)}</td><td>${at === undefined ? 'Vắng' : formatDateTime(at, input.event.timeZone).slice(11)}</td><td>${when}</td></tr>`;
  });
  return `<table class="data"><thead><tr><th>STT</th><th>Họ và tên</th><th>Loại</th><th>${label(`checkpoint_${arrival}`, 'vi')} lúc</th><th>Đúng giờ / muộn</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function signatures(unit: Unit | undefined): string {
  const right = unit ? 'THỦ TRƯỞNG ĐƠN VỊ' : 'TRƯỞNG BAN TỔ CHỨC';
  const name = unit?.leaderName ? `<div class="signer">${esc(unit.leaderName)}</div>` : '';
  return `<table class="signatures"><tr>
<td><div class="role">NGƯỜI LẬP BÁO CÁO</div><div class="hint">(Ký, ghi rõ họ tên)</div></td>
<td><div class="role">${right}</div><div class="hint">(Ký, ghi rõ họ tên, đóng dấu)</div><br><br><br><br>${name}</td>
</tr></table>`;
}

/** The whole report, for the event or (with `unitId`) for one unit; `now` dates it. */
export function renderReportPage(input: ReportInput, options: { now: number; unitId?: number }): string {
  const tally = reportTally(input);
  const all = unitSummaries(input, tally);
  const unit = input.units.find((u) => u.id === options.unitId);
  const rows = unit ? all.filter((r) => r.unitId === unit.id) : all;
  const voided = new Set(input.facts.filter((f) => f.kind === 'void').map((f) => f.voids));
  const standing = new Set(input.event.checkpoints.flatMap((c) => [...tally.standing(c)].map((f) => f.id)));
  const duplicates = input.facts.filter((f) => f.kind === 'admit' && !voided.has(f.id) && !standing.has(f.id) && (!unit || f.unitId === unit.id)).length;
  const { buckets, outside } = arrivalBuckets(input, { unitId: unit?.id, tally });
  const offDay = outside > 0 ? ` (${outside} người được ghi ngoài ngày ${formatLocalDate(input.event.date)}: đồng hồ máy tính bảng sai?)` : '';
  const chart = arrivalChartSvg(buckets, `Số người ${label(`checkpoint_${arrivalCheckpoint(input.event)}`, 'vi').toLowerCase()} theo từng 10 phút trong ngày ${formatLocalDate(input.event.date)}${offDay}`);
  const body = `<div class="toolbar">Bản in khổ A4. <button type="button" data-print>In báo cáo</button></div>
${heading(input, unit, options.now)}
<h1>BÁO CÁO KẾT QUẢ</h1>
<p class="subject">${unit ? `Kết quả tham gia của ${esc(unit.name)}<br>` : ''}${esc(input.event.name)}</p>
<h2>I. Tổng hợp</h2>
${summaryList(input, rows, duplicates)}
<h2>II. Kết quả theo đơn vị</h2>
${unitTable(input, rows, !unit)}
<h2>III. Người đến theo thời gian</h2>
${chart || '<p>Chưa có ai điểm danh.</p>'}
${unit ? `<h2>IV. Danh sách người tham gia</h2>\n${peopleTable(input, unit)}` : ''}
${signatures(unit)}`;
  return htmlPage({ title: unit ? `Báo cáo kết quả — ${unit.name}` : `Báo cáo kết quả — ${input.event.name}`, style: STYLE, body });
}
