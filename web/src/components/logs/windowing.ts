/**
 * Windowing maths for the log list: rows have known heights (a whole number of text lines, since log lines
 * do not wrap), so the top of every row is a prefix sum and the rows on screen are found by binary search.
 * Only those rows (plus an overscan margin) are in the DOM, whatever the number of lines.
 */

/** `offsets[i]` is the top of row i in px; `offsets[n]` the total height. */
export function layout(count: number, heightOf: (i: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + heightOf(i);
  return offsets;
}

/** The row that contains pixel `y` (the last row whose top is at or above it); 0 for an empty list. */
export function rowAt(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface Range {
  /** First row rendered. */
  start: number;
  /** One past the last row rendered. */
  end: number;
}

/** The rows to render for a viewport at `scrollTop` of `height` px, with `overscan` px more above and below. */
export function visibleRange(offsets: Float64Array, scrollTop: number, height: number, overscan: number, maxRows = 400): Range {
  const n = offsets.length - 1;
  if (n <= 0) return { start: 0, end: 0 };
  const start = rowAt(offsets, Math.max(0, scrollTop - overscan));
  let end = rowAt(offsets, scrollTop + height + overscan) + 1;
  // A bound on DOM size even for absurd viewports: never more than maxRows rows at once.
  end = Math.min(n, end, start + maxRows);
  return { start, end };
}

/** The scrollTop that keeps row `index` where it was (the view starting `delta` px into it) after a relayout. */
export function anchoredScrollTop(offsets: Float64Array, index: number, delta: number): number {
  const i = Math.max(0, Math.min(index, offsets.length - 1));
  return Math.max(0, offsets[i]! + delta);
}
