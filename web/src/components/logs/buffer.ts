import { lineCount, type LogEntry } from './model';

/**
 * The most entries the viewer keeps in memory (about 30–60 MB for typical lines). Beyond it the oldest go
 * (or, when loading older lines, no more are loaded); the server keeps everything for queries and downloads.
 */
export const MAX_ENTRIES = 100_000;

/** A loaded entry, or a marker for entries the live stream skipped (a `gap`), placed after cursor `after`. */
export type Row =
  | { kind: 'entry'; pos: number; entry: LogEntry; lines: number }
  | { kind: 'gap'; pos: number; after: number; missed: number; state: 'idle' | 'loading' | 'failed' };

export type GapRow = Extract<Row, { kind: 'gap' }>;

export function entryRow(entry: LogEntry): Row {
  return { kind: 'entry', pos: Number(entry.cursor), entry, lines: lineCount(entry.message) };
}

export function rowKey(row: Row): string {
  return row.kind === 'entry' ? row.entry.cursor : `gap-${row.after}`;
}

/**
 * The rows on screen, sorted by cursor (a gap marker sorts just after the entry it follows), with at most
 * `cap` entries. Mutable for speed with 100,000 rows; `version` changes with every change.
 */
export class LogBuffer {
  rows: Row[] = [];
  version = 0;
  private entries = 0;

  constructor(readonly cap: number = MAX_ENTRIES) {}

  get size(): number {
    return this.entries;
  }

  get full(): boolean {
    return this.entries >= this.cap;
  }

  firstCursor(): number | null {
    for (const r of this.rows) if (r.kind === 'entry') return r.pos;
    return null;
  }

  lastCursor(): number | null {
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const r = this.rows[i]!;
      if (r.kind === 'entry') return r.pos;
    }
    return null;
  }

  clear(): void {
    this.rows = [];
    this.entries = 0;
    this.version++;
  }

  /**
   * Adds entries in cursor order, skipping ones already there. When over the cap, drops from the `trim` end
   * (the oldest for live lines, the newest when older lines were loaded) and returns how many went.
   */
  add(entries: LogEntry[], trim: 'oldest' | 'newest' = 'oldest'): number {
    if (entries.length === 0) return 0;
    const sorted = entries.map(entryRow).sort((a, b) => a.pos - b.pos);
    const fresh = sorted.filter((r, i) => i === 0 || r.pos !== sorted[i - 1]!.pos);
    const last = this.rows.length ? this.rows[this.rows.length - 1]!.pos : -Infinity;
    const first = this.rows.length ? this.rows[0]!.pos : Infinity;
    let added = fresh.length;
    if (fresh[0]!.pos > last) {
      for (const r of fresh) this.rows.push(r);
    } else if (fresh[fresh.length - 1]!.pos < first) {
      this.rows = fresh.concat(this.rows);
    } else {
      // Overlapping ranges: one merge pass, O(rows + entries), keeping what is already there.
      const merged: Row[] = [];
      let a = 0;
      let b = 0;
      added = 0;
      while (a < this.rows.length || b < fresh.length) {
        const ra = this.rows[a];
        const rb = fresh[b];
        if (rb === undefined || (ra !== undefined && ra.pos < rb.pos)) {
          merged.push(ra!);
          a++;
        } else if (ra !== undefined && ra.pos === rb.pos) {
          merged.push(ra);
          a++;
          b++;
        } else {
          merged.push(rb);
          added++;
          b++;
        }
      }
      this.rows = merged;
    }
    this.entries += added;
    this.version++;
    return this.trim(trim);
  }

  /** Marks that `missed` entries after cursor `after` were not delivered live. */
  addGap(after: number, missed: number): GapRow {
    const gap: GapRow = { kind: 'gap', pos: after + 0.5, after, missed, state: 'idle' };
    const i = this.indexOfPos(gap.pos);
    if (this.rows[i]?.pos === gap.pos) {
      const old = this.rows[i] as GapRow;
      this.rows[i] = { ...old, missed: old.missed + missed };
    } else {
      this.rows.splice(i, 0, gap);
    }
    this.version++;
    return this.rows[i] as GapRow;
  }

  gaps(): GapRow[] {
    return this.rows.filter((r): r is GapRow => r.kind === 'gap');
  }

  setGapState(after: number, state: GapRow['state']): void {
    const i = this.indexOfPos(after + 0.5);
    const r = this.rows[i];
    if (r?.kind === 'gap' && r.pos === after + 0.5) {
      this.rows[i] = { ...r, state };
      this.version++;
    }
  }

  /** Puts the entries a gap stood for in its place (those within its range) and removes the marker. */
  fillGap(after: number, entries: LogEntry[]): number {
    const i = this.indexOfPos(after + 0.5);
    const r = this.rows[i];
    if (r?.kind !== 'gap' || r.pos !== after + 0.5) return 0;
    this.rows.splice(i, 1);
    this.version++;
    const inRange = entries.filter((e) => Number(e.cursor) > r.after && Number(e.cursor) <= r.after + r.missed);
    return this.add(inRange, 'oldest');
  }

  private indexOfPos(pos: number): number {
    return indexOfPos(this.rows, pos);
  }

  private trim(end: 'oldest' | 'newest'): number {
    let over = this.entries - this.cap;
    if (over <= 0) return 0;
    const dropped = over;
    if (end === 'oldest') {
      let cut = 0;
      while (over > 0 || this.rows[cut]?.kind === 'gap') {
        if (this.rows[cut]!.kind === 'entry') over--;
        cut++;
      }
      this.rows = this.rows.slice(cut);
    } else {
      let keep = this.rows.length;
      while (over > 0 || this.rows[keep - 1]?.kind === 'gap') {
        if (this.rows[keep - 1]!.kind === 'entry') over--;
        keep--;
      }
      this.rows.length = keep;
    }
    this.entries -= dropped;
    this.version++;
    return dropped;
  }
}

/** Index of the first row with pos >= `pos` (binary search; rows.length when there is none). */
export function indexOfPos(rows: Row[], pos: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.pos < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
