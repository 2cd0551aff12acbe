import type { Listener } from '../../realtime/socket';
import { LogBuffer } from './buffer';
import { fetchAround, fetchBefore, fetchRange, fetchTail, newestCursor, type LogApi } from './api';
import { matcher, type LogEntry, type LogFilter } from './model';

/** What the viewer needs of the real-time client (`realtime` in production, a fake in tests). */
export interface Channels {
  subscribe(channel: string, listener: Listener, since?: number): () => void;
}

/** `live`: the newest lines, following new ones; `history`: lines around a time the user jumped to. */
export type Mode = 'live' | 'history';

export interface ViewState {
  filter: LogFilter;
  /** How many of the newest lines a (re)load fetches. */
  tail: number;
  mode: Mode;
  /** Live and scrolled to the end: new lines scroll into view. Paused: they are added and counted. */
  following: boolean;
  /** Lines that arrived while paused (or while viewing history). */
  unseen: number;
  loading: boolean;
  error: string | null;
  /** Cursor to load older lines before the first one shown; null when there are none. */
  older: string | null;
  /** In history mode: whether there are newer lines than the last one shown. */
  newer: boolean;
  /** The time jumped to, and the first line at or after it (to scroll to). */
  around: string | null;
  focus: string | null;
  version: number;
}

export const TAIL_CHOICES = [1_000, 10_000, 100_000] as const;
const PAGE_MORE = 1_000;
const AROUND = 500;

export interface SessionOptions {
  /** Batches live lines: calls `flush` soon (default: after 100 ms, so 10,000 lines/s is 10 renders/s). */
  schedule?: (flush: () => void) => void;
}

/**
 * One open log viewer: loads lines over REST, follows the `logs:<app>/<env>` channel from the newest cursor
 * so nothing falls between the two, keeps them in a bounded {@link LogBuffer}, turns `gap` messages into
 * markers that can load what was missed, and answers filters, paging, jumps and downloads.
 */
export class LogSession {
  readonly buffer = new LogBuffer();
  state: ViewState = {
    filter: {}, tail: TAIL_CHOICES[0], mode: 'live', following: true, unseen: 0, loading: true, error: null,
    older: null, newer: false, around: null, focus: null, version: 0,
  };
  private readonly listeners = new Set<() => void>();
  private readonly schedule: (flush: () => void) => void;
  private matches: (e: LogEntry) => boolean = () => true;
  private off: (() => void) | null = null;
  private pending: LogEntry[] = [];
  private flushScheduled = false;
  /** Live lines (and gaps) that arrive while a load is in flight; merged when it lands. */
  private held: { entries: LogEntry[]; gaps: [number, number][] } | null = null;
  /** The last seq seen on the channel, whatever the filter: where the next gap starts. */
  private lastSeen = 0;
  private generation = 0;
  private stopped = false;

  constructor(private readonly api: LogApi, private readonly channels: Channels, private readonly base: string,
    private readonly channel: string, options: SessionOptions = {}) {
    this.schedule = options.schedule ?? ((f) => void setTimeout(f, 100));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): ViewState => this.state;

  async start(filter: LogFilter = {}, tail: number = this.state.tail): Promise<void> {
    this.state = { ...this.state, filter, tail };
    this.matches = matcher(filter);
    this.held = { entries: [], gaps: [] };
    try {
      this.lastSeen = await newestCursor(this.api, this.base);
    } catch (e) {
      this.set({ loading: false, error: message(e) });
      return;
    }
    if (this.stopped) return;
    this.off = this.channels.subscribe(this.channel, (m) => this.onMessage(m), this.lastSeen);
    await this.reload();
  }

  /** After an error: starts again, or reloads when already following. */
  retry(): Promise<void> {
    if (!this.off) return this.start(this.state.filter, this.state.tail);
    return this.state.mode === 'history' && this.state.around ? this.jumpTo(this.state.around) : this.reload();
  }

  stop(): void {
    this.stopped = true;
    this.off?.();
    this.off = null;
  }

  setFilter(filter: LogFilter): Promise<void> {
    this.state = { ...this.state, filter };
    this.matches = matcher(filter);
    return this.state.mode === 'history' && this.state.around ? this.jumpTo(this.state.around) : this.reload();
  }

  setTail(tail: number): Promise<void> {
    this.state = { ...this.state, tail };
    return this.reload();
  }

  pause(): void {
    if (this.state.following) this.set({ following: false, unseen: 0 });
  }

  /** Back to following the newest lines (from history: reloads them first). */
  resume(): Promise<void> {
    if (this.state.mode === 'history') {
      this.state = { ...this.state, mode: 'live', around: null, focus: null, newer: false };
      return this.reload();
    }
    this.set({ following: true, unseen: 0 });
    return Promise.resolve();
  }

  /** Replaces the lines by the newest `tail` ones matching the filter, then follows. */
  async reload(): Promise<void> {
    const gen = ++this.generation;
    this.held ??= { entries: [], gaps: [] };
    this.pending = []; // arrived before the request below, so it returns them if they match
    this.set({ loading: true, error: null });
    try {
      const { items, older } = await fetchTail(this.api, this.base, this.state.filter, this.state.tail);
      if (gen !== this.generation) return;
      this.buffer.clear();
      this.buffer.add(items);
      const held = this.held;
      this.held = null;
      const top = this.buffer.lastCursor() ?? 0;
      this.buffer.add(held.entries.filter((e) => Number(e.cursor) > top));
      // A gap wholly before the newest loaded line was covered by the load itself.
      for (const [after, missed] of held.gaps) if (after + missed > top) this.buffer.addGap(after, missed);
      this.set({ loading: false, older, mode: 'live', following: true, unseen: 0, focus: null, around: null, newer: false });
    } catch (e) {
      if (gen === this.generation) {
        this.held = null;
        this.set({ loading: false, error: message(e) });
      }
    }
  }

  /** Loads a page of lines before the first one shown, as long as the buffer has room. */
  async loadOlder(): Promise<void> {
    const room = this.buffer.cap - this.buffer.size;
    if (!this.state.older || room <= 0 || this.state.loading) return;
    const gen = this.generation;
    this.set({ loading: true });
    try {
      const { items, older } = await fetchBefore(this.api, this.base, this.state.filter, this.state.older, Math.min(PAGE_MORE, room));
      if (gen !== this.generation) return;
      this.buffer.add(items, 'newest');
      this.set({ loading: false, older });
    } catch (e) {
      if (gen === this.generation) this.set({ loading: false, error: message(e) });
    }
  }

  /** In history mode: the next page after the last line shown. */
  async loadNewer(): Promise<void> {
    const last = this.buffer.lastCursor();
    if (this.state.mode !== 'history' || last === null || this.state.loading) return;
    const gen = this.generation;
    this.set({ loading: true });
    try {
      const items: LogEntry[] = [];
      const { complete } = await fetchRange(this.api, this.base, this.state.filter, last, Number.MAX_SAFE_INTEGER, PAGE_MORE, (p) => items.push(...p));
      if (gen !== this.generation) return;
      const dropped = this.buffer.add(items, 'oldest');
      this.set({ loading: false, newer: !complete, older: dropped > 0 ? String(this.buffer.firstCursor()) : this.state.older });
    } catch (e) {
      if (gen === this.generation) this.set({ loading: false, error: message(e) });
    }
  }

  /** Fetches the lines a gap marker stands for (those matching the filter) and puts them in its place. */
  async loadGap(after: number): Promise<void> {
    const gap = this.buffer.gaps().find((g) => g.after === after);
    if (!gap || gap.state === 'loading') return;
    this.buffer.setGapState(after, 'loading');
    this.set({});
    try {
      const items: LogEntry[] = [];
      await fetchRange(this.api, this.base, this.state.filter, gap.after, gap.after + gap.missed, this.buffer.cap, (p) => items.push(...p));
      this.buffer.fillGap(after, items);
      this.set({});
    } catch (e) {
      this.buffer.setGapState(after, 'failed');
      this.set({ error: message(e) });
    }
  }

  /** Shows the lines around `time` (ISO-8601); live lines are counted, not shown, until `resume`. */
  async jumpTo(time: string): Promise<void> {
    const gen = ++this.generation;
    this.held = null;
    this.pending = [];
    this.set({ loading: true, error: null, mode: 'history', following: false, unseen: 0, around: time });
    try {
      const { items, older, newer } = await fetchAround(this.api, this.base, this.state.filter, time, AROUND);
      if (gen !== this.generation) return;
      this.buffer.clear();
      this.buffer.add(items);
      const at = Date.parse(time);
      const focus = items.find((e) => Date.parse(e.time) >= at)?.cursor ?? items[items.length - 1]?.cursor ?? null;
      this.set({ loading: false, older, newer: newer !== null, focus });
    } catch (e) {
      if (gen === this.generation) this.set({ loading: false, error: message(e) });
    }
  }

  /**
   * Every entry of the current query over the range shown (from the first line to the last, gaps included),
   * fetched from the server page by page, as plain text or NDJSON.
   */
  async download(format: 'text' | 'ndjson', max = 1_000_000): Promise<{ body: string; count: number; complete: boolean }> {
    const first = this.buffer.firstCursor();
    const last = this.buffer.lastCursor();
    if (first === null || last === null) return { body: '', count: 0, complete: true };
    const chunks: string[] = [];
    const { count, complete } = await fetchRange(this.api, this.base, this.state.filter, first - 1, last, max, (page) => {
      chunks.push(format === 'ndjson' ? page.map((e) => JSON.stringify(e)).join('\n') + '\n' : page.map(textLine).join(''));
    });
    return { body: chunks.join(''), count, complete };
  }

  private onMessage(m: Parameters<Listener>[0]): void {
    if (m.type === 'gap') {
      const after = this.lastSeen;
      this.lastSeen += m.missed;
      if (m.missed <= 0) return;
      if (this.held) this.held.gaps.push([after, m.missed]);
      else if (this.state.mode === 'live') {
        this.flush();
        this.buffer.addGap(after, m.missed);
        this.set({});
      }
      return;
    }
    this.lastSeen = Math.max(this.lastSeen, m.seq);
    const entry = m.data as LogEntry;
    if (!entry || typeof entry.message !== 'string' || !this.matches(entry)) return;
    if (this.held) {
      this.held.entries.push(entry);
    } else if (this.state.mode === 'history') {
      this.set({ unseen: this.state.unseen + 1 });
    } else {
      this.pending.push(entry);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        this.schedule(() => this.flush());
      }
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0 || this.held) return;
    const batch = this.pending;
    this.pending = [];
    const before = this.buffer.size;
    const dropped = this.buffer.add(batch, 'oldest');
    const added = this.buffer.size - before + dropped;
    this.set({
      unseen: this.state.following ? 0 : this.state.unseen + added,
      older: dropped > 0 ? String(this.buffer.firstCursor()) : this.state.older,
    });
  }

  private set(patch: Partial<ViewState>): void {
    if (this.stopped) return;
    this.state = { ...this.state, ...patch, version: this.state.version + 1 };
    for (const l of this.listeners) l();
  }
}

/** One line of a text download: time, instance, stream, level, message (continuation lines indented). */
export function textLine(e: LogEntry): string {
  return `${e.time} ${e.instance} ${e.stream} ${e.level.toUpperCase()} ${e.message.replace(/\n/g, '\n    ')}\n`;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
