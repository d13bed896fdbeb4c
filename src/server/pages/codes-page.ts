// The coordinator's index of printable codes: every unit of an event with links to its
// badge sheet and roster CSV, grouped the way the plan groups units.
import type { EventPackage } from '../../shared/schemas.ts';
import { escapeHtml, htmlPage } from './html.ts';

const STYLE = `
body { margin: 24px; max-width: 960px; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th:nth-child(1) { width: 40%; } th:nth-child(2) { width: 20%; } th:nth-child(3) { width: 12%; }
th, td { border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
h2 { margin-top: 28px; font-size: 1.1em; }
`;

/** The HTML index of badge sheets and CSV rosters for one event. */
export function renderCodesPage(pkg: EventPackage): string {
  const { event } = pkg;
  const registered = new Map<number, number>();
  for (const p of pkg.participants) registered.set(p.unitId, (registered.get(p.unitId) ?? 0) + 1);
  const groups = new Map<string, typeof pkg.units>();
  for (const unit of pkg.units) {
    const key = unit.group ?? 'Đơn vị khác';
    groups.set(key, [...(groups.get(key) ?? []), unit]);
  }
  const base = `/api/events/${event.id}/units`;
  const sections = [...groups].map(([group, units]) => {
    const rows = units.map((u) => {
      const quota = u.quotas.map((q) => (q.category ? `${escapeHtml(q.category)}: ${q.quota}` : String(q.quota))).join('<br>');
      return `<tr><td>${escapeHtml(u.name)}</td><td>${quota}</td><td class="num">${registered.get(u.id) ?? 0}</td>
<td><a href="${base}/${u.id}/badges">Thẻ QR (in A4)</a></td><td><a href="${base}/${u.id}/roster.csv">Danh sách CSV</a></td></tr>`;
    });
    return `<h2>${escapeHtml(group)}</h2>
<table><thead><tr><th>Đơn vị</th><th>Chỉ tiêu</th><th>Đã đăng ký</th><th>Thẻ in A4</th><th>Danh sách CSV</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
  });
  const body = `<h1>${escapeHtml(event.name)}</h1>
<p>${escapeHtml(event.venue)} · ${escapeHtml(event.date.split('-').reverse().join('/'))} · mở cửa ${escapeHtml(event.opensAt)}</p>
<p>Mã QR của từng đơn vị: in thẻ để phát trước ngày diễn ra, hoặc tải danh sách CSV (mở bằng Excel).</p>
${sections.join('\n')}`;
  return htmlPage({ title: `Mã QR — ${event.name}`, style: STYLE, body });
}
