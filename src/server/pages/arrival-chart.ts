// Arrivals per ten minutes as an inline SVG bar chart: prints sharp, needs no script or library.
import type { ArrivalBucket } from '../../domain/arrivals.ts';
import { escapeHtml } from './html.ts';

const WIDTH = 680;
const HEIGHT = 220;
const LEFT = 36;
const BOTTOM = 28;
const TOP = 16;

/** The chart for `buckets` (labelled on the event's wall clock by arrivalsPer10Min). */
export function arrivalChartSvg(buckets: readonly ArrivalBucket[], caption: string): string {
  if (buckets.length === 0) return '';
  const max = buckets.reduce((m, b) => Math.max(m, b.count), 1);
  const plotW = WIDTH - LEFT - 8;
  const plotH = HEIGHT - BOTTOM - TOP;
  const slot = plotW / buckets.length;
  // Thin bars for a long day, but never a slab: a single bucket stays a bar.
  const barW = Math.min(40, Math.max(1, slot * 0.8));
  // Label about eight ticks whatever the span: every bucket for a short morning, every hour for a day.
  const every = Math.max(1, Math.ceil(buckets.length / 8));
  const bars = buckets.map((b, i) => {
    const h = (b.count / max) * plotH;
    const x = LEFT + i * slot + (slot - barW) / 2;
    const y = TOP + plotH - h;
    const value = b.count > 0 && barW >= 14 ? `<text x="${(x + barW / 2).toFixed(1)}" y="${(y - 3).toFixed(1)}" class="v">${b.count}</text>` : '';
    const tick = i % every === 0
      ? `<text x="${(LEFT + i * slot + slot / 2).toFixed(1)}" y="${HEIGHT - BOTTOM + 16}" class="t">${b.label}</text>` : '';
    return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}"><title>${b.label}: ${b.count}</title></rect>${value}${tick}`;
  }).join('');
  const axis = `<line x1="${LEFT}" y1="${TOP + plotH}" x2="${WIDTH - 8}" y2="${TOP + plotH}" />`
    + `<text x="${LEFT - 4}" y="${TOP + 4}" class="y">${max}</text><text x="${LEFT - 4}" y="${TOP + plotH}" class="y">0</text>`;
  return `<figure class="chart"><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(caption)}" xmlns="http://www.w3.org/2000/svg">
<style>rect{fill:#1f5fa8}line{stroke:#333;stroke-width:1}text{font:11px sans-serif;fill:#222}.v{text-anchor:middle}.t{text-anchor:middle}.y{text-anchor:end}</style>
${axis}${bars}</svg><figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}
