// Printable A4 badge sheets: 3 × 4 badges per page with dashed cut lines, one QR each,
// so a unit leader can print, cut and hand out codes before the event.
import QRCode, { type QRCodeMaskPattern } from 'qrcode';
import { qrOptionsWithMask } from '../codes/qr-options.ts';
import type { EventInfo, Participant, Unit } from '../../shared/schemas.ts';
import { escapeHtml, htmlPage } from './html.ts';

/** Badges per printed page; the CSS grid below is sized for exactly this. */
export const BADGES_PER_PAGE = 12;

/** One person's badge content; `code` is the signed QR text, `mask` the one chosen for it when it was issued. */
export interface Badge {
  person: Participant;
  code: string;
  mask: QRCodeMaskPattern;
}

// A4 minus 10 mm margins is 190 × 277 mm: three 63.3 mm columns, four 69.25 mm rows.
const STYLE = `
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
body { margin: 0; }
.toolbar { padding: 8px 12px; background: #f3f3f3; border-bottom: 1px solid #ccc; }
.sheet { width: 190mm; height: 277mm; display: grid; grid-template-columns: repeat(3, 1fr);
  grid-template-rows: repeat(4, 1fr); break-after: page; page-break-after: always; margin: 0 auto; }
.sheet:last-of-type { break-after: auto; page-break-after: auto; }
.badge { border: 0.3mm dashed #888; padding: 3mm; display: flex; flex-direction: column;
  align-items: center; justify-content: space-between; text-align: center; overflow: hidden; }
.name { font-size: 13pt; font-weight: 700; line-height: 1.15; }
.unit { font-size: 8.5pt; line-height: 1.15; }
.category { font-size: 8pt; color: #444; }
.qr svg { width: 35mm; height: 35mm; display: block; }
.no { font-size: 11pt; font-weight: 700; letter-spacing: 0.05em; }
@media print { .toolbar { display: none; } }
`;

async function badgeHtml({ person, code, mask }: Badge, unit: Unit): Promise<string> {
  const svg = await QRCode.toString(code, { type: 'svg', margin: 2, ...qrOptionsWithMask(mask) });
  return `<div class="badge">
<div class="name">${escapeHtml(person.name)}</div>
<div class="unit">${escapeHtml(unit.name)}</div>
${person.category ? `<div class="category">${escapeHtml(person.category)}</div>` : ''}
<div class="qr">${svg}</div>
<div class="no">Mã số ${person.no}</div>
</div>`;
}

/** The whole sheet for one unit, pages in code-number order. */
export async function renderBadgeSheet(event: EventInfo, unit: Unit, badges: Badge[]): Promise<string> {
  const cells = await Promise.all(badges.map((badge) => badgeHtml(badge, unit)));
  const pages: string[] = [];
  for (let i = 0; i < cells.length; i += BADGES_PER_PAGE) {
    pages.push(`<section class="sheet">\n${cells.slice(i, i + BADGES_PER_PAGE).join('\n')}\n</section>`);
  }
  const title = `Thẻ mã QR — ${unit.name}`;
  const toolbar = `<div class="toolbar">${escapeHtml(event.name)} · ${escapeHtml(unit.name)} · ${badges.length} thẻ.
In trên khổ A4, tỉ lệ 100 %, rồi cắt theo đường nét đứt. <button type="button" data-print>In</button></div>`;
  const body = badges.length === 0 ? `${toolbar}<p>Đơn vị chưa có người đăng ký.</p>` : `${toolbar}\n${pages.join('\n')}`;
  return htmlPage({ title, style: STYLE, body });
}
