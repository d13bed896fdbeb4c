// The page a tablet meets on plain HTTP: how to trust the venue's CA on each kind of device,
// in Vietnamese with English beside it, and a check that forwards to HTTPS (keeping #pair=…)
// as soon as the device trusts it. A volunteer never lands on a blank camera.
import { escapeHtml, htmlPage } from '../pages/html.ts';

/** What the page says about this server. */
export interface TrustPageInput {
  httpsPort: number;
  fingerprint: string;
  /** The names and address blocks the CA is constrained to. */
  permitted: { dns: string[]; ipBlocks: string[] };
}

const STYLE = `
body { max-width: 46rem; margin: 0 auto; padding: 1rem; line-height: 1.5; font-size: 1.05rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.5rem; }
.en { color: #555; font-size: .95em; }
.status { padding: .8rem 1rem; border-radius: .5rem; border: 2px solid #999; font-weight: 600; }
[data-trust=trusted] { border-color: #1b7f3b; background: #e7f6ec; }
[data-trust=untrusted] { border-color: #b45309; background: #fff4e5; }
.button { display: inline-block; padding: .7rem 1rem; margin: .3rem .3rem .3rem 0; border-radius: .5rem;
  background: #0b5cad; color: #fff; text-decoration: none; font-weight: 600; border: 0; font-size: 1rem; }
details { border: 1px solid #ccc; border-radius: .5rem; padding: .5rem 1rem; margin: .5rem 0; }
summary { font-weight: 600; cursor: pointer; } ol { padding-left: 1.3rem; } li { margin: .3rem 0; }
code { word-break: break-all; font-size: .85em; }
`;

const STEPS: Array<{ id: string; title: string; steps: string[] }> = [
  { id: 'android', title: 'Android (điện thoại, máy tính bảng) <span class="en">/ Android</span>', steps: [
    'Bấm <b>1. Tải chứng chỉ (.crt)</b> ở trên. <span class="en">Tap “Download certificate”.</span>',
    'Mở <b>Cài đặt → Bảo mật</b> (hoặc <b>Bảo mật và quyền riêng tư → Cài đặt bảo mật khác</b>) → <b>Mã hoá và thông tin xác thực</b>. <span class="en">Settings → Security → Encryption &amp; credentials.</span>',
    'Chọn <b>Cài đặt chứng chỉ → Chứng chỉ CA</b>, bấm <b>Vẫn cài đặt</b>, nhập mã khoá màn hình. <span class="en">Install a certificate → CA certificate → Install anyway.</span>',
    'Chọn tệp <b>diemdanh-ca.crt</b> trong mục Tải xuống. <span class="en">Pick diemdanh-ca.crt from Downloads.</span>',
    'Quay lại trang này và bấm <b>Kiểm tra lại</b>. <span class="en">Come back here and tap “Check again”.</span>',
  ] },
  { id: 'ios', title: 'iPad / iPhone', steps: [
    'Mở trang này bằng <b>Safari</b>, bấm <b>2. Tải hồ sơ (iPad/iPhone)</b>, chọn <b>Cho phép</b>. <span class="en">In Safari, tap “Download profile”, then Allow.</span>',
    'Mở <b>Cài đặt → Đã tải về hồ sơ</b> (ngay dưới tên của bạn) → <b>Cài đặt</b>, nhập mật mã, bấm <b>Cài đặt</b> lần nữa. <span class="en">Settings → Profile Downloaded → Install.</span>',
    'Mở <b>Cài đặt → Cài đặt chung → Giới thiệu → Cài đặt tin cậy chứng nhận</b> và <b>bật</b> dòng “Điểm danh venue CA”. <span class="en">Settings → General → About → Certificate Trust Settings: turn on full trust for “Điểm danh venue CA”.</span>',
    'Quay lại Safari, bấm <b>Kiểm tra lại</b>. <span class="en">Back in Safari, tap “Check again”.</span>',
  ] },
  { id: 'windows', title: 'Máy tính Windows <span class="en">/ Windows laptop</span>', steps: [
    'Tải chứng chỉ (.crt), nhấp đúp vào tệp → <b>Cài đặt chứng chỉ…</b> (Install Certificate). <span class="en">Open the .crt → Install Certificate.</span>',
    'Chọn <b>Người dùng hiện tại</b> → <b>Đặt tất cả chứng chỉ vào kho sau</b> → <b>Tổ chức cấp chứng chỉ gốc đáng tin cậy</b> (Trusted Root Certification Authorities) → Hoàn tất → Có. <span class="en">Current User → Place all certificates in: Trusted Root Certification Authorities → Finish.</span>',
    'Đóng hẳn trình duyệt rồi mở lại trang này. Firefox có kho riêng: Cài đặt → Riêng tư &amp; Bảo mật → Chứng chỉ → Nhà cung cấp → Nhập. <span class="en">Restart the browser. Firefox: Settings → Privacy &amp; Security → Certificates → Authorities → Import.</span>',
  ] },
  { id: 'macos', title: 'Máy Mac <span class="en">/ macOS</span>', steps: [
    'Tải chứng chỉ (.crt) và mở nó: <b>Truy cập Chuỗi khoá</b> (Keychain Access) hiện ra; chọn chuỗi khoá <b>Đăng nhập</b>. <span class="en">Open the .crt in Keychain Access, login keychain.</span>',
    'Nhấp đúp “Điểm danh venue CA” → <b>Tin cậy</b> → “Khi dùng chứng chỉ này”: <b>Luôn tin cậy</b>; đóng cửa sổ, nhập mật khẩu máy. <span class="en">Trust → When using this certificate: Always Trust.</span>',
    'Mở lại trang này. <span class="en">Reload this page.</span>',
  ] },
];

/** Runs in the page: probe the HTTPS port; once the device trusts the CA, go there with the same path and #pair=…. */
const PROBE_SCRIPT = `
(function () {
  var box = document.getElementById('status');
  var target = 'https://' + location.hostname + ':' + box.dataset.port;
  function check() {
    box.dataset.trust = 'checking';
    box.textContent = 'Đang kiểm tra… / Checking…';
    var timer = new Promise(function (_, reject) { setTimeout(function () { reject(new Error('timeout')); }, 4000); });
    Promise.race([fetch(target + '/api/health', { mode: 'no-cors', cache: 'no-store' }), timer]).then(function () {
      box.dataset.trust = 'trusted';
      box.textContent = 'Máy này đã tin cậy máy chủ. Đang chuyển sang trang an toàn… / Trusted: opening the secure page…';
      location.replace(target + location.pathname + location.search + location.hash);
    }, function () {
      box.dataset.trust = 'untrusted';
      box.textContent = 'Máy này chưa tin cậy máy chủ: làm theo các bước dưới đây, rồi bấm Kiểm tra lại. / This device does not trust the server yet: follow the steps below, then tap Check again.';
    });
  }
  document.getElementById('again').addEventListener('click', check);
  check();
})();
`;

function stepsHtml(): string {
  return STEPS.map(({ id, title, steps }) =>
    `<details id="steps-${id}"><summary>${title}</summary><ol>${steps.map((s) => `<li>${s}</li>`).join('')}</ol></details>`).join('\n');
}

/** The whole trust guide; the only dynamic values are the port, the fingerprint and the CA's own names. */
export function renderTrustPage(input: TrustPageInput): string {
  const scope = escapeHtml([...input.permitted.dns, ...input.permitted.ipBlocks].join(', '));
  const body = `
<h1>Cài đặt máy để điểm danh <span class="en">/ Set up this device for check-in</span></h1>
<p>Camera và chế độ ngoại tuyến chỉ chạy trên trang an toàn (HTTPS). Máy chủ ở điểm tổ chức có chứng chỉ riêng; hãy cho máy này tin cậy nó một lần.
<span class="en">The camera and offline mode need a secure page (HTTPS). This venue's server has its own certificate authority: trust it once on this device.</span></p>
<p id="status" class="status" data-trust="checking" data-port="${input.httpsPort}">Đang kiểm tra… / Checking…</p>
<p><a class="button" id="download-crt" href="/ca.crt" download="diemdanh-ca.crt">1. Tải chứng chỉ (.crt) <span class="en">/ Download certificate</span></a>
<a class="button" id="download-profile" href="/ca.mobileconfig">2. Tải hồ sơ (iPad/iPhone) <span class="en">/ Download profile</span></a>
<button class="button" id="again" type="button">Kiểm tra lại <span class="en">/ Check again</span></button></p>
${stepsHtml()}
<h2>Có an toàn không? <span class="en">/ Is this safe?</span></h2>
<p id="constraints">Chứng chỉ gốc này bị giới hạn (name constraints): nó chỉ xác nhận được cho máy chủ này, với các tên và địa chỉ mạng nội bộ sau: <code>${scope}</code>.
Nó không thể dùng để giả mạo bất kỳ trang web nào trên Internet. Khoá bí mật của nó không bao giờ rời máy chủ. Sau sự kiện có thể gỡ nó trong cài đặt của máy.
<span class="en">This root is name-constrained: it can only vouch for this server's names and local addresses listed above, never for a site on the internet. Its private key never leaves the server. Remove it in the device settings after the event.</span></p>
<p>Mã nhận dạng (SHA-256) để đối chiếu <span class="en">/ fingerprint to compare</span>: <code id="fingerprint">${escapeHtml(input.fingerprint)}</code></p>
<script>${PROBE_SCRIPT}</script>`;
  return htmlPage({ title: 'Điểm danh: tin cậy máy chủ / trust this server', style: STYLE, body });
}
