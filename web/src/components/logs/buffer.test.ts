import { describe, expect, it } from 'vitest';
import { LogBuffer } from './buffer';
import type { LogEntry } from './model';

const entry = (n: number, message = `line ${n}`): LogEntry => ({ cursor: String(n), time: '2026-11-25T12:00:00Z', instance: 'web.1', stream: 'stdout', level: 'info', message });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));
const cursors = (b: LogBuffer) => b.rows.map((r) => (r.kind === 'entry' ? r.pos : `gap${r.after}+${r.missed}`));

describe('LogBuffer', () => {
  it('appends in cursor order and skips entries it already has', () => {
    const b = new LogBuffer(100);
    b.add(range(1, 3));
    b.add([entry(3), entry(4), entry(4), entry(5)]);
    expect(cursors(b)).toEqual([1, 2, 3, 4, 5]);
    expect(b.size).toBe(5);
  });

  it('prepends older entries and merges overlapping ones in one pass', () => {
    const b = new LogBuffer(100);
    b.add([entry(10), entry(12), entry(14)]);
    b.add(range(7, 9));
    b.add([entry(11), entry(12), entry(13), entry(15)]);
    expect(cursors(b)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(b.size).toBe(9);
  });

  it('never holds more than its cap: live lines push out the oldest, older pages the newest', () => {
    const b = new LogBuffer(1000);
    for (let i = 0; i < 25; i++) b.add(range(i * 100 + 1, i * 100 + 100));
    expect(b.size).toBe(1000);
    expect(b.rows).toHaveLength(1000);
    expect(b.firstCursor()).toBe(1501);
    expect(b.lastCursor()).toBe(2500);
    expect(b.full).toBe(true);
    const dropped = b.add(range(1001, 1500), 'newest');
    expect(dropped).toBe(500);
    expect(b.firstCursor()).toBe(1001);
    expect(b.lastCursor()).toBe(2000);
  });

  it('holds 100,000 lines by default and stays at that bound under more', () => {
    const b = new LogBuffer();
    b.add(range(1, 100_000));
    b.add(range(100_001, 100_500));
    expect(b.size).toBe(100_000);
    expect(b.firstCursor()).toBe(501);
  });

  it('keeps a gap marker after the entry it follows, and fills it with the missed entries only', () => {
    const b = new LogBuffer(100);
    b.add(range(1, 3));
    b.addGap(3, 4);
    b.add(range(8, 9));
    expect(cursors(b)).toEqual([1, 2, 3, 'gap3+4', 8, 9]);
    // The query may answer entries outside the gap (filters, paging): only 4..7 go in.
    const added = b.fillGap(3, [entry(2), ...range(4, 7), entry(8), entry(20)]);
    expect(added).toBe(0);
    expect(cursors(b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('adds up two gaps at the same place and drops markers that fall off the top', () => {
    const b = new LogBuffer(3);
    b.add(range(1, 2));
    b.addGap(2, 5);
    b.addGap(2, 1);
    expect(cursors(b)).toEqual([1, 2, 'gap2+6']);
    b.add(range(9, 11));
    expect(cursors(b)).toEqual([9, 10, 11]);
  });
});
