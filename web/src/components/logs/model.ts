/** Log entries as the API sends them (docs/logs.md), the viewer's filters, and the same filter in the browser. */

export interface LogEntry {
  cursor: string;
  time: string;
  instance: string;
  processType?: string | null;
  release?: number | null;
  stream: string;
  level: string;
  message: string;
}

export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type Level = (typeof LEVELS)[number];

/** What the user narrowed the view to; the same names as the query parameters of `GET …/logs`. */
export interface LogFilter {
  /** This level or worse. */
  level?: Level | '';
  instance?: string;
  process?: string;
  /** Case-insensitive text, or a regular expression when `regex` is set. */
  q?: string;
  regex?: boolean;
}

/** The server's rank of a level; a line that states none counts as info. */
export function levelRank(level: string | null | undefined): number {
  const i = LEVELS.indexOf((level ?? '').toLowerCase() as Level);
  return i < 0 ? 2 : i;
}

export function levelOf(level: string | null | undefined): Level {
  return LEVELS[levelRank(level)]!;
}

/**
 * The filter as a predicate for live entries, mirroring the server's query: live lines come unfiltered over
 * the WebSocket. A regex the browser cannot compile (Java-only syntax) matches nothing live.
 */
export function matcher(filter: LogFilter): (e: LogEntry) => boolean {
  const min = filter.level ? levelRank(filter.level) : -1;
  const q = filter.q ?? '';
  let text: ((m: string) => boolean) | null = null;
  if (q && filter.regex) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(q);
    } catch {
      re = null;
    }
    text = re ? (m) => re.test(m) : () => false;
  } else if (q) {
    const needle = q.toLowerCase();
    text = (m) => m.toLowerCase().includes(needle);
  }
  return (e) =>
    (min < 0 || levelRank(e.level) >= min) &&
    (!filter.instance || e.instance === filter.instance) &&
    (!filter.process || e.processType === filter.process) &&
    (text === null || text(e.message));
}

/** The query string of `GET …/logs` for a filter plus paging parameters (empty values left out). */
export function queryString(filter: LogFilter, extra: Record<string, string | number | undefined | null> = {}): string {
  const p = new URLSearchParams();
  if (filter.level) p.set('level', filter.level);
  if (filter.instance) p.set('instance', filter.instance);
  if (filter.process) p.set('process', filter.process);
  if (filter.q) {
    p.set('q', filter.q);
    if (filter.regex) p.set('regex', 'true');
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function lineCount(message: string): number {
  let n = 1;
  for (let i = message.indexOf('\n'); i >= 0; i = message.indexOf('\n', i + 1)) n++;
  return n;
}
