/** Pure helpers of the SVG line chart: scales, ticks, paths with gaps, and value formats. */

export interface Box {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Round tick values from 0 up to at least `max`: 0, 25, 50, 75, 100 for max 90 and 4 steps. */
export function niceTicks(max: number, steps = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / steps;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10;
  const step = nice * magnitude;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Largest finite value over all series, or 0. */
export function maxOf(series: (number | null)[][]): number {
  let max = 0;
  for (const values of series) for (const v of values) if (v != null && Number.isFinite(v) && v > max) max = v;
  return max;
}

/**
 * An SVG path through the non-null values; a null breaks the line (a gap shows missing data honestly).
 * An isolated point becomes a dot (a zero-length segment drawn with round caps).
 */
export function linePath(values: (number | null)[], box: Box, yMax: number): string {
  const n = values.length;
  if (n === 0 || yMax <= 0) return '';
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const x = (i: number) => box.left + (n === 1 ? plotW : (i / (n - 1)) * plotW);
  const y = (v: number) => box.top + plotH - (Math.min(v, yMax) / yMax) * plotH;
  const parts: string[] = [];
  let open = false;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v == null || !Number.isFinite(v)) {
      open = false;
      continue;
    }
    const point = `${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
    const next = i + 1 < n ? values[i + 1] : null;
    if (!open) {
      parts.push(`M${point}`);
      if (next == null) parts.push('h0.01');
      open = true;
    } else {
      parts.push(`L${point}`);
    }
  }
  return parts.join(' ');
}

/** The index of the grid slot nearest to a horizontal position inside the plot. */
export function indexAt(px: number, box: Box, n: number): number {
  const plotW = box.width - box.left - box.right;
  if (n <= 1) return 0;
  const i = Math.round(((px - box.left) / plotW) * (n - 1));
  return Math.max(0, Math.min(n - 1, i));
}

/** The last non-null value, for legends. */
export function latest(values: (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v != null) return v;
  }
  return null;
}

export const formats = {
  percent: (v: number) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)}%`,
  ratio: (v: number) => `${(v * 100).toFixed(v < 0.1 ? 2 : 1)}%`,
  bytes: (v: number) => {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let n = v;
    let i = 0;
    while (n >= 1024 && i < units.length - 1) {
      n /= 1024;
      i++;
    }
    return `${n.toFixed(n < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
  },
  rate: (v: number) => (v >= 100 ? `${v.toFixed(0)}/s` : v >= 1 ? `${v.toFixed(1)}/s` : `${v.toFixed(2)}/s`),
  ms: (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`),
  count: (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1)),
};

/** A time label for an axis: clock time for short ranges, day and time for longer ones (local time). */
export function timeLabel(epochSeconds: number, spanSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  if (spanSeconds <= 600) return `${hm}:${String(d.getSeconds()).padStart(2, '0')}`;
  if (spanSeconds <= 86400) return hm;
  return `${d.getMonth() + 1}/${d.getDate()} ${hm}`;
}
