// The coordinator's page for after the event: every report (CSV and printable, whole event and
// per unit) and a form that uploads a desk's sync file when that desk never reached the network.
import type { EventPackage } from '../../shared/schemas.ts';
import { escapeHtml as esc, htmlPage } from './html.ts';

const STYLE = `
body { margin: 24px; max-width: 960px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; }
h2 { margin-top: 28px; font-size: 1.1em; }
#upload-result.ok { color: #1b7f3b; font-weight: 600; }
#upload-result.error { color: #b3261e; font-weight: 600; }
`;

// Plain script (no build step): reads the chosen file and posts it as the desk wrote it.
const UPLOAD_SCRIPT = `
document.getElementById('upload').addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = document.getElementById('upload-result');
  const file = document.getElementById('desk-file').files[0];
  if (!file) return;
  out.className = ''; out.textContent = 'Đang nhập…';
  try {
    const response = await fetch(location.pathname.replace(/\\/reports$/, '/desk-file'), { method: 'POST', body: await file.text(), headers: { 'content-type': 'application/json' } });
    const body = await response.json();
    if (response.ok) { out.className = 'ok'; out.textContent = 'Đã nhập ' + body.added + ' lượt mới; ' + body.alreadyHeld + ' lượt máy chủ đã có.'; }
    else { out.className = 'error'; out.textContent = body.error.vi + ' (' + body.error.en + ')'; }
  } catch (error) {
    out.className = 'error'; out.textContent = 'Không gửi được: ' + error;
  }
});`;

/** The index of an event's reports, with the desk-file upload form. */
export function renderReportsIndex(pkg: EventPackage): string {
  const base = `/api/events/${pkg.event.id}/reports`;
  const csv = (file: string, label: string) =>
    `<li>${label}: <a href="${base}/${file}">tiếng Việt</a> · <a href="${base}/${file}?lang=en">English</a></li>`;
  const units = pkg.units.map((u) => `<tr><td>${esc(u.name)}</td><td><a href="${base}/print/${u.id}" target="_blank" rel="noopener">Báo cáo của đơn vị (in A4)</a></td></tr>`);
  const body = `<h1>Báo cáo kết quả — ${esc(pkg.event.name)}</h1>
<p>Số liệu gộp từ mọi bàn đã đồng bộ hoặc đã nhập tệp. Tệp CSV mở được bằng Excel (UTF-8, có BOM).</p>
<h2>Tệp CSV</h2>
<ul>
${csv('participants.csv', 'Danh sách người tham gia (mỗi người một dòng)')}
${csv('units.csv', 'Kết quả theo đơn vị (chỉ tiêu, có mặt, đúng giờ, muộn)')}
${csv('scans.csv', 'Nhật ký quét (mọi lượt, kể cả trùng và đã huỷ)')}
</ul>
<h2>Báo cáo in</h2>
<p><a href="${base}/print" target="_blank" rel="noopener">Báo cáo kết quả của sự kiện (in A4)</a></p>
<table><tbody>${units.join('\n')}</tbody></table>
<h2>Nhập tệp đồng bộ từ một bàn</h2>
<p>Bàn không có mạng xuất tệp ở mục «Dữ liệu» → «Gửi tệp đồng bộ». Nhập lại một tệp đã nhập không thay đổi gì.</p>
<form id="upload"><label for="desk-file">Tệp đồng bộ của bàn (.json)</label> <input type="file" id="desk-file" accept=".json,application/json"> <button type="submit">Nhập tệp</button></form>
<p id="upload-result" role="status"></p>
<script>${UPLOAD_SCRIPT}</script>`;
  return htmlPage({ title: `Báo cáo — ${pkg.event.name}`, style: STYLE, body });
}
