// Minimal HTML building for the server's printable pages; every dynamic string goes through `escapeHtml`.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Makes text safe inside element content and quoted attributes (names come from imported rosters). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** System fonts that carry Vietnamese diacritics on Windows, macOS, Android and Linux. */
export const VIETNAMESE_FONT_STACK =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

/** Where the print-button script is served; a page's CSP runs no inline handlers, so buttons marked data-print are wired by it. */
export const PRINT_SCRIPT_PATH = '/api/pages/print.js';
/** The script itself: one listener per print button. */
export const PRINT_SCRIPT = "for (const b of document.querySelectorAll('[data-print]')) b.addEventListener('click', () => print());\n";

/** A complete UTF-8 Vietnamese document; `body` and `style` must already be safe. */
export function htmlPage({ title, style, body }: { title: string; style: string; body: string }): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: ${VIETNAMESE_FONT_STACK}; color: #111; }
${style}
</style>
</head>
<body>
<main>
${body}
</main>
<script src="${PRINT_SCRIPT_PATH}" defer></script>
</body>
</html>
`;
}
