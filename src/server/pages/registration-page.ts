// The public self-registration page and its printable poster, rendered by the server: they
// must open on any phone from a poster's QR, so they carry no app bundle, only a small script.
import QRCode from 'qrcode';
import type { RegistrationSettings } from '../../shared/event-setup.ts';
import type { EventInfo, Unit } from '../../shared/schemas.ts';
import { clockOf } from '../../domain/event-time.ts';
import { escapeHtml, htmlPage } from './html.ts';

const STYLE = `
[hidden] { display: none !important; }
body { margin: 0 auto; max-width: 560px; padding: 16px; background: #f6f7f9; }
h1 { font-size: 1.35rem; margin: 8px 0; } .meta { color: #5b6270; margin: 0 0 12px; }
form, .result, .closed { background: #fff; border: 1px solid #d7dbe0; border-radius: 12px; padding: 16px; display: grid; gap: 12px; }
label { display: grid; gap: 4px; font-weight: 600; }
input, select, button { font: inherit; min-height: 48px; padding: 0 12px; border: 1px solid #d7dbe0; border-radius: 10px; background: #fff; width: 100%; box-sizing: border-box; }
button { background: #b71c1c; color: #fff; border-color: #b71c1c; font-weight: 700; cursor: pointer; }
.error { color: #b71c1c; font-weight: 600; } .result { justify-items: center; text-align: center; }
.result img { width: min(320px, 80vw); image-rendering: pixelated; } .no { font-size: 1.4rem; font-weight: 800; letter-spacing: .05em; }
.save { display: inline-block; padding: 12px 18px; background: #1b7f3a; color: #fff; border-radius: 10px; font-weight: 700; text-decoration: none; }
.lang { float: right; }
`;

/** Date and time of an instant in the event's zone, as a Vietnamese reader writes it. */
export function localDateTime(instant: number, timeZone: string): string {
  const date = new Intl.DateTimeFormat('vi-VN', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(instant);
  return `${clockOf(instant, timeZone)} ${date}`;
}

const header = (event: EventInfo) => `<h1>${escapeHtml(event.name)}</h1>
<p class="meta">${escapeHtml(event.venue)} · ${escapeHtml(event.date.split('-').reverse().join('/'))} · ${escapeHtml(event.opensAt)}</p>`;

/** The page: the form while registration is open, else why it is not. */
export function renderRegistrationPage(event: EventInfo, units: readonly Unit[], settings: RegistrationSettings, now: number): string {
  const title = `Đăng ký — ${event.name}`;
  if (!settings.open) return htmlPage({ title, style: STYLE, body: `${header(event)}<p class="closed" data-state="not-open">Sự kiện này không nhận đăng ký trực tuyến. <i>Online registration is not open for this event.</i></p>` });
  if (settings.closesAt !== undefined && now >= settings.closesAt) {
    const at = escapeHtml(localDateTime(settings.closesAt, event.timeZone));
    return htmlPage({ title, style: STYLE, body: `${header(event)}<p class="closed" data-state="closed">Đã hết thời gian đăng ký (đóng lúc ${at}). <i>Registration closed at ${at}.</i></p>` });
  }
  const options = units.map((u) => `<option value="${u.id}">${escapeHtml(u.name)}</option>`).join('');
  const categories = Object.fromEntries(units.map((u) => [u.id, u.quotas.map((q) => q.category)]));
  const closes = settings.closesAt === undefined ? '' : `<p class="meta">Đóng đăng ký lúc ${escapeHtml(localDateTime(settings.closesAt, event.timeZone))}.</p>`;
  const body = `${header(event)}${closes}
<form id="register" data-event="${event.id}">
<label>Đơn vị<select name="unitId" required><option value="">— Chọn đơn vị —</option>${options}</select></label>
<label>Đối tượng<select name="category" required></select></label>
<label>Họ và tên<input name="name" required maxlength="120" autocomplete="name"></label>
<label>Số điện thoại<input name="phone" required inputmode="tel" autocomplete="tel" maxlength="20"></label>
<p class="error" role="alert" id="error" hidden></p>
<button type="submit">Đăng ký</button>
</form>
<div class="result" id="result" hidden></div>
<script>${REGISTER_SCRIPT(JSON.stringify(categories).replace(/</g, '\\u003c'))}</script>`;
  return htmlPage({ title, style: STYLE, body });
}

// The page's only script: fill categories for the chosen unit, post, show the code or the reason.
const REGISTER_SCRIPT = (categories: string) => `
const categories = ${categories};
const form = document.getElementById('register');
const unit = form.elements.unitId, category = form.elements.category, error = document.getElementById('error');
unit.addEventListener('change', () => {
  const list = categories[unit.value] || [];
  category.replaceChildren(...list.map((c) => new Option(c, c)));
  // A unit whose quota has no category asks for none.
  category.closest('label').hidden = list.length === 1 && list[0] === '';
  category.required = !category.closest('label').hidden;
});
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  error.hidden = true;
  const body = { unitId: Number(unit.value), category: category.value, name: form.elements.name.value, phone: form.elements.phone.value };
  let res, json;
  try {
    res = await fetch('/api/events/' + form.dataset.event + '/registrations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    json = await res.json();
  } catch { error.textContent = 'Không kết nối được máy chủ. Hãy thử lại.'; error.hidden = false; return; }
  if (!res.ok) { error.textContent = json && json.error ? json.error.vi : 'Lỗi ' + res.status; error.dataset.code = json && json.error ? json.error.code : ''; error.hidden = false; return; }
  const result = document.getElementById('result');
  const img = new Image(); img.src = json.qrPng; img.alt = 'Mã QR điểm danh';
  const no = document.createElement('p'); no.className = 'no'; no.textContent = 'Mã số ' + json.no;
  const who = document.createElement('p'); who.textContent = json.name + ' · ' + json.unitName + ' · ' + json.category;
  const save = document.createElement('a'); save.className = 'save'; save.href = json.qrPng; save.download = 'ma-diem-danh-' + json.no + '.png'; save.textContent = 'Lưu ảnh mã QR';
  const hint = document.createElement('p'); hint.textContent = 'Lưu ảnh này và đưa cho bàn điểm danh quét khi đến.';
  result.replaceChildren(img, no, who, save, hint);
  result.dataset.no = String(json.no);
  result.hidden = false; form.hidden = true;
  result.scrollIntoView();
});`;

/** A printable A4 poster: the event and a large QR of the registration link. */
export async function renderPoster(event: EventInfo, link: string): Promise<string> {
  const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const style = `@page { size: A4; margin: 15mm; } body { text-align: center; } h1 { font-size: 26pt; margin: 10mm 0 4mm; }
.meta { font-size: 14pt; } .qr svg { width: 120mm; height: 120mm; } .call { font-size: 22pt; font-weight: 800; margin: 6mm 0; } .link { font-size: 13pt; word-break: break-all; }`;
  const body = `<h1>${escapeHtml(event.name)}</h1>
<p class="meta">${escapeHtml(event.venue)}<br>${escapeHtml(event.date.split('-').reverse().join('/'))} · ${escapeHtml(event.opensAt)}</p>
<p class="call">Quét mã để đăng ký tham gia</p>
<div class="qr">${svg}</div>
<p class="link">${escapeHtml(link)}</p>`;
  return htmlPage({ title: `Áp phích — ${event.name}`, style, body });
}
