import { describe, expect, it } from 'vitest';
import { anchoredScrollTop, layout, rowAt, visibleRange } from './windowing';

describe('windowing maths', () => {
  it('lays rows out as prefix sums of their heights', () => {
    const o = layout(4, (i) => [20, 60, 20, 40][i]!);
    expect([...o]).toEqual([0, 20, 80, 100, 140]);
  });

  it('finds the row under a pixel by binary search, clamped to the list', () => {
    const o = layout(4, (i) => [20, 60, 20, 40][i]!);
    expect(rowAt(o, 0)).toBe(0);
    expect(rowAt(o, 19.9)).toBe(0);
    expect(rowAt(o, 20)).toBe(1);
    expect(rowAt(o, 79)).toBe(1);
    expect(rowAt(o, 80)).toBe(2);
    expect(rowAt(o, 139)).toBe(3);
    expect(rowAt(o, 10_000)).toBe(3);
    expect(rowAt(o, -5)).toBe(0);
    expect(rowAt(layout(0, () => 20), 50)).toBe(0);
  });

  it('renders only the rows in view plus the overscan, wherever the view is in 100,000 rows', () => {
    const o = layout(100_000, () => 20);
    expect(o[100_000]).toBe(2_000_000);
    expect(visibleRange(o, 0, 600, 200)).toEqual({ start: 0, end: 41 });
    // In the middle: 200 px above (10 rows) + 600 px (30 rows) + 200 px below (10 rows, plus the partial one).
    expect(visibleRange(o, 1_000_000, 600, 200)).toEqual({ start: 49_990, end: 50_041 });
    // At the end: clamped to the last row.
    expect(visibleRange(o, 2_000_000 - 600, 600, 200)).toEqual({ start: 99_960, end: 100_000 });
    expect(visibleRange(layout(0, () => 20), 0, 600, 200)).toEqual({ start: 0, end: 0 });
  });

  it('never renders more than the row bound, even for a huge viewport', () => {
    const o = layout(100_000, () => 20);
    const r = visibleRange(o, 0, 1_000_000, 0, 400);
    expect(r.end - r.start).toBe(400);
  });

  it('handles rows of many lines (stack traces)', () => {
    const heights = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 20 * 30 : 20));
    const o = layout(heights.length, (i) => heights[i]!);
    const r = visibleRange(o, o[500]!, 600, 0);
    expect(r.start).toBe(500);
    // row 500 is 600 px high: it alone fills the view (and the next row starts right at its bottom edge)
    expect(r.end).toBe(502);
  });

  it('keeps an anchored row in place after rows were added above it', () => {
    const before = layout(10, () => 20);
    const top = 95; // row 4, 15 px into it
    const index = rowAt(before, top);
    const delta = top - before[index]!;
    const after = layout(15, () => 20); // five rows prepended: row 4 is now row 9
    expect(anchoredScrollTop(after, index + 5, delta)).toBe(195);
  });
});
